# 애플리케이션 서버(파이썬판): 동적 페이지만 만들고, 한 번 뜨면 계속 살아 있습니다.
import datetime
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlsplit

PORT = int(os.environ.get('APP_PORT', 8001))
loaded_at = datetime.datetime.now(datetime.timezone.utc).isoformat()  # 앱 준비는 뜰 때 한 번
handled = 0  # 프로세스가 살아 있으므로 요청 사이에 값이 남습니다.


class AppHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        global handled
        url = urlsplit(self.path)
        if url.path != '/app/hello':
            self.send_error(404, 'Not in this application')
            return
        handled += 1
        name = parse_qs(url.query).get('name', ['손님'])[0]
        body = '\n'.join([
            f'안녕하세요, {name}님!',
            f'이 응답을 만든 프로세스: pid {os.getpid()} (앱을 불러온 시각 {loaded_at})',
            f'이 프로세스가 처리한 요청 수: {handled}',
            f"요청을 전달한 웹 서버 쪽 클라이언트 주소: {self.headers.get('X-Forwarded-For', '(직접 받은 요청)')}",
            '',
        ]).encode('utf-8')
        print(f'{self.command} {self.path} → {handled}번째 요청 처리', flush=True)
        self.send_response(200)
        self.send_header('Content-Type', 'text/plain; charset=utf-8')
        self.send_header('X-Served-By', f'app_server (pid {os.getpid()})')
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


print(f'애플리케이션 서버(pid {os.getpid()}): http://127.0.0.1:{PORT}/app/hello', flush=True)
HTTPServer(('127.0.0.1', PORT), AppHandler).serve_forever()
