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
    // wsgi.input 은 본문을 CONTENT_LENGTH 바이트까지만 내줍니다 (파이썬의 environ['wsgi.input'].read()).
    const body = (await environ['wsgi.input'].read()).toString('utf8');
    const text = new URLSearchParams(body).get('text')?.trim();
    if (!text) return reply(startResponse, '400 Bad Request', 'text가 비었습니다.\n');
    notes.push(text);
    return reply(startResponse, '201 Created', '저장했습니다.\n', [
      ['Location', `/notes/${notes.length}`],
    ]);
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
