# 정적 페이지와 동적 페이지를 한 서버에서 나란히 보여 줍니다(파이썬판).
import datetime
import html
import os
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlsplit

PORT = int(os.environ.get('PORT', 8888))
visits = 0


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        global visits
        url = urlsplit(self.path)
        if url.path == '/hello.html':
            # 정적: 저장된 파일을 그대로 보냅니다.
            file = 'public/hello.html'
            with open(file, 'rb') as f:
                body = f.read()
            self.reply(body, {'Last-Modified': formatdate(os.stat(file).st_mtime, usegmt=True)})
        elif url.path == '/now':
            # 동적: 요청이 올 때마다 HTML을 새로 만듭니다.
            visits += 1
            name = parse_qs(url.query).get('name', ['손님'])[0]
            now = datetime.datetime.now(datetime.timezone.utc).isoformat()
            page = f'''<!doctype html>
<html lang="ko">
  <head><meta charset="utf-8"><title>동적 페이지</title></head>
  <body>
    <h1>{html.escape(name)}님, 안녕하세요</h1>
    <p>이 페이지는 방금 만들어졌습니다. {visits}번째 방문, 서버 시각 {now}</p>
  </body>
</html>
'''
            self.reply(page.encode('utf-8'), {'Cache-Control': 'no-store'})
        else:
            self.send_error(404)

    def reply(self, body, extra):
        self.send_response(200)
        self.send_header('Content-Type', 'text/html; charset=utf-8')
        for name, value in extra.items():
            self.send_header(name, value)
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)


print(f'정적: http://localhost:{PORT}/hello.html  동적: http://localhost:{PORT}/now', flush=True)
HTTPServer(('127.0.0.1', PORT), Handler).serve_forever()
