# 같은 순서의 요청을 urllib.request로 보냅니다. Request의 method 인자로 메서드를 고릅니다.
import json
import sys
from urllib.error import HTTPError
from urllib.parse import urljoin, urlsplit
from urllib.request import Request, urlopen

collection = sys.argv[1] if len(sys.argv) > 1 else 'http://localhost:8888/books'


def call(method, url, data=None):
    body = json.dumps(data, ensure_ascii=False).encode() if data else None
    headers = {'Content-Type': 'application/json'} if data else {}
    try:
        res = urlopen(Request(url, data=body, headers=headers, method=method))
    except HTTPError as error:
        # urlopen은 4xx, 5xx를 예외로 던집니다. 예외 객체도 응답처럼 읽을 수 있습니다.
        res = error
    print(f'{method} {urlsplit(url).path} → {res.status} {res.reason}')
    for name in ['Allow', 'Location', 'Content-Length']:
        if res.headers[name] is not None:
            print(f'  {name}: {res.headers[name]}')
    text = res.read().decode()
    if text:
        print(f'  {text.strip()}')
    return res


call('OPTIONS', collection)
call('GET', collection)
created = call('POST', collection, {'title': '오셀로', 'author': '셰익스피어'})
book = urljoin(collection, created.headers['Location'])
call('GET', book)
call('PUT', book, {'title': '오셀로 (번역 개정판)', 'author': '셰익스피어'})
call('HEAD', book)
call('DELETE', book)
gone = call('GET', book)
print('아직 있습니다' if gone.status < 400 else '지운 책은 더 이상 없습니다')
