// GET 에는 안내를, POST 에는 받은 본문을 돌려주는 서버입니다 (BaseHTTPRequestHandler 의 do_GET, do_POST).
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 8888);

function sendText(res, status, text) {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

const handler = {
  GET(req, res) {
    sendText(res, 200, 'POST로 무엇이든 보내 보세요. 받은 그대로 돌려드립니다.\n');
  },
  async POST(req, res) {
    // 본문은 조각으로 옵니다. 파이썬의 self.rfile.read(길이)처럼 끝까지 모읍니다.
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = Buffer.concat(chunks);
    if (body.length === 0) return sendText(res, 400, '본문이 비었습니다.\n');
    sendText(res, 200, `받은 본문 (${body.length}바이트): ${body.toString('utf8')}\n`);
  },
};

const server = createServer((req, res) => {
  res.on('finish', () =>
    console.log(`"${req.method} ${req.url} HTTP/${req.httpVersion}" ${res.statusCode}`),
  );
  const doMethod = handler[req.method];
  if (!doMethod) return sendText(res, 501, `Unsupported method ('${req.method}')\n`);
  doMethod(req, res);
});

server.listen(port, () => console.log(`웹 서버: http://127.0.0.1:${port}/`));
