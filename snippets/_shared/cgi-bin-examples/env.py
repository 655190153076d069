#!/usr/bin/env python3
# CGI 환경 변수 출력기(env.mjs 의 파이썬판): 웹 서버가 넘겨준 메타변수를 text/plain 으로 보여 준다.
import os
import sys

# RFC 3875 가 정의한 메타변수. 여기에 요청 헤더에서 온 HTTP_* 가 더해진다.
META_VARIABLES = {
    'AUTH_TYPE', 'CONTENT_LENGTH', 'CONTENT_TYPE', 'GATEWAY_INTERFACE',
    'PATH_INFO', 'PATH_TRANSLATED', 'QUERY_STRING', 'REMOTE_ADDR',
    'REMOTE_HOST', 'REMOTE_IDENT', 'REMOTE_USER', 'REQUEST_METHOD',
    'SCRIPT_NAME', 'SERVER_NAME', 'SERVER_PORT', 'SERVER_PROTOCOL',
    'SERVER_SOFTWARE',
}

names = sorted(os.environ)
cgi_names = [n for n in names if n in META_VARIABLES or n.startswith('HTTP_')]
# 나머지는 서버 프로세스에서 물려받은 변수다. 비밀값이 있을 수 있어 이름만 보여 준다.
other_names = [n for n in names if n not in cgi_names]

lines = [f'{n}={os.environ[n]}' for n in cgi_names]
lines += ['', f'[그 밖의 환경 변수 {len(other_names)}개: 값은 숨기고 이름만 보여 줍니다]', *other_names]

# print() 는 LF 만 쓰는데, 파이썬 서버는 이 출력을 그대로 흘려보내므로 CRLF 를 직접 쓴다.
out = sys.stdout.buffer
out.write(b'Content-Type: text/plain; charset=utf-8\r\n\r\n')
out.write(('\n'.join(lines) + '\n').encode('utf-8', 'surrogateescape'))
out.flush()
