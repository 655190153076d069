# 같은 요청을 urllib.request로 보냅니다. urllib는 리다이렉트를 따라가는 규칙과 오류를 다루는 방식이 fetch와 다릅니다.
import base64
import sys
from urllib.error import HTTPError
from urllib.request import HTTPRedirectHandler, Request, build_opener, urlopen

base = sys.argv[1] if len(sys.argv) > 1 else 'http://localhost:8888'


class NoRedirect(HTTPRedirectHandler):
    # None을 돌려주면 urllib는 따라가지 않고 3xx를 HTTPError로 던집니다.
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def form_request(code):
    return Request(f'{base}/{code}', data=b'title=hello',
                   headers={'Content-Type': 'application/x-www-form-urlencoded'})


print('# 리다이렉트를 따라가지 않고 3xx 응답 그대로 보기')
for code in [301, 303, 307]:
    try:
        build_opener(NoRedirect).open(form_request(code))
    except HTTPError as res:
        print(f'POST /{code} → {res.status} {res.reason} (Location: {res.headers["Location"]})')

print('# 따라가게 두기 (urlopen의 기본값)')
for code in [301, 303, 307]:
    try:
        with urlopen(form_request(code)) as res:
            path = res.url.removeprefix(base)
            print(f'POST /{code} 따라가기 → {path}: {res.read().decode().strip()}')
    except HTTPError as error:
        # urllib는 POST를 307로 되돌려 보내는 리다이렉트를 스스로 따라가지 않습니다.
        print(f'POST /{code} 따라가기 → 따라가지 않고 HTTPError {error.code}')

print('# 401과 WWW-Authenticate')
try:
    urlopen(f'{base}/401')
except HTTPError as denied:
    print(f'GET /401 → {denied.code}, WWW-Authenticate: {denied.headers["WWW-Authenticate"]}')
token = base64.b64encode(b'guest:guest').decode()
with urlopen(Request(f'{base}/401', headers={'Authorization': f'Basic {token}'})) as allowed:
    print(f'GET /401 (Authorization: Basic {token}) → {allowed.status}')

print('# 그 밖의 코드: urlopen은 4xx, 5xx를 HTTPError 예외로 던집니다')
for code in [202, 404, 500, 503]:
    try:
        with urlopen(f'{base}/{code}') as res:
            print(f'GET /{code} → {res.status}')
    except HTTPError as error:
        retry = error.headers['Retry-After']
        print(f'GET /{code} → HTTPError {error.code}' + (f', Retry-After: {retry}초' if retry else ''))
