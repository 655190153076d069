// python -m http.server 8888 -d www 를 Node로 옮긴 것입니다.
// 파일 서버의 본체는 책의 공용 포트(../_shared/http-server.mjs)에 있고, 여기서는 라이브러리로 불러 씁니다.
import { createHttpServer } from '../_shared/http-server.mjs';

const port = Number(process.env.PORT ?? 8888);

// SimpleHTTPRequestHandler로 www 폴더를 내놓습니다. bind는 이 컴퓨터에서만 접속되는 주소입니다.
const server = createHttpServer({ bind: '127.0.0.1', port, directory: 'www' });
await server.ready;
console.log(
  `Serving HTTP on 127.0.0.1 port ${server.serverPort} (http://127.0.0.1:${server.serverPort}/) ...`,
);

// 파이썬의 serve_forever()처럼, 멈출 때까지 요청을 받습니다.
await server.serveForever();
