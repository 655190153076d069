// 정적 페이지와 동적 페이지를 한 서버에서 나란히 보여 줍니다.
// /hello.html 은 저장된 파일을 그대로, /now 는 요청이 올 때마다 코드가 HTML을 새로 만듭니다.
import { readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { escapeHtml } from '../_shared/html.mjs';

const port = Number(process.env.PORT ?? 8888);
let visits = 0;

const server = createServer((req, res) => {
  const { pathname, searchParams } = new URL(req.url, 'http://localhost');
  console.log(`${req.method} ${req.url}`);

  if (pathname === '/hello.html') {
    // 정적: 파일을 읽어 그대로 보냅니다. 파일이 바뀌기 전까지 응답은 언제나 같습니다.
    const file = 'public/hello.html';
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Last-Modified': statSync(file).mtime.toUTCString(),
    });
    res.end(readFileSync(file));
    return;
  }

  if (pathname === '/now') {
    // 동적: 요청 시점의 정보(방문 순서, 시각, 쿼리 문자열)로 HTML을 만들어 냅니다.
    visits += 1;
    const name = searchParams.get('name') ?? '손님';
    // 사용자가 보낸 글자는 escapeHtml로 바꿔 넣습니다. 그래야 태그로 해석되지 않습니다.
    const html = `<!doctype html>
<html lang="ko">
  <head><meta charset="utf-8"><title>동적 페이지</title></head>
  <body>
    <h1>${escapeHtml(name)}님, 안녕하세요</h1>
    <p>이 페이지는 방금 만들어졌습니다. ${visits}번째 방문, 서버 시각 ${new Date().toISOString()}</p>
  </body>
</html>
`;
    // 매번 달라지는 페이지라서 캐시하지 말라고 알려 줍니다.
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    res.end(html);
    return;
  }

  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('없는 페이지입니다.\n');
});

server.listen(port, '127.0.0.1', () => {
  console.log(
    `정적: http://localhost:${port}/hello.html  동적: http://localhost:${port}/now`,
  );
});
