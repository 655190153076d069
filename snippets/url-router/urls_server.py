# 같은 서버를 http.server로: python3 urls_server.py 는 path() 판, python3 urls_server.py re 는 re_path() 판.
import os
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import urlsplit

from router import path, re_path, resolve

PORT = int(os.environ.get('PORT', 8888))


def special_case_2003():
    return '2003년 특집 페이지'


def year_archive(year):
    return f'{year}년의 글 목록'


def month_archive(year, month):
    return f'{year}년 {month}월의 글 목록'


def article_detail(year, month, slug):
    return f'{year}년 {month}월의 글 "{slug}"'


path_patterns = [
    path('articles/2003/', special_case_2003),
    path('articles/<int:year>/', year_archive),
    path('articles/<int:year>/<int:month>/', month_archive),
    path('articles/<int:year>/<int:month>/<slug:slug>/', article_detail),
]

re_patterns = [
    path('articles/2003/', special_case_2003),
    re_path(r'^articles/(?P<year>[0-9]{4})/$', year_archive),
    re_path(r'^articles/(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$', month_archive),
    re_path(r'^articles/(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/(?P<slug>[\w-]+)/$', article_detail),
]

use_re = sys.argv[1:] == ['re']
urlpatterns = re_patterns if use_re else path_patterns


class RouterHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        pathname = urlsplit(self.path).path
        pattern, kwargs = resolve(urlpatterns, pathname)
        if pattern:
            # repr()은 숫자는 그대로, 문자열은 따옴표를 붙여 보여 줍니다.
            args = ', '.join(f'{name}={value!r}' for name, value in kwargs.items())
            text = '\n'.join([
                f'패턴: {pattern.route}',
                f'뷰 호출: {pattern.view.__name__}({args})',
                f'응답: {pattern.view(**kwargs)}',
            ])
        else:
            text = f'{pathname} 에 맞는 패턴이 없습니다'
        data = (text + '\n').encode()
        self.send_response(200 if pattern else 404)
        self.send_header('Content-Type', 'text/plain; charset=utf-8')
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)


if __name__ == '__main__':
    print(f"{'re_path()' if use_re else 'path()'} 판 URL 라우터: http://localhost:{PORT}/articles/2003/")
    HTTPServer(('127.0.0.1', PORT), RouterHandler).serve_forever()
