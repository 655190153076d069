// www.example.com 대신 쓰는 작은 서버입니다.
// 브라우저 안(WebContainer)에서는 바깥 인터넷으로 요청을 보낼 수 없으므로,
// 강의가 요청하던 www.example.com과 같은 페이지를 이 서버가 대신 돌려줍니다.
import { createHash } from 'node:crypto';
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

// 강의의 telnet 화면에 찍힌 www.example.com의 응답 헤더를 같은 순서로 흉내 냅니다.
// 그때 example.com 앞에는 Edgecast라는 CDN(콘텐츠 전송 네트워크)의 캐시 서버가 있었습니다.
const body = Buffer.from(page);
const ONE_WEEK = 604800; // 초
// ETag: 이 내용의 지문입니다. 내용이 바뀌면 값도 바뀝니다.
const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 10)}"`;

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
  const now = new Date();
  const headers = {
    'Accept-Ranges': 'bytes', // 파일의 일부만 달라는 요청(Range)도 받는다는 뜻
    'Cache-Control': `max-age=${ONE_WEEK}`, // 받은 뒤 일주일 동안은 다시 묻지 않고 써도 된다
    'Content-Type': 'text/html; charset=UTF-8',
    Date: now.toUTCString(), // 응답을 만든 시각
    ETag: etag,
    Expires: new Date(now.getTime() + ONE_WEEK * 1000).toUTCString(), // 옛 방식의 "언제까지 유효"
    'Last-Modified': 'Thu, 17 Oct 2019 07:18:26 GMT', // 내용이 마지막으로 바뀐 시각
    Server: 'web-book-stand-in (Node.js)', // 응답한 서버 프로그램. 강의 때는 Edgecast의 ECS
    'X-Cache': 'HIT', // CDN이 붙이던 표시: 캐시에 있던 사본으로 답했다(이 대역 서버에는 캐시가 없습니다)
  };
  // 클라이언트가 가진 사본의 ETag를 보내 오면(If-None-Match) 본문 없이 "그대로다"라고만 답합니다.
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Length': body.length });
  // HEAD 요청이면 Node가 본문을 알아서 빼고 보냅니다.
  res.end(body);
});

server.listen(port, '127.0.0.1', () => {
  console.log(`www.example.com 대역 서버: http://localhost:${port}/`);
});
