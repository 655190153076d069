# python -m http.server 8888 -b 127.0.0.1 -d www 와 같은 일을 코드로 합니다.
import os
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

port = int(os.environ.get('PORT', 8888))
# 핸들러에 내놓을 폴더를 정해 줍니다 (명령의 -d www)
handler = partial(SimpleHTTPRequestHandler, directory='www')
server = ThreadingHTTPServer(('127.0.0.1', port), handler)
print(f'Serving HTTP on 127.0.0.1 port {port} (http://127.0.0.1:{port}/) ...')
server.serve_forever()
