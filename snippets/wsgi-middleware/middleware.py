# WSGI 처리 과정을 눈으로 따라가기: 미들웨어로 감싼 애플리케이션이 언제 무엇을 하는지 순서대로 찍습니다.
import os
from wsgiref.simple_server import make_server


class Body:
    """조각을 하나씩 내주는 이터러블. 서버가 다 보낸 뒤 close()를 불러 줍니다."""

    def __init__(self, chunks):
        self.chunks = chunks

    def __iter__(self):
        for i, chunk in enumerate(self.chunks):
            print('[앱] 5. 서버가 첫 조각을 꺼냅니다: 이제야 상태 줄과 헤더가 나갑니다' if i == 0 else '[앱] 6. 다음 조각')
            yield chunk.encode('utf-8')

    def close(self):
        print('[앱] 7. 서버가 close()를 불렀습니다: 정리할 기회입니다')


def app(environ, start_response):
    print(f"[앱] 2. 불렸습니다: PATH_INFO = {environ['PATH_INFO']}")
    start_response('200 OK', [('Content-Type', 'text/plain; charset=utf-8')])
    print('[앱] 4. 본문 이터러블을 돌려줍니다 (아직 아무것도 보내지 않았습니다)')
    return Body(['Hello, ', 'WSGI!\n'])


def add_header(inner):
    """미들웨어: 서버에게는 앱이고, 안쪽 앱에게는 서버입니다."""
    def wrapped(environ, start_response):
        print(f"[미들웨어] 1. 서버가 불렀습니다: {environ['REQUEST_METHOD']} {environ['PATH_INFO']}")

        def wrapped_start(status, headers, exc_info=None):
            print(f"[미들웨어] 3. 앱이 start_response('{status}')를 불렀습니다: 헤더를 하나 더해 서버에 넘깁니다")
            return start_response(status, headers + [('X-Middleware', 'add-header')], exc_info)

        return inner(environ, wrapped_start)
    return wrapped


if __name__ == '__main__':
    port = int(os.environ.get('PORT', 8888))
    httpd = make_server('127.0.0.1', port, add_header(app))
    print(f'WSGI 서버 시작: http://127.0.0.1:{port}/')
    httpd.serve_forever()
