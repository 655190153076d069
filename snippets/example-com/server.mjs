// www.example.com 대신 쓰는 작은 서버입니다.
// 브라우저 안(WebContainer)에서는 바깥 인터넷으로 요청을 보낼 수 없으므로,
// 강의가 요청하던 www.example.com과 같은 페이지를 이 서버가 대신 돌려줍니다.
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 8080);

const page = `<!doctype html>
<html>
<head>
    <title>Example Domain</title>
    <meta charset="utf-8">
</head>
<body>
<div>
    <h1>Example Domain</h1>
    <p>This domain is for use in documentation examples without needing permission.</p>
    <p><a href="https://www.iana.org/help/example-domains">Learn more</a></p>
</div>
</body>
</html>
`;

const server = createServer((req, res) => {
  // 어떤 클라이언트가 무엇을 요청했는지 서버 쪽 터미널에 한 줄씩 남깁니다.
  console.log(
    `${req.method} ${req.url} HTTP/${req.httpVersion} — ${req.headers['user-agent'] ?? '(User-Agent 없음)'}`,
  );

  if (req.url !== '/' && req.url !== '/index.html') {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Not Found\n');
    return;
  }
  const body = Buffer.from(page);
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=UTF-8',
    'Content-Length': body.length,
    'Cache-Control': 'max-age=604800',
    'Last-Modified': 'Thu, 17 Oct 2019 07:18:26 GMT',
  });
  // HEAD 요청이면 Node가 본문을 알아서 빼고 보냅니다.
  res.end(body);
});

server.listen(port, '127.0.0.1', () => {
  console.log(`www.example.com 대역 서버: http://localhost:${port}/`);
});
