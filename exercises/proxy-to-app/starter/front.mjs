// 앞단 웹 서버: 첫 화면은 직접 답하고, /app/ 으로 시작하는 요청은 애플리케이션 서버에 넘깁니다.
//   node front.mjs http://127.0.0.1:8001
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 8080);
const appUrl = process.argv[2] ?? 'http://127.0.0.1:8001';

const server = createServer((req, res) => {
  console.log(`${req.method} ${req.url}`);

  if (req.url.startsWith('/app/')) {
    // TODO: 같은 메서드, 경로, 헤더로 appUrl 에 요청을 보내고,
    //       받은 상태 코드, 헤더, 본문을 그대로 돌려주세요.
    //       X-Forwarded-For 헤더에 req.socket.remoteAddress 를 담고,
    //       앱 서버에 닿지 못하면 502 Bad Gateway 입니다.
    res.writeHead(501, { 'Content-Type': 'text/plain; charset=utf-8' });
    return res.end('아직 앱 서버에 넘기지 않습니다.\n');
  }

  if (req.url === '/') {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    return res.end(
      '<h1>앞단 웹 서버</h1><p><a href="/app/hello?name=web">앱에게 인사하기</a></p>\n',
    );
  }

  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('없는 주소입니다.\n');
});

server.listen(port, () =>
  console.log(`앞단 웹 서버: http://localhost:${port}/ → 앱 ${appUrl}`),
);
