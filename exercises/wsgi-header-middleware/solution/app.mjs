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
  // 서버에게는 이것이 앱입니다.
  return (environ, startResponse) => {
    // 안쪽 앱에게는 이것이 서버의 start_response 입니다.
    const wrappedStart = (status, headers, excInfo) =>
      startResponse(
        status,
        [
          ...headers,
          ['X-Powered-By', 'middleware'],
          ['X-Request-Path', environ.PATH_INFO],
        ],
        excInfo,
      );
    return inner(environ, wrappedStart);
  };
}

const httpd = makeServer('', port, poweredBy(app));
await httpd.ready;
console.log(`WSGI 서버: http://127.0.0.1:${port}/hello`);
await httpd.serveForever();
