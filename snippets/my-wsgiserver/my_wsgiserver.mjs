// my_wsgiserver.py 를 Node로: WSGI 애플리케이션 하나를 wsgiref 포트(../_shared/wsgiref.mjs)로 띄웁니다.
import { demoApp, makeServer } from '../_shared/wsgiref.mjs';

const port = Number(process.env.PORT ?? 8888);

// WSGI 애플리케이션: 요청 정보(environ)와 상태·헤더를 맡길 함수(startResponse)를 받아,
// 본문 바이트 조각들의 이터러블(여기서는 배열)을 돌려줍니다.
function myApp(environ, startResponse) {
  // /demo 는 wsgiref의 demo_app에게 맡깁니다. environ 전체를 구경할 수 있습니다.
  if (environ.PATH_INFO === '/demo') return demoApp(environ, startResponse);

  const name = new URLSearchParams(environ.QUERY_STRING).get('name') ?? 'WSGI';
  const body = `안녕하세요, ${name}! ${environ.REQUEST_METHOD} ${environ.PATH_INFO} 요청을 받았습니다.\n`;
  startResponse('200 OK', [['Content-Type', 'text/plain; charset=utf-8']]);
  return [Buffer.from(body)];
}

// 강의의 make_server('', 8888, my_app)에서 주소 ''는 모든 IPv4 주소입니다. 여기서는 이 컴퓨터에서만 접속되는 127.0.0.1을 씁니다.
const httpd = makeServer('127.0.0.1', port, myApp);
await httpd.ready;
console.log(`WSGI 서버 시작: http://127.0.0.1:${port}/ (멈추려면 Ctrl+C)`);
await httpd.serveForever();
