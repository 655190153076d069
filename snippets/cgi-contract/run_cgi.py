# 웹 서버가 CGI 스크립트를 부르는 과정을 네트워크 없이 재현합니다.
# 사용법: python3 run_cgi.py [GET|POST] [폼 데이터]
import re
import subprocess
import sys

method = sys.argv[1] if len(sys.argv) > 1 else 'GET'
data = sys.argv[2] if len(sys.argv) > 2 else 'name=web'
body = data.encode('utf-8') if method == 'POST' else b''

# 1) 요청 정보를 환경 변수로
env = {
    'GATEWAY_INTERFACE': 'CGI/1.1',
    'SERVER_PROTOCOL': 'HTTP/1.1',
    'SERVER_NAME': 'localhost',
    'SERVER_PORT': '8888',
    'REQUEST_METHOD': method,
    'SCRIPT_NAME': '/cgi-bin/hello.py',
    'QUERY_STRING': data if method == 'GET' else '',
    'REMOTE_ADDR': '127.0.0.1',
}
if method == 'POST':
    env['CONTENT_TYPE'] = 'application/x-www-form-urlencoded'
    env['CONTENT_LENGTH'] = str(len(body))
print('[웹 서버 → CGI] 환경 변수')
for name, value in env.items():
    print(f'  {name}={value}')
print('[웹 서버 → CGI] 표준 입력:', body.decode() if body else '(없음)')

# 2) 새 프로세스로 스크립트 실행 (본문은 표준 입력으로)
result = subprocess.run([sys.executable, 'cgi-bin/hello.py'], input=body,
                        capture_output=True, env={**env, 'PYTHONIOENCODING': 'utf-8'})
output = result.stdout.decode('utf-8')
print('[CGI → 웹 서버] 표준 출력 그대로:')
print('\n'.join('  | ' + line for line in output.rstrip().split('\n')))

# 3) CGI 응답을 HTTP 응답으로: 빈 줄에서 가르고, Status 헤더는 상태 줄로
head, content = re.split(r'\r?\n\r?\n', output, maxsplit=1)
status, headers = '200 OK', []
for line in re.split(r'\r?\n', head):
    name, _, value = line.partition(':')
    if name.lower() == 'status':
        status = value.strip()
    else:
        headers.append(line)
headers.append(f'Content-Length: {len(content.encode("utf-8"))}')
print('[웹 서버 → 브라우저] HTTP 응답:')
print(f'  HTTP/1.1 {status}')
print('\n'.join('  ' + h for h in headers))
print()
print('  ' + content.strip())
