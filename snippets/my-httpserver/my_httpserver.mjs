// my_httpserver.py 를 Node로 옮긴 것입니다.
// 파이썬의 BaseHTTPRequestHandler는 메서드 이름으로 do_GET, do_POST를 찾아 부릅니다.
// 여기서는 같은 생각을 "메서드 이름 → 함수" 객체로 나타냅니다.
import { createServer } from 'node:http';
import { escapeHtml } from '../_shared/html.mjs';

const port = Number(process.env.PORT ?? 8888);

const handler = {
  GET(req, res) {
    // 사용자가 보낸 경로는 HTML에 넣기 전에 특수 문자를 바꿔 둡니다(파이썬의 html.escape).
    const body = `<h1>웹 서버가 응답했습니다</h1><p>요청한 경로: ${escapeHtml(req.url)}</p>`;
    // writeHead 한 번이 send_response + send_header + end_headers 에 해당합니다.
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
    });
    res.end(body);
  },
};

const server = createServer((req, res) => {
  // 응답이 끝나면 파이썬처럼 요청 한 줄과 상태 코드를 남깁니다.
  res.on('finish', () => {
    console.log(
      `${req.socket.remoteAddress} "${req.method} ${req.url} HTTP/${req.httpVersion}" ${res.statusCode}`,
    );
  });
  const doMethod = handler[req.method];
  if (!doMethod) {
    // 처리할 함수가 없는 메서드에는 파이썬과 같은 501로 답합니다.
    const body = `Unsupported method ('${req.method}')\n`;
    res.writeHead(501, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
    });
    res.end(body);
    return;
  }
  doMethod(req, res);
});

server.listen(port, '127.0.0.1', () => {
  console.log(`웹 서버 시작: http://127.0.0.1:${port}/ (멈추려면 Ctrl+C)`);
});
