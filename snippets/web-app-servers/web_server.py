# 웹 서버(파이썬판): /static/ 은 파일로 직접 보내고, /app/ 은 애플리케이션 서버에 넘깁니다.
import os
import sys
import threading
import urllib.error
import urllib.request
from http.server import HTTPServer, SimpleHTTPRequestHandler

PORT = int(os.environ.get('PORT', 8000))
APP_PORT = int(os.environ.get('APP_PORT', 8001))


class WebHandler(SimpleHTTPRequestHandler):
    def __init__(self, *args, **kwargs):
        # SimpleHTTPRequestHandler가 static 폴더를 문서 루트로 쓰게 합니다.
        super().__init__(*args, directory='static', **kwargs)

    def do_GET(self):
        if self.path.startswith('/app/'):
            self.forward_to_app()
            return
        print(f'{self.command} {self.path} → 정적 파일', flush=True)
        if self.path.startswith('/static/'):
            self.path = self.path[len('/static'):]
        super().do_GET()

    def end_headers(self):
        if not self.path.startswith('/app/'):
            self.send_header('X-Served-By', f'web_server (pid {os.getpid()})')
        super().end_headers()

    def forward_to_app(self):
        print(f'{self.command} {self.path} → 애플리케이션 서버(:{APP_PORT})로 전달', flush=True)
        upstream = urllib.request.Request(f'http://127.0.0.1:{APP_PORT}{self.path}',
                                          headers={'X-Forwarded-For': self.client_address[0]})
        try:
            reply = urllib.request.urlopen(upstream, timeout=5)
        except urllib.error.HTTPError as error:
            reply = error  # urlopen은 4xx/5xx를 예외로 던지지만, 그 응답도 그대로 전해야 합니다.
        except OSError:
            self.send_error(502, 'Bad Gateway', '애플리케이션 서버에 연결할 수 없습니다.')
            return
        body = reply.read()
        self.send_response(reply.status)
        for name in ('Content-Type', 'X-Served-By'):
            if reply.headers[name]:
                self.send_header(name, reply.headers[name])
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


def exit_with_parent():
    sys.stdin.read()  # start.py 가 끝나 파이프가 닫힐 때까지 기다립니다.
    os._exit(0)  # sys.exit 는 이 스레드만 끝내므로, 프로세스 전체를 바로 끝냅니다.


# start.py 가 띄웠다면(--parent-pipe) 표준 입력이 start.py 와 이어진 파이프입니다. 파이프가 닫히면
# (start.py 가 끝나면) 이 서버도 끝납니다. 혼자 실행했을 때는 아무 일도 하지 않습니다.
if '--parent-pipe' in sys.argv:
    threading.Thread(target=exit_with_parent, daemon=True).start()


print(f'웹 서버(pid {os.getpid()}): http://localhost:{PORT}/', flush=True)
HTTPServer(('127.0.0.1', PORT), WebHandler).serve_forever()
