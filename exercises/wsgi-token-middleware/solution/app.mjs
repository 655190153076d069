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
  return (environ, startResponse) => {
    if (environ.HTTP_AUTHORIZATION !== `Bearer ${token}`) {
      // 안쪽 앱까지 가지 않고 미들웨어가 직접 답합니다.
      console.log(`[미들웨어] ${environ.PATH_INFO}: 토큰이 없거나 틀려서 막았습니다`);
      startResponse('401 Unauthorized', [
        ['WWW-Authenticate', 'Bearer'],
        ['Content-Type', 'text/plain; charset=utf-8'],
      ]);
      return [
        Buffer.from(
          '토큰이 필요합니다. Authorization: Bearer <토큰> 헤더를 보내 주세요.\n',
        ),
      ];
    }
    return inner(environ, startResponse);
  };
}

const httpd = makeServer('', port, requireToken(app, 'open-sesame'));
await httpd.ready;
console.log(`WSGI 서버: http://127.0.0.1:${port}/secret`);
await httpd.serveForever();
