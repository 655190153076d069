# HTTPServer와 BaseHTTPRequestHandler만으로 만든 가장 작은 웹 서버
import html
import os
from http.server import BaseHTTPRequestHandler, HTTPServer


class MyHandler(BaseHTTPRequestHandler):
    # 요청이 오면 'do_' + 메서드 이름의 메서드가 불립니다. do_GET만 있으니 GET만 처리합니다.
    def do_GET(self):
        body = (f'<h1>웹 서버가 응답했습니다</h1>'
                f'<p>요청한 경로: {html.escape(self.path)}</p>').encode('utf-8')
        self.send_response(200)  # 상태 줄, 그리고 Server와 Date 헤더
        self.send_header('Content-Type', 'text/html; charset=utf-8')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()  # 헤더 끝을 알리는 빈 줄
        self.wfile.write(body)  # 본문


if __name__ == '__main__':
    port = int(os.environ.get('PORT', 8888))
    server = HTTPServer(('127.0.0.1', port), MyHandler)  # 주소와 포트, 그리고 핸들러 클래스
    print(f'웹 서버 시작: http://127.0.0.1:{port}/ (멈추려면 Ctrl+C)')
    server.serve_forever()
