// www 폴더를 내놓고, /cgi-bin/ 아래 파일은 요청마다 새 프로세스로 실행하는 서버입니다.
// (이 책의 python -m http.server --cgi 포트, ../_shared/http-server.mjs)
import { createHttpServer } from '../_shared/http-server.mjs';

const port = Number(process.env.PORT ?? 8888);
const server = createHttpServer({ bind: '127.0.0.1', port, directory: 'www', cgi: true });
await server.ready;
console.log(`CGI 서버: http://127.0.0.1:${server.serverPort}/cgi-bin/api.mjs?a=1`);
await server.serveForever();
