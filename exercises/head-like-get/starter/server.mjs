// BaseHTTPRequestHandler 처럼: 요청의 메서드 이름으로 처리 함수를 찾고, 없으면 501 입니다.
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 8888);

const handler = {
  GET(req, res) {
    const body = `<h1>작은 서버</h1><p>요청한 경로: ${encodeURI(req.url)}</p>\n`;
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
    });
    res.end(body);
  },
  // TODO: HEAD 를 더하세요. GET 과 같은 상태 줄과 헤더를 보내고, 본문만 보내지 않습니다.
};

const server = createServer((req, res) => {
  res.on('finish', () =>
    console.log(`"${req.method} ${req.url} HTTP/${req.httpVersion}" ${res.statusCode}`),
  );
  const doMethod = handler[req.method];
  if (!doMethod) {
    // TODO: 받는 메서드를 Allow 헤더로 알려 주세요.
    const body = `Unsupported method ('${req.method}')\n`;
    res.writeHead(501, { 'Content-Type': 'text/plain; charset=utf-8' });
    return res.end(body);
  }
  doMethod(req, res);
});

server.listen(port, () => console.log(`웹 서버: http://127.0.0.1:${port}/`));
