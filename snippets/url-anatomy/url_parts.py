# 같은 URL을 파이썬의 urllib.parse.urlparse로 나눕니다. 여섯 조각의 이름이 강의의 것과 같습니다.
import sys
from urllib.parse import parse_qsl, urlparse

url = (sys.argv[1] if len(sys.argv) > 1 else
       'https://user:pw@Blog.Example.com:443/posts/2024/../hello;v=2?q=파이썬 웹&debug=true#comments')

# urlparse는 검사하지 않고 글자를 나누기만 하므로, 상대 주소에도 예외를 던지지 않습니다.
parts = urlparse(url)


def show(name, value):
    print(f'{name:<10} {value}')


show('input', url)
show('scheme', parts.scheme or '(없음)')
show('netloc', parts.netloc or '(없음)')
show('path', parts.path)
show('params', parts.params or '(없음)')
show('query', parts.query or '(없음)')
show('fragment', parts.fragment or '(없음)')
# 아래는 netloc을 한 번 더 나눈 편의 속성입니다.
show('username', parts.username or '(없음)')
show('hostname', parts.hostname or '(없음)')
show('port', parts.port if parts.port is not None else '(없음)')
print('쿼리 매개변수 (parse_qsl):')
for name, value in parse_qsl(parts.query):
    print(f'  {name} = {value}')
show('geturl()', parts.geturl())
