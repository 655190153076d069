// 책 목록을 메모리에 들고 있는 작은 REST 서버입니다.
//   GET /books        목록
//   GET /books/<번호>  책 한 권
//   POST /books       새 책 (본문: title=...)
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

const server = createServer(async (req, res) => {
  const { pathname } = new URL(req.url, 'http://localhost');
  console.log(`${req.method} ${req.url}`);

  if (req.method === 'GET' && pathname === '/books') return sendJson(res, 200, books);

  const one = /^\/books\/(\d+)$/.exec(pathname);
  if (req.method === 'GET' && one) {
    const book = books.find((b) => b.id === Number(one[1]));
    return book ? sendJson(res, 200, book) : sendJson(res, 404, { error: '없는 책' });
  }

  if (req.method === 'POST' && pathname === '/books') {
    // TODO: 본문(title=...)을 읽어 새 책을 books에 더하고,
    //       201 Created와 Location 헤더로 답하세요. 제목이 비었으면 400입니다.
    return sendJson(res, 200, books);
  }

  sendJson(res, 404, { error: '없는 주소' });
});

server.listen(port, () => console.log(`책 서버: http://localhost:${port}/books`));
