# urllib.request.urlopen(url, data=None, timeout) 으로 GET, POST, 타임아웃, 오류, file: 을 차례로 시험합니다.
import sys
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode, urljoin
from urllib.request import urlopen

base = sys.argv[1] if len(sys.argv) > 1 else 'http://localhost:8888/'

# 1) data 없이 부르면 GET
with urlopen(urljoin(base, '/echo?q=forms&release=1')) as res:
    print('1) GET', res.status, res.reason)
    print(res.read().decode('utf-8'))

# 2) data(바이트)를 주면 POST, Content-Type은 폼 형식이 기본값
data = urlencode({'q': 'forms', 'release': '1'}).encode('ascii')
with urlopen(urljoin(base, '/echo'), data=data) as res:
    print('2) POST', res.status, res.reason)
    print(res.read().decode('utf-8'))

# 3) timeout은 초 단위
try:
    urlopen(urljoin(base, '/slow'), timeout=1)
except (TimeoutError, URLError) as error:
    print('3) 시간 초과:', type(error).__name__)

# 4) 4xx, 5xx 응답은 예외(HTTPError)가 됩니다
try:
    urlopen(urljoin(base, '/missing'))
except HTTPError as error:
    print('4)', error.code, error.reason, '/ HTTPError')

# 5) file: 스킴이면 로컬 파일을 엽니다
with urlopen(Path('hello.txt').resolve().as_uri()) as f:
    print('5) file:', f.read().decode('utf-8').strip())
