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

// 경로 → 그 경로의 GET 을 처리하는 함수
const pages = {
  '/': () => '첫 화면입니다. /hello?name=이름 을 요청해 보세요.\n',
  '/hello': (environ) => {
    const name = new URLSearchParams(environ.QUERY_STRING).get('name') || '손님';
    return `안녕하세요, ${name}님!\n`;
  },
};

function app(environ, startResponse) {
  const { PATH_INFO: path, REQUEST_METHOD: method } = environ;
  const page = pages[path];
  if (!page) return reply(startResponse, '404 Not Found', `${path}는 없는 주소입니다.\n`);
  if (method !== 'GET') {
    return reply(startResponse, '405 Method Not Allowed', 'GET만 받습니다.\n', [
      ['Allow', 'GET'],
    ]);
  }
  return reply(startResponse, '200 OK', page(environ));
}

const httpd = makeServer('', port, app);
await httpd.ready;
console.log(`WSGI 서버: http://127.0.0.1:${port}/`);
await httpd.serveForever();
