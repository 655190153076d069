// 앞단 웹 서버: 첫 화면은 직접 답하고, /app/ 으로 시작하는 요청은 애플리케이션 서버에 넘깁니다.
//   node front.mjs http://127.0.0.1:8001
import { createServer, request } from 'node:http';

const port = Number(process.env.PORT ?? 8080);
const appUrl = process.argv[2] ?? 'http://127.0.0.1:8001';

const server = createServer((req, res) => {
  console.log(`${req.method} ${req.url}`);

  if (req.url.startsWith('/app/')) {
    // 원래 클라이언트가 누구였는지는 앞단만 압니다. 헤더에 적어 앱 서버에 알려 줍니다.
    const headers = { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress };
    const appReq = request(
      appUrl + req.url,
      { method: req.method, headers },
      (appRes) => {
        res.writeHead(appRes.statusCode, appRes.headers);
        appRes.pipe(res);
      },
    );
    appReq.on('error', (error) => {
      res.writeHead(502, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`앱 서버에 닿지 못했습니다: ${error.code ?? error.message}\n`);
    });
    req.pipe(appReq); // 요청 본문(있다면)도 그대로 넘깁니다
    return;
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
