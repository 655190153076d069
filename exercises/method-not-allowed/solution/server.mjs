// 주소마다 받을 수 있는 메서드가 정해진 책 서버입니다.
//   /books    GET, HEAD, POST
//   /books/1  GET, HEAD, PUT
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 8000);
const books = [
  { id: 1, title: '웹의 원리' },
  { id: 2, title: '손으로 쓰는 서버' },
];

function sendJson(res, status, value, headers = {}) {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

const server = createServer((req, res) => {
  const { pathname } = new URL(req.url, 'http://localhost');
  const one = /^\/books\/(\d+)$/.exec(pathname);
  if (pathname !== '/books' && !one) return sendJson(res, 404, { error: '없는 주소' });

  // 405에는 Allow 헤더가 따라가야 합니다 (RFC 9110 15.5.6).
  const allowed = one ? ['GET', 'HEAD', 'PUT'] : ['GET', 'HEAD', 'POST'];
  if (!allowed.includes(req.method)) {
    return sendJson(
      res,
      405,
      { error: `${req.method}은(는) 이 주소에서 받지 않습니다` },
      { Allow: allowed.join(', ') },
    );
  }

  if (req.method === 'POST')
    return sendJson(res, 201, { note: '(여기서는 만들지 않습니다)' });
  if (req.method === 'PUT')
    return sendJson(res, 200, { note: '(여기서는 고치지 않습니다)' });

  // GET과 HEAD: HEAD에는 Node가 본문을 빼고 헤더만 보냅니다.
  if (!one) return sendJson(res, 200, books);
  const book = books.find((b) => b.id === Number(one[1]));
  sendJson(res, book ? 200 : 404, book ?? { error: '없는 책' });
});

server.listen(port, () => console.log(`책 서버: http://localhost:${port}/books`));
