// BaseHTTPRequestHandler 처럼: 요청의 메서드 이름으로 처리 함수를 찾고, 없으면 501 입니다.
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 8888);

/** GET 과 HEAD 가 함께 쓰는 응답. withBody 가 거짓이면 헤더까지만 보냅니다. */
function page(req, res, withBody) {
  const body = `<h1>작은 서버</h1><p>요청한 경로: ${encodeURI(req.url)}</p>\n`;
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(body), // HEAD 에도 GET 의 길이를 그대로 알려 줍니다
  });
  res.end(withBody ? body : undefined);
}

const handler = {
  GET: (req, res) => page(req, res, true),
  HEAD: (req, res) => page(req, res, false),
};

const server = createServer((req, res) => {
  res.on('finish', () =>
    console.log(`"${req.method} ${req.url} HTTP/${req.httpVersion}" ${res.statusCode}`),
  );
  const doMethod = handler[req.method];
  if (!doMethod) {
    const body = `Unsupported method ('${req.method}')\n`;
    res.writeHead(501, {
      'Content-Type': 'text/plain; charset=utf-8',
      Allow: Object.keys(handler).join(', '),
    });
    return res.end(body);
  }
  doMethod(req, res);
});

server.listen(port, () => console.log(`웹 서버: http://127.0.0.1:${port}/`));
