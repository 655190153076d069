# 같은 책 목록 서버를 파이썬 표준 라이브러리 http.server로 만든 것입니다.
# BaseHTTPRequestHandler는 요청 메서드 이름으로 do_GET, do_POST ... 메서드를 찾아 부릅니다.
import json
import os
import re
from http.server import BaseHTTPRequestHandler, HTTPServer

PORT = int(os.environ.get('PORT', 8888))

books = {
    1: {'id': 1, 'title': '햄릿', 'author': '셰익스피어'},
    2: {'id': 2, 'title': '맥베스', 'author': '셰익스피어'},
}
next_id = 3

ALLOW_COLLECTION = 'GET, HEAD, POST, OPTIONS'
ALLOW_ITEM = 'GET, HEAD, PUT, DELETE, OPTIONS'


class BooksHandler(BaseHTTPRequestHandler):
    def send(self, status, data=None, headers=None):
        text = '' if data is None else json.dumps(data, ensure_ascii=False, separators=(',', ':'))
        body = (text + '\n').encode() if text else b''
        self.send_response(status)
        if status != 204:
            self.send_header('Content-Type', 'application/json; charset=utf-8')
            self.send_header('Content-Length', str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        # http.server는 HEAD라고 본문을 알아서 빼 주지 않습니다. 직접 빼야 합니다.
        if self.command != 'HEAD':
            self.wfile.write(body)

    def read_json(self):
        length = int(self.headers.get('Content-Length', 0))
        try:
            data = json.loads(self.rfile.read(length))
        except ValueError:
            return None
        return data if isinstance(data, dict) and isinstance(data.get('title'), str) else None

    def item_id(self):
        match = re.fullmatch(r'/books/(\d+)', self.path.split('?')[0])
        return int(match[1]) if match else None

    def is_collection(self):
        return self.path.split('?')[0] == '/books'

    def do_GET(self):
        if self.is_collection():
            return self.send(200, list(books.values()))
        book_id = self.item_id()
        if book_id in books:
            return self.send(200, books[book_id])
        self.send(404, {'error': '그런 리소스는 없습니다'})

    do_HEAD = do_GET

    def do_POST(self):
        global next_id
        if not self.is_collection():
            return self.send(405, {'error': 'POST는 쓸 수 없습니다'}, {'Allow': ALLOW_ITEM})
        data = self.read_json()
        if data is None:
            return self.send(400, {'error': 'title이 있는 JSON 본문이 필요합니다'})
        book = {'id': next_id, 'title': data['title'], 'author': data.get('author', '')}
        books[next_id] = book
        next_id += 1
        self.send(201, book, {'Location': f"/books/{book['id']}"})

    def do_PUT(self):
        global next_id
        book_id = self.item_id()
        if book_id is None:
            return self.send(405, {'error': 'PUT은 쓸 수 없습니다'}, {'Allow': ALLOW_COLLECTION})
        data = self.read_json()
        if data is None:
            return self.send(400, {'error': 'title이 있는 JSON 본문이 필요합니다'})
        existed = book_id in books
        books[book_id] = {'id': book_id, 'title': data['title'], 'author': data.get('author', '')}
        next_id = max(next_id, book_id + 1)
        self.send(200 if existed else 201, books[book_id])

    def do_DELETE(self):
        book_id = self.item_id()
        if book_id is None:
            return self.send(405, {'error': 'DELETE는 쓸 수 없습니다'}, {'Allow': ALLOW_COLLECTION})
        if books.pop(book_id, None) is None:
            return self.send(404, {'error': f'{book_id}번 책은 없습니다'})
        self.send(204)

    def do_OPTIONS(self):
        self.send(204, None, {'Allow': ALLOW_COLLECTION if self.is_collection() else ALLOW_ITEM})

    # do_PATCH가 없으면 http.server는 501 Not Implemented로 답합니다.
    # "이 주소는 PATCH를 받지 않는다"는 뜻의 405와 Allow를 보내려면 직접 정의해야 합니다.
    def do_PATCH(self):
        allow = ALLOW_COLLECTION if self.is_collection() else ALLOW_ITEM
        self.send(405, {'error': 'PATCH는 쓸 수 없습니다'}, {'Allow': allow})


if __name__ == '__main__':
    print(f'책 목록 서버: http://localhost:{PORT}/books')
    HTTPServer(('127.0.0.1', PORT), BooksHandler).serve_forever()
