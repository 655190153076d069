// 같은 폼 데이터를 GET(쿼리 문자열)과 POST(요청 본문)로 보내 보고, 서버가 받은 그대로 되돌려 줍니다.
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 8888);

// 폼 두 개의 차이는 method 속성 하나뿐입니다.
const page = `<!doctype html>
<html lang="ko">
<head><meta charset="utf-8"><title>GET과 POST</title></head>
<body>
  <h1>문서 검색</h1>
  <form method="get" action="/search">
    <input name="q" value="forms"> <input name="release" value="1">
    <button>GET으로 보내기</button>
  </form>
  <form method="post" action="/search">
    <input name="q" value="forms"> <input name="release" value="1">
    <button>POST로 보내기</button>
  </form>
</body>
</html>
`;

async function readBody(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url, `http://${req.headers.host}`);
  console.log(`${req.method} ${req.url}`);

  if (url.pathname === '/') {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    return res.end(page);
  }
  if (url.pathname !== '/search') {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    return res.end('없는 페이지입니다\n');
  }

  const body = await readBody(req);
  const type = req.headers['content-type'] ?? '';
  // GET이면 값이 주소의 ? 뒤에, POST면 본문에 있습니다. 인코딩 규칙은 둘 다 같습니다.
  const fields = type.startsWith('application/x-www-form-urlencoded')
    ? new URLSearchParams(body)
    : url.searchParams;

  const lines = [
    `메서드: ${req.method}`,
    `요청 대상: ${req.url}`,
    `쿼리 문자열: ${url.search.slice(1) || '(없음)'}`,
    `Content-Type: ${type || '(없음)'}`,
    `본문: ${body || '(없음)'}`,
    '받은 값:',
    ...[...fields].map(([name, value]) => `  ${name} = ${value}`),
  ];
  res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(lines.join('\n') + '\n');
});

server.listen(port, '127.0.0.1', () => {
  console.log(`폼 페이지: http://localhost:${port}/`);
});
