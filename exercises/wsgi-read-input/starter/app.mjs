// 메모를 받는 WSGI 애플리케이션입니다.
//   POST /notes       새 메모 (본문: text=...)
//   GET  /notes/<번호> 메모 하나
import { makeServer } from '../_shared/wsgiref.mjs';

const port = Number(process.env.PORT ?? 8888);
const notes = [];

function reply(startResponse, status, text, headers = []) {
  startResponse(status, [['Content-Type', 'text/plain; charset=utf-8'], ...headers]);
  return [Buffer.from(text)];
}

async function app(environ, startResponse) {
  const { PATH_INFO: path, REQUEST_METHOD: method } = environ;

  if (path === '/notes' && method === 'POST') {
    // TODO: environ['wsgi.input'] 에서 본문을 읽어 text 를 notes 에 더하고,
    //       201 Created 와 Location: /notes/<번호> 로 답하세요. text 가 비면 400 입니다.
    return reply(startResponse, '200 OK', '저장했습니다.\n');
  }

  const one = /^\/notes\/(\d+)$/.exec(path);
  if (one && method === 'GET') {
    const note = notes[Number(one[1]) - 1];
    if (note === undefined)
      return reply(startResponse, '404 Not Found', '없는 메모입니다.\n');
    return reply(startResponse, '200 OK', `${note}\n`);
  }
  return reply(startResponse, '404 Not Found', '없는 주소입니다.\n');
}

const httpd = makeServer('', port, app);
await httpd.ready;
console.log(`WSGI 서버: http://127.0.0.1:${port}/notes`);
await httpd.serveForever();
