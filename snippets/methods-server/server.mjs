// 책 목록이라는 리소스 하나를 여섯 가지 메서드로 다루는 서버입니다.
// /books 는 모음(collection), /books/1 같은 주소는 그 안의 책 한 권을 가리킵니다.
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 8888);

// 데이터베이스 대신 메모리에 둡니다. 서버를 다시 켜면 처음 두 권으로 돌아갑니다.
const books = new Map([
  [1, { id: 1, title: '햄릿', author: '셰익스피어' }],
  [2, { id: 2, title: '맥베스', author: '셰익스피어' }],
]);
let nextId = 3;

// 주소마다 받아 주는 메서드가 다릅니다. OPTIONS와 405 응답의 Allow 헤더가 이 목록입니다.
const ALLOW_COLLECTION = 'GET, HEAD, POST, OPTIONS';
const ALLOW_ITEM = 'GET, HEAD, PUT, DELETE, OPTIONS';

function send(res, status, data, headers = {}) {
  const body = data === undefined ? '' : JSON.stringify(data) + '\n';
  res.writeHead(status, {
    // 204에는 본문이 없다는 것이 상태 코드에 이미 들어 있어서 Content-Length를 보내면 안 됩니다.
    ...(status !== 204 && {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
    }),
    ...headers,
  });
  // HEAD 요청이면 Node가 본문은 빼고 헤더만 보냅니다. GET과 같은 헤더가 나가는 것이 요점입니다.
  res.end(body);
}

async function readJson(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  try {
    const data = JSON.parse(text);
    return typeof data?.title === 'string' ? data : undefined;
  } catch {
    return undefined;
  }
}

async function handle(req, res) {
  const { pathname } = new URL(req.url, 'http://localhost');

  if (pathname === '/books') {
    switch (req.method) {
      case 'GET':
      case 'HEAD':
        return send(res, 200, [...books.values()]);
      case 'POST': {
        // 새 책의 번호는 서버가 정합니다. 그래서 만든 뒤 그 주소를 Location으로 알려 줍니다.
        const data = await readJson(req);
        if (!data)
          return send(res, 400, { error: 'title이 있는 JSON 본문이 필요합니다' });
        const book = { id: nextId++, title: data.title, author: data.author ?? '' };
        books.set(book.id, book);
        return send(res, 201, book, { Location: `/books/${book.id}` });
      }
      case 'OPTIONS':
        return send(res, 204, undefined, { Allow: ALLOW_COLLECTION });
      default:
        return send(
          res,
          405,
          { error: `${req.method}는 쓸 수 없습니다` },
          { Allow: ALLOW_COLLECTION },
        );
    }
  }

  const match = /^\/books\/(\d+)$/.exec(pathname);
  if (!match) return send(res, 404, { error: '그런 리소스는 없습니다' });
  const id = Number(match[1]);

  switch (req.method) {
    case 'GET':
    case 'HEAD':
      return books.has(id)
        ? send(res, 200, books.get(id))
        : send(res, 404, { error: `${id}번 책은 없습니다` });
    case 'PUT': {
      // PUT은 "이 주소에 이 내용을 두어라"입니다. 있으면 바꾸고(200), 없으면 그 번호로 만듭니다(201).
      const data = await readJson(req);
      if (!data) return send(res, 400, { error: 'title이 있는 JSON 본문이 필요합니다' });
      const existed = books.has(id);
      const book = { id, title: data.title, author: data.author ?? '' };
      books.set(id, book);
      if (id >= nextId) nextId = id + 1;
      return send(res, existed ? 200 : 201, book);
    }
    case 'DELETE':
      if (!books.delete(id)) return send(res, 404, { error: `${id}번 책은 없습니다` });
      // 지웠으니 돌려줄 내용이 없습니다: 204 No Content.
      return send(res, 204);
    case 'OPTIONS':
      return send(res, 204, undefined, { Allow: ALLOW_ITEM });
    default:
      return send(
        res,
        405,
        { error: `${req.method}는 쓸 수 없습니다` },
        { Allow: ALLOW_ITEM },
      );
  }
}

const server = createServer(async (req, res) => {
  await handle(req, res);
  console.log(`${req.method} ${req.url} → ${res.statusCode}`);
});

server.listen(port, '127.0.0.1', () => {
  console.log(`책 목록 서버: http://localhost:${port}/books`);
});
