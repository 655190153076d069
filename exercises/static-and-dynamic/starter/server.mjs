// 정적 페이지(/hello.html: 파일 그대로)와 동적 페이지(/greet?name=: 요청마다 새로)를 함께 내는 서버입니다.
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 8000);

// TODO: 사용자가 보낸 글자를 HTML에 넣기 전에 &, <, >, " 를 문자 참조로 바꾸세요.
const escapeHtml = (text) => text;

const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  console.log(`${req.method} ${req.url}`);

  if (url.pathname === '/hello.html') {
    // TODO: public/hello.html 을 읽어 그대로 보내세요.
    //       Content-Type: text/html; charset=utf-8 과, 파일의 수정 시각으로 Last-Modified 를 붙입니다.
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    return res.end('아직 정적 페이지를 내지 않습니다.\n');
  }

  if (url.pathname === '/greet') {
    const name = url.searchParams.get('name') ?? '손님';
    const body = `<!doctype html><meta charset="utf-8">
<h1>안녕하세요, ${escapeHtml(name)}님</h1>
<p>이 페이지는 ${new Date().toISOString()}에 만들었습니다.</p>\n`;
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    return res.end(body);
  }

  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('없는 주소입니다.\n');
});

server.listen(port, () => console.log(`서버: http://localhost:${port}/hello.html`));
