// 페이지 세 개짜리 작은 사이트의 서버입니다.
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 8888);

const pages = {
  '/': '<h1>첫 페이지</h1><p><a href="/about">소개</a></p>',
  '/about': '<h1>소개</h1><p>상태 코드를 연습하는 사이트입니다.</p>',
  '/contact': '<h1>연락처</h1><p>web@example.com</p>',
};

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

  // TODO: 예전 주소 /old-about 은 301과 Location: /about 으로 보내세요.

  // TODO: pages에 없는 주소에는 404와 "페이지를 찾을 수 없습니다"로 답하세요.
  //       지금은 없는 주소에도 첫 페이지를 200으로 보냅니다.
  const html = pages[pathname] ?? pages['/'];
  sendHtml(res, 200, html);
});

server.listen(port, () => console.log(`사이트: http://localhost:${port}/`));
