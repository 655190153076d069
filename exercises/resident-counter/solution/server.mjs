// 방문 횟수를 세는 애플리케이션 서버입니다.
//   /visit?name=kim   kim님의 몇 번째 방문인지
//   /stats            지금까지의 방문 요청 수 (JSON)
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 8001);

// 프로세스가 살아 있는 동안 남는 값: CGI 스크립트는 가질 수 없는 것입니다.
const visits = new Map();
let total = 0;

function send(res, status, type, text) {
  res.writeHead(status, { 'Content-Type': `${type}; charset=utf-8` });
  res.end(text);
}

const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');

  if (url.pathname === '/visit') {
    const name = url.searchParams.get('name') ?? '손님';
    total += 1;
    visits.set(name, (visits.get(name) ?? 0) + 1);
    return send(
      res,
      200,
      'text/plain',
      `${name}님의 ${visits.get(name)}번째 방문입니다.\n`,
    );
  }
  if (url.pathname === '/stats') {
    return send(res, 200, 'application/json', JSON.stringify({ total }));
  }
  send(res, 404, 'text/plain', '없는 주소입니다.\n');
});

server.listen(port, () =>
  console.log(
    `방문 세기 서버(pid ${process.pid}): http://localhost:${port}/visit?name=web`,
  ),
);
