#!/usr/bin/env python3
# CGI 스크립트: 요청 정보는 환경 변수, 본문은 표준 입력, 응답은 표준 출력.
# (파이썬 3.13에서 cgi 모듈이 없어졌으므로 os.environ과 sys.stdin, urllib.parse만 씁니다.)
import html
import os
import sys
from urllib.parse import parse_qs

method = os.environ['REQUEST_METHOD']
if method == 'POST':
    # CONTENT_LENGTH 바이트만큼만 읽습니다
    length = int(os.environ.get('CONTENT_LENGTH') or 0)
    data = sys.stdin.buffer.read(length).decode('utf-8')
else:
    data = os.environ.get('QUERY_STRING', '')
name = parse_qs(data).get('name', [''])[0]

if not name:
    print('Status: 400 Bad Request')
    print('Content-Type: text/plain; charset=utf-8')
    print()
    print('name 값이 없습니다.')
else:
    print('Content-Type: text/html; charset=utf-8')
    print()  # 빈 줄: CGI 헤더의 끝
    print(f'<p>{method} 요청을 받았습니다. 안녕하세요, {html.escape(name)}님!</p>')
