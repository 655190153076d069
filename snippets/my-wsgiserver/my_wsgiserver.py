# wsgiref.simple_server 로 WSGI 애플리케이션 하나를 띄웁니다.
import os
from urllib.parse import parse_qs
from wsgiref.simple_server import demo_app, make_server


def my_app(environ, start_response):
    # /demo 는 demo_app에게 맡깁니다. environ 전체를 구경할 수 있습니다
    if environ['PATH_INFO'] == '/demo':
        return demo_app(environ, start_response)

    name = parse_qs(environ['QUERY_STRING']).get('name', ['WSGI'])[0]
    body = f"안녕하세요, {name}! {environ['REQUEST_METHOD']} {environ['PATH_INFO']} 요청을 받았습니다.\n"
    start_response('200 OK', [('Content-Type', 'text/plain; charset=utf-8')])
    return [body.encode('utf-8')]


if __name__ == '__main__':
    port = int(os.environ.get('PORT', 8888))
    httpd = make_server('127.0.0.1', port, my_app)
    print(f'WSGI 서버 시작: http://127.0.0.1:{port}/ (멈추려면 Ctrl+C)')
    httpd.serve_forever()
