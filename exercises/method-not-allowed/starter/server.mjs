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

  // TODO: 이 주소가 받는 메서드가 아니면 405 Method Not Allowed로 답하고,
  //       받는 메서드를 Allow 헤더에 적으세요.

  if (req.method === 'POST')
    return sendJson(res, 201, { note: '(여기서는 만들지 않습니다)' });
  if (req.method === 'PUT')
    return sendJson(res, 200, { note: '(여기서는 고치지 않습니다)' });

  // 지금은 GET이 아닌 메서드도 모두 여기까지 와서 책을 보여 줍니다.
  if (!one) return sendJson(res, 200, books);
  const book = books.find((b) => b.id === Number(one[1]));
  sendJson(res, book ? 200 : 404, book ?? { error: '없는 책' });
});

server.listen(port, () => console.log(`책 서버: http://localhost:${port}/books`));
