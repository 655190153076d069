// 토큰이 맞을 때만 안쪽 앱을 부르는 미들웨어입니다.
//   curl -H 'Authorization: Bearer open-sesame' http://127.0.0.1:8888/secret
import { makeServer } from '../_shared/wsgiref.mjs';

const port = Number(process.env.PORT ?? 8888);

// 안쪽 애플리케이션: 토큰을 확인하는 일은 모릅니다.
function app(environ, startResponse) {
  console.log(`[앱] ${environ.REQUEST_METHOD} ${environ.PATH_INFO} 를 처리합니다`);
  startResponse('200 OK', [['Content-Type', 'text/plain; charset=utf-8']]);
  return [Buffer.from('비밀 문서: 회의는 금요일 10시입니다.\n')];
}

/** 미들웨어: Authorization: Bearer <token> 이 맞는 요청만 inner 에게 넘깁니다. */
function requireToken(inner, token) {
  // TODO: environ.HTTP_AUTHORIZATION 이 `Bearer ${token}` 이 아니면 inner 를 부르지 말고
  //       401 Unauthorized 와 WWW-Authenticate: Bearer 헤더로 직접 답하세요.
  //       지금은 토큰을 보지 않고 안쪽 앱을 그대로 돌려줍니다.
  return inner;
}

const httpd = makeServer('', port, requireToken(app, 'open-sesame'));
await httpd.ready;
console.log(`WSGI 서버: http://127.0.0.1:${port}/secret`);
await httpd.serveForever();
