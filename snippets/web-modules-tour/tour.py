# 웹 프로그래밍에 쓰는 파이썬 표준 모듈을 하나씩 불러 써 봅니다.
# 실행: python3 tour.py   (대화형으로 해 보려면 그냥 python3 을 입력해 셸로 들어갑니다)
import html
from http import HTTPStatus
from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlencode, urlsplit

# urllib.parse: 주소를 조각으로 나눕니다.
url = urlsplit('http://www.example.com:8080/search?q=%ED%8C%8C%EC%9D%B4%EC%8D%AC&page=2#results')
print('URL 조각:', url.scheme, url.hostname, url.port, url.path, url.fragment)

# 쿼리 문자열을 읽고 만듭니다.
print('q 값:', parse_qs(url.query)['q'][0])
print('폼 인코딩:', urlencode({'q': 'forms', 'release': '1'}))

# http: 상태 코드의 이름표입니다.
print('상태 코드:', 404, HTTPStatus(404).phrase)

# http.cookies: Cookie 헤더를 읽습니다.
cookies = SimpleCookie('session=abc123; theme=dark')
print('쿠키:', cookies['session'].value, cookies['theme'].value)

# html: 글자를 HTML 안에 안전하게 넣습니다.
print('HTML 이스케이프:', html.escape('<a href="/">홈</a>'))
