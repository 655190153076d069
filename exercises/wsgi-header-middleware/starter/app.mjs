// WSGI 애플리케이션 하나와, 그것을 감싸 응답 헤더를 더하는 미들웨어입니다.
import { makeServer } from '../_shared/wsgiref.mjs';

const port = Number(process.env.PORT ?? 8888);

// 안쪽 애플리케이션: 이 함수는 고치지 않습니다.
function app(environ, startResponse) {
  const path = environ.PATH_INFO;
  if (path !== '/hello') {
    startResponse('404 Not Found', [['Content-Type', 'text/plain; charset=utf-8']]);
    return [Buffer.from(`${path}는 없습니다.\n`)];
  }
  startResponse('200 OK', [['Content-Type', 'text/plain; charset=utf-8']]);
  return [Buffer.from('안쪽 앱이 /hello에 답합니다.\n')];
}

/** 미들웨어: 앱을 받아, 응답 헤더 두 개를 더하는 앱을 돌려줍니다. */
function poweredBy(inner) {
  // TODO: 안쪽 앱에게 가로챈 startResponse 를 넘기고,
  //       그것이 불리면 헤더에 X-Powered-By: middleware 와 X-Request-Path: <경로> 를 더해
  //       진짜 startResponse 에 넘기세요. 지금은 안쪽 앱을 그대로 돌려줍니다.
  return inner;
}

const httpd = makeServer('', port, poweredBy(app));
await httpd.ready;
console.log(`WSGI 서버: http://127.0.0.1:${port}/hello`);
await httpd.serveForever();
