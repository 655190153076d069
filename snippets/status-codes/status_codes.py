# 같은 상태 코드 서버를 http.server로 만든 것입니다.
import base64
import os
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import urlsplit

PORT = int(os.environ.get('PORT', 8888))

ROUTES = {
    '/200': (200, {}, '요청을 잘 처리했습니다'),
    '/201': (201, {'Location': '/items/7'}, '새 리소스를 /items/7 에 만들었습니다'),
    '/202': (202, {'Location': '/jobs/42', 'Retry-After': '5'},
             '접수만 했습니다. 5초 뒤에 /jobs/42 에서 결과를 확인하세요'),
    '/301': (301, {'Location': '/result'}, '/result 로 영영 옮겼습니다'),
    '/303': (303, {'Location': '/result'}, '결과는 /result 를 GET으로 보세요'),
    '/307': (307, {'Location': '/result'}, '같은 메서드로 /result 에 다시 보내세요'),
    '/400': (400, {}, '요청을 알아들을 수 없습니다'),
    '/403': (403, {}, '누구인지는 알지만 보여 줄 수 없습니다'),
    '/502': (502, {}, '(흉내) 뒷단 서버에게서 엉터리 응답을 받았습니다'),
    '/503': (503, {'Retry-After': '120'}, '점검 중입니다. 2분 뒤에 다시 오세요'),
}

GUEST = 'Basic ' + base64.b64encode(b'guest:guest').decode()


class StatusHandler(BaseHTTPRequestHandler):
    def answer(self):
        path = urlsplit(self.path).path
        length = int(self.headers.get('Content-Length', 0))
        body = self.rfile.read(length).decode()
        if path == '/result':
            return 200, {}, f'메서드: {self.command}, 본문: {body or "(없음)"}'
        if path == '/401':
            if self.headers.get('Authorization') == GUEST:
                return 200, {}, '어서 오세요, guest 님'
            return 401, {'WWW-Authenticate': 'Basic realm="status-codes"'}, '먼저 로그인하세요'
        if path == '/500':
            user = None
            return 200, {}, user.name
        return ROUTES.get(path, (404, {}, f'{path} 은(는) 없습니다'))

    def handle_any(self):
        try:
            status, headers, text = self.answer()
        except Exception as error:
            self.log_error('처리 중 오류: %s', error)
            status, headers, text = 500, {}, '서버에서 문제가 생겼습니다'
        data = f'{status} {text}\n'.encode()
        self.send_response(status)
        self.send_header('Content-Type', 'text/plain; charset=utf-8')
        self.send_header('Content-Length', str(len(data)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = handle_any


if __name__ == '__main__':
    print(f'상태 코드 서버: http://localhost:{PORT}/200 … /503')
    HTTPServer(('127.0.0.1', PORT), StatusHandler).serve_forever()
