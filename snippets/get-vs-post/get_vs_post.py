# 같은 서버를 http.server로: GET은 self.path의 ? 뒤를, POST는 본문을 parse_qsl로 풉니다.
import os
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qsl, urlsplit

PORT = int(os.environ.get('PORT', 8888))

PAGE = '''<!doctype html>
<html lang="ko">
<head><meta charset="utf-8"><title>GET과 POST</title></head>
<body>
  <h1>문서 검색</h1>
  <form method="get" action="/search">
    <input name="q" value="forms"> <input name="release" value="1">
    <button>GET으로 보내기</button>
  </form>
  <form method="post" action="/search">
    <input name="q" value="forms"> <input name="release" value="1">
    <button>POST로 보내기</button>
  </form>
</body>
</html>
'''


class FormHandler(BaseHTTPRequestHandler):
    def reply(self, status, content_type, text):
        data = text.encode()
        self.send_response(status)
        self.send_header('Content-Type', content_type)
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def echo(self):
        url = urlsplit(self.path)
        if url.path == '/':
            return self.reply(200, 'text/html; charset=utf-8', PAGE)
        if url.path != '/search':
            return self.reply(404, 'text/plain; charset=utf-8', '없는 페이지입니다\n')
        length = int(self.headers.get('Content-Length', 0))
        body = self.rfile.read(length).decode()
        content_type = self.headers.get('Content-Type', '')
        source = body if content_type.startswith('application/x-www-form-urlencoded') else url.query
        lines = [
            f'메서드: {self.command}',
            f'요청 대상: {self.path}',
            f'쿼리 문자열: {url.query or "(없음)"}',
            f'Content-Type: {content_type or "(없음)"}',
            f'본문: {body or "(없음)"}',
            '받은 값:',
            *[f'  {name} = {value}' for name, value in parse_qsl(source)],
        ]
        self.reply(200, 'text/plain; charset=utf-8', '\n'.join(lines) + '\n')

    do_GET = echo
    do_POST = echo


if __name__ == '__main__':
    print(f'폼 페이지: http://localhost:{PORT}/')
    HTTPServer(('127.0.0.1', PORT), FormHandler).serve_forever()
