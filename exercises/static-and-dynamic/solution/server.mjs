// 정적 페이지(/hello.html: 파일 그대로)와 동적 페이지(/greet?name=: 요청마다 새로)를 함께 내는 서버입니다.
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 8000);

// &를 먼저: 뒤에서 만든 &lt; 의 &가 다시 바뀌지 않게.
const escapeHtml = (text) =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');

const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  console.log(`${req.method} ${req.url}`);

  if (url.pathname === '/hello.html') {
    // 정적 페이지: 서버는 내용을 만들지 않고, 파일을 읽어 그대로 보낼 뿐입니다.
    const file = 'public/hello.html';
    const [body, info] = await Promise.all([readFile(file), stat(file)]);
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': body.length,
      'Last-Modified': info.mtime.toUTCString(),
    });
    return res.end(body);
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
