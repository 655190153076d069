// 한 줄 방명록: GET /messages 는 목록, POST /messages 는 새 글(text=...)입니다.
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 8888);
const messages = ['첫 글입니다.'];

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

// &를 먼저 바꿔야, 뒤에서 만든 &lt; 의 &가 다시 바뀌지 않습니다.
const escapeHtml = (text) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

function sendList(res) {
  const items = messages.map((m) => `<li>${escapeHtml(m)}</li>`).join('');
  const body = `<!doctype html><meta charset="utf-8"><h1>방명록</h1><ul>${items}</ul>
<form method="post" action="/messages"><input name="text"><button>남기기</button></form>\n`;
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(body);
}

const server = createServer(async (req, res) => {
  const { pathname } = new URL(req.url, 'http://localhost');
  if (pathname !== '/messages') {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    return res.end('없는 주소입니다.\n');
  }
  if (req.method === 'POST') {
    const text = (await readForm(req)).get('text');
    if (text) messages.push(text);
    // 저장했으면 목록은 GET으로 다시 가져가게 합니다 (POST → 303 → GET).
    res.writeHead(303, { Location: '/messages' });
    return res.end();
  }
  sendList(res);
});

server.listen(port, () => console.log(`방명록: http://localhost:${port}/messages`));
