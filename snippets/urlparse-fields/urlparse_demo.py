# urllib.parse 로 URL을 여섯 필드로 나누고, 쿼리 문자열을 읽고 만들고, 상대 URL을 잇습니다.
from urllib.parse import parse_qs, urlencode, urljoin, urlparse

url = 'http://user:pw@www.example.com:8080/docs/page.html;v=2?q=forms&release=1#intro'
print('urlparse:', url)
parts = urlparse(url)
for name in ('scheme', 'netloc', 'path', 'params', 'query', 'fragment'):
    print(f'  {name}: {getattr(parts, name)}')

# netloc을 더 잘게 나눈 속성도 있습니다
print(f'  hostname: {parts.hostname}, port: {parts.port}, username: {parts.username}')

# parse_qs: 값은 언제나 리스트이고, 빈 값은 기본으로 버립니다
qs = parse_qs('q=forms&release=1&release=2&empty=')
print(f"parse_qs: q={','.join(qs['q'])}, release={','.join(qs['release'])}, empty={'empty' in qs}")

print('urlencode:', urlencode({'name': '홍길동', 'q': 'a b&c'}))
print('urljoin:', urljoin('http://example.com/a/b.html', '../c.html'))
