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

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
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
    const title = (await readForm(req)).get('title')?.trim();
    if (!title) return sendJson(res, 400, { error: '제목(title)이 비었습니다' });
    const book = { id: (books.at(-1)?.id ?? 0) + 1, title };
    books.push(book);
    // 201: 새 리소스가 생겼습니다. 어디에 생겼는지는 Location이 알려 줍니다.
    return sendJson(res, 201, book, { Location: `/books/${book.id}` });
  }

  sendJson(res, 404, { error: '없는 주소' });
});

server.listen(port, () => console.log(`책 서버: http://localhost:${port}/books`));
