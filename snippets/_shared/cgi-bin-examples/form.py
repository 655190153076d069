#!/usr/bin/env python3
# 폼 처리기(form.mjs 의 파이썬판): POST 로 온 폼을 stdin 에서 읽어 HTML 로 보여 준다.
# cgi 모듈은 파이썬 3.13 에서 사라졌으므로 urllib.parse.parse_qs 로 직접 해석한다.
import html
import os
import sys
from urllib.parse import parse_qs


def respond(status, page):
    # 파이썬 서버는 출력을 그대로 흘려보내므로 줄 끝을 CRLF 로 직접 쓴다.
    head = f'Status: {status}\r\nContent-Type: text/html; charset=utf-8\r\n\r\n'
    sys.stdout.buffer.write(head.encode('latin-1') + page.encode('utf-8'))
    sys.stdout.buffer.flush()


method = os.environ.get('REQUEST_METHOD', 'GET')
content_type = os.environ.get('CONTENT_TYPE', '').split(';')[0].strip().lower()
if method == 'POST':
    if content_type != 'application/x-www-form-urlencoded':
        respond('415 Unsupported Media Type', '<p>application/x-www-form-urlencoded 폼만 받습니다.</p>\n')
        sys.exit(0)
    # 본문은 정확히 CONTENT_LENGTH 바이트만 읽는다. 파이썬 서버에서는 stdin 이 소켓이라 끝(EOF)이 오지 않는다.
    length = int(os.environ.get('CONTENT_LENGTH') or 0)
    body = sys.stdin.buffer.read(length) if length > 0 else b''
    fields = parse_qs(body.decode('utf-8', 'replace'), keep_blank_values=True)
else:
    fields = parse_qs(os.environ.get('QUERY_STRING', ''), keep_blank_values=True)

rows = '\n'.join(
    f'<tr><th>{html.escape(name)}</th><td>{html.escape(value)}</td></tr>'
    for name, values in fields.items()
    for value in values
)
action = html.escape(os.environ.get('SCRIPT_NAME', ''))

respond('200 OK', f'''<!DOCTYPE html>
<html lang="ko">
<head><meta charset="utf-8"><title>폼 처리 결과</title></head>
<body>
<h1>{html.escape(method)} 요청으로 받은 값</h1>
<table>
{rows or '<tr><td>(받은 값이 없습니다)</td></tr>'}
</table>
<form method="post" action="{action}">
<p><label>이름 <input name="name"></label></p>
<p><label>메시지 <textarea name="message"></textarea></label></p>
<p><button>보내기</button></p>
</form>
</body>
</html>
''')
