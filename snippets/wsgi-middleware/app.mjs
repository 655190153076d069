// WSGI 처리 과정을 눈으로 따라가기: 미들웨어로 감싼 애플리케이션이 언제 무엇을 하는지 순서대로 찍습니다.
import { makeServer } from '../_shared/wsgiref.mjs';

const port = Number(process.env.PORT ?? 8888);

// 본문: 조각을 하나씩 내주는 이터러블. 서버가 다 보낸 뒤 close()를 불러 줍니다.
class Body {
  constructor(chunks) {
    this.chunks = chunks;
  }
  *[Symbol.iterator]() {
    for (const [i, chunk] of this.chunks.entries()) {
      console.log(
        `[앱] ${i === 0 ? '5. 서버가 첫 조각을 꺼냅니다: 이제야 상태 줄과 헤더가 나갑니다' : '6. 다음 조각'}`,
      );
      yield Buffer.from(chunk);
    }
  }
  close() {
    console.log('[앱] 7. 서버가 close()를 불렀습니다: 정리할 기회입니다');
  }
}

// 애플리케이션
function app(environ, startResponse) {
  console.log(`[앱] 2. 불렸습니다: PATH_INFO = ${environ.PATH_INFO}`);
  startResponse('200 OK', [['Content-Type', 'text/plain; charset=utf-8']]);
  console.log('[앱] 4. 본문 이터러블을 돌려줍니다 (아직 아무것도 보내지 않았습니다)');
  return new Body(['Hello, ', 'WSGI!\n']);
}

// 미들웨어: 앱을 받아 앱을 돌려주는 함수. 서버에게는 앱이고, 안쪽 앱에게는 서버입니다.
function addHeader(inner) {
  return (environ, startResponse) => {
    console.log(
      `[미들웨어] 1. 서버가 불렀습니다: ${environ.REQUEST_METHOD} ${environ.PATH_INFO}`,
    );
    // 안쪽 앱에는 가로챈 startResponse를 넘깁니다.
    const wrappedStart = (status, headers, excInfo) => {
      console.log(
        `[미들웨어] 3. 앱이 startResponse('${status}')를 불렀습니다: 헤더를 하나 더해 서버에 넘깁니다`,
      );
      return startResponse(status, [...headers, ['X-Middleware', 'add-header']], excInfo);
    };
    return inner(environ, wrappedStart);
  };
}

const httpd = makeServer('127.0.0.1', port, addHeader(app));
await httpd.ready;
console.log(`WSGI 서버 시작: http://127.0.0.1:${port}/`);
await httpd.serveForever();
