# 같은 간편 URL 서버를 http.server로 만든 것입니다.
import os
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlsplit

PORT = int(os.environ.get('PORT', 8888))


def html(title):
    return f'<!doctype html><meta charset="utf-8"><title>{title}</title><h1>{title}</h1>\n'


PAGES = {
    '/foo': html('foo 페이지'),
    '/consulting/marketing': html('컨설팅 › 마케팅'),
    '/products/2/25': html('2번 분류의 25번 상품'),
    '/news.rss': '<?xml version="1.0" encoding="utf-8"?>\n'
                 '<rss version="2.0"><channel><title>뉴스</title></channel></rss>\n',
    '/services/legal/patents': html('법률 서비스 › 특허'),
    '/user/john-doe': html('john-doe 님의 프로필'),
    '/app/dashboard/reports': html('대시보드 › 보고서'),
}

USER_NAMES = {'193': 'john-doe'}


def first(q, name):
    return q.get(name, [None])[0]


OLD_FORMS = {
    '/index.php': lambda q: first(q, 'page') and f"/{first(q, 'page')}",
    '/products': lambda q: 'category' in q and f"/products/{first(q, 'category')}/{first(q, 'pid')}",
    '/cgi-bin/feed.cgi': lambda q: 'feed' in q and f"/{first(q, 'feed')}.{first(q, 'frm')}",
    '/services/index.jsp':
        lambda q: 'category' in q and f"/services/{first(q, 'category')}/{first(q, 'id')}",
    '/index.asp':
        lambda q: first(q, 'mod') == 'profiles' and f"/user/{USER_NAMES.get(first(q, 'id'))}",
    '/app/dashboard/dsptchr_c80.dll':
        lambda q: first(q, 'page') == '38661' and '/app/dashboard/reports#monthly',
}


class CleanUrlHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        url = urlsplit(self.path)
        if url.path in PAGES and not url.query:
            kind = 'application/rss+xml' if url.path.endswith('.rss') else 'text/html'
            return self.reply(200, {'Content-Type': f'{kind}; charset=utf-8'}, PAGES[url.path])
        rule = OLD_FORMS.get(url.path)
        clean = rule and rule(parse_qs(url.query))
        if clean and clean.split('#')[0] in PAGES:
            return self.reply(301, {'Location': clean}, '')
        self.reply(404, {'Content-Type': 'text/html; charset=utf-8'}, html('없는 페이지'))

    def reply(self, status, headers, text):
        data = text.encode()
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)


if __name__ == '__main__':
    print(f'간편 URL 서버: http://localhost:{PORT}/foo')
    HTTPServer(('127.0.0.1', PORT), CleanUrlHandler).serve_forever()
