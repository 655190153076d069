# curl.mjs 와 같은 일을 파이썬 표준 라이브러리 http.client 로 합니다.
#   python3 curl.py [-i] [-I] [-X 메서드] [-H '이름: 값'] [-d 본문] URL
import http.client
import sys
from urllib.parse import urlsplit

args = sys.argv[1:]
include, method, headers, data, url = False, None, {}, None, None
while args:
    arg = args.pop(0)
    if arg == '-i':
        include = True
    elif arg == '-I':
        include, method = True, 'HEAD'
    elif arg == '-X':
        method = args.pop(0)
    elif arg == '-d':
        data = args.pop(0)
    elif arg == '-H':
        name, _, value = args.pop(0).partition(':')
        headers[name.strip()] = value.strip()
    else:
        url = arg

if url is None:
    print('사용법: python3 curl.py [-i] [-I] [-X 메서드] [-H "이름: 값"] [-d 본문] URL', file=sys.stderr)
    sys.exit(2)

parts = urlsplit(url)
method = method or ('GET' if data is None else 'POST')
headers = {'User-Agent': 'curl.py/1.0', 'Accept': '*/*', **headers}
if data is not None:
    headers.setdefault('Content-Type', 'application/x-www-form-urlencoded')

try:
    conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=10)
    conn.request(method, (parts.path or '/') + ('?' + parts.query if parts.query else ''), body=data, headers=headers)
    res = conn.getresponse()
except OSError as error:
    print(f'curl.py: {parts.netloc} 에 연결할 수 없습니다 ({error})', file=sys.stderr)
    sys.exit(7)

if include:
    print(f'HTTP/{res.version // 10}.{res.version % 10} {res.status} {res.reason}')
    for name, value in res.getheaders():
        print(f'{name}: {value}')
    print()
sys.stdout.write(res.read().decode('utf-8', errors='replace'))
conn.close()
