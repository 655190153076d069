# CGI 방식의 웹 서버(파이썬판): 요청마다 cgi-bin/ 의 스크립트를 새 프로세스로 실행합니다.
# 파이썬 3.15에서 사라진 CGIHTTPRequestHandler 대신, 하는 일을 직접 드러내도록 subprocess로 씁니다.
import os
import re
import subprocess
import sys
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import urlsplit

PORT = int(os.environ.get('PORT', 8888))
started = 0  # 지금까지 띄운 CGI 프로세스 수


class CGIHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.run_cgi()

    def do_POST(self):
        self.run_cgi()

    def run_cgi(self):
        global started
        url = urlsplit(self.path)
        match = re.fullmatch(r'/cgi-bin/([\w-]+)', url.path)
        script = match and f'cgi-bin/{match[1]}.py'
        if not script or not os.path.exists(script):
            self.send_error(404, 'CGI script not found')
            return

        env = dict(os.environ,
                   GATEWAY_INTERFACE='CGI/1.1',
                   SERVER_PROTOCOL=self.request_version,
                   SERVER_PORT=str(PORT),
                   REQUEST_METHOD=self.command,
                   SCRIPT_NAME=url.path,
                   QUERY_STRING=url.query,
                   CONTENT_TYPE=self.headers.get('Content-Type', ''),
                   CONTENT_LENGTH=self.headers.get('Content-Length', ''),
                   REMOTE_ADDR=self.client_address[0])
        length = int(self.headers.get('Content-Length') or 0)
        body = self.rfile.read(length)

        # 요청 하나에 파이썬 인터프리터 하나: 이것이 CGI의 비용입니다.
        started += 1
        begin = time.perf_counter()
        child = subprocess.Popen([sys.executable, script], env=env,
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        print(f'요청 #{started}: {self.command} {self.path} → 새 프로세스 pid {child.pid} 시작', flush=True)
        output, _ = child.communicate(body)
        ms = (time.perf_counter() - begin) * 1000
        print(f'요청 #{started}: pid {child.pid} 종료 (코드 {child.returncode}, {ms:.0f} ms)', flush=True)

        # 스크립트 출력 = 헤더 몇 줄 + 빈 줄 + 본문
        gap = re.search(rb'\r?\n\r?\n', output)
        if child.returncode != 0 or not gap:
            self.send_error(500, 'CGI script failed')
            return
        head, rest = output[:gap.start()], output[gap.end():]
        headers = {}
        for line in head.decode('utf-8').splitlines():
            name, _, value = line.partition(':')
            headers[name.strip()] = value.strip()
        status = int(headers.pop('Status', '200').split()[0])
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header('Content-Length', str(len(rest)))
        self.end_headers()
        self.wfile.write(rest)

    def log_message(self, format, *args):
        pass  # 접속 기록 대신 위의 프로세스 기록만 보여 줍니다.


print(f'CGI 서버(pid {os.getpid()}): http://localhost:{PORT}/cgi-bin/hello', flush=True)
HTTPServer(('127.0.0.1', PORT), CGIHandler).serve_forever()
