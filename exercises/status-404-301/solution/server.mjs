// 페이지 세 개짜리 작은 사이트의 서버입니다.
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 8888);

const pages = {
  '/': '<h1>첫 페이지</h1><p><a href="/about">소개</a></p>',
  '/about': '<h1>소개</h1><p>상태 코드를 연습하는 사이트입니다.</p>',
  '/contact': '<h1>연락처</h1><p>web@example.com</p>',
};
// 예전 주소 → 새 주소. 301은 "영원히 옮겼으니 앞으로는 새 주소를 쓰라"는 뜻입니다.
const moved = { '/old-about': '/about' };

function sendHtml(res, status, html, headers = {}) {
  const body = `<!doctype html><meta charset="utf-8">${html}\n`;
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

const server = createServer((req, res) => {
  const { pathname } = new URL(req.url, 'http://localhost');

  if (moved[pathname]) {
    return sendHtml(res, 301, '<p>주소를 옮겼습니다.</p>', { Location: moved[pathname] });
  }
  const html = pages[pathname];
  if (html === undefined) {
    return sendHtml(res, 404, '<h1>404</h1><p>페이지를 찾을 수 없습니다.</p>');
  }
  sendHtml(res, 200, html);
});

server.listen(port, () => console.log(`사이트: http://localhost:${port}/`));
