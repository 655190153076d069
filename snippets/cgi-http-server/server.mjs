// python -m http.server 8888 --cgi 를 Node로 옮긴 것입니다.
// 공용 포트(../_shared/http-server.mjs)에 cgi: true를 주면 CGIHTTPRequestHandler가 요청을 받습니다.
import { createHttpServer } from '../_shared/http-server.mjs';

const port = Number(process.env.PORT ?? 8888);

// www 폴더를 내놓고, 그 안의 /cgi-bin/ 아래 파일은 내용을 보내는 대신 새 프로세스로 실행합니다.
const server = createHttpServer({ bind: '127.0.0.1', port, directory: 'www', cgi: true });
await server.ready;
console.log(
  `Serving HTTP on 127.0.0.1 port ${server.serverPort} (http://127.0.0.1:${server.serverPort}/) ...`,
);
await server.serveForever();
