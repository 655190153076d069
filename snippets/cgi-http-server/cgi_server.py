# python -m http.server 8888 -b 127.0.0.1 -d www --cgi 와 같은 일을 코드로 합니다.
# CGIHTTPRequestHandler는 3.13에서 폐기 예정이 되었고 2026년 10월에 나온 3.15에서 사라졌으므로,
# 이 파일은 파이썬 3.14 이하에서 돕니다.
import os
from functools import partial
from http.server import CGIHTTPRequestHandler, ThreadingHTTPServer

port = int(os.environ.get('PORT', 8888))
handler = partial(CGIHTTPRequestHandler, directory='www')
server = ThreadingHTTPServer(('127.0.0.1', port), handler)
print(f'Serving HTTP on 127.0.0.1 port {port} (http://127.0.0.1:{port}/) ...')
server.serve_forever()
