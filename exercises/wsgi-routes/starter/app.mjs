// environ 을 보고 길을 나누는 WSGI 애플리케이션입니다.
//   /             첫 화면
//   /hello?name=  인사
import { makeServer } from '../_shared/wsgiref.mjs';

const port = Number(process.env.PORT ?? 8888);

/** 글자 본문 하나로 답합니다. */
function reply(startResponse, status, text, headers = []) {
  startResponse(status, [['Content-Type', 'text/plain; charset=utf-8'], ...headers]);
  return [Buffer.from(text)];
}

function app(environ, startResponse) {
  // TODO: PATH_INFO, REQUEST_METHOD, QUERY_STRING 을 보고 길을 나누세요.
  //   /hello          → "안녕하세요, <이름>님!" (이름이 없으면 손님)
  //   두 주소 모두 GET 만: 다른 메서드는 405 Method Not Allowed 와 Allow: GET
  //   그 밖의 주소    → 404 Not Found
  return reply(
    startResponse,
    '200 OK',
    '첫 화면입니다. /hello?name=이름 을 요청해 보세요.\n',
  );
}

const httpd = makeServer('', port, app);
await httpd.ready;
console.log(`WSGI 서버: http://127.0.0.1:${port}/`);
await httpd.serveForever();
