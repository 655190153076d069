# CGI의 대안 1(파이썬판): 스크립트를 새 프로세스 대신 웹 서버 프로세스 안에서 exec()로 실행합니다.
# mod_php, mod_perl, mod_python이 Apache 안에서 하던 일을 작게 흉내 낸 것입니다.
import contextlib
import io
import os
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import urlsplit

PORT = int(os.environ.get('PORT', 8889))

# 스크립트는 서버가 뜰 때 한 번만 읽고 컴파일해 둡니다.
with open('scripts/hello.py', encoding='utf-8') as f:
    code = compile(f.read(), 'scripts/hello.py', 'exec')
handled = 0


class EmbeddedHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        global handled
        url = urlsplit(self.path)
        if url.path != '/hello':
            self.send_error(404, 'No such script')
            return

        # CGI와 같은 환경 변수를 잠시 채워 두고, print() 출력은 메모리로 모읍니다.
        # (이 서버는 요청을 하나씩 처리하므로 os.environ을 잠깐 바꿔도 안전합니다.)
        meta = {'REQUEST_METHOD': self.command, 'QUERY_STRING': url.query, 'SCRIPT_NAME': url.path}
        saved = dict(os.environ)
        os.environ.update(meta)
        buffer = io.StringIO()
        begin = time.perf_counter()
        try:
            with contextlib.redirect_stdout(buffer):
                exec(code, {'__name__': '__main__'})  # 새 전역 이름공간: 요청끼리 나누는 것 없음
        finally:
            os.environ.clear()
            os.environ.update(saved)
        ms = (time.perf_counter() - begin) * 1000
        handled += 1
        print(f'요청 #{handled}: {self.command} {self.path} → 서버 프로세스(pid {os.getpid()}) 안에서 실행 ({ms:.2f} ms)', flush=True)

        head, _, body = buffer.getvalue().replace('\r\n', '\n').partition('\n\n')
        data = body.encode('utf-8')
        self.send_response(200)
        for line in head.splitlines():
            name, _, value = line.partition(':')
            self.send_header(name.strip(), value.strip())
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *args):
        pass


print(f'스크립트 엔진 내장 서버(pid {os.getpid()}): http://localhost:{PORT}/hello', flush=True)
HTTPServer(('127.0.0.1', PORT), EmbeddedHandler).serve_forever()
