# CGI 스크립트(파이썬판): 요청은 환경 변수로 받고, 응답은 표준 출력에 씁니다.
import os
import resource
from urllib.parse import parse_qs

query = parse_qs(os.environ.get('QUERY_STRING', ''))
name = query.get('name', ['손님'])[0]

# 새로 태어난 프로세스라서 언제나 1입니다.
handled = 0
handled += 1

print('Content-Type: text/plain; charset=utf-8', end='\r\n')
print(end='\r\n')
print(f'안녕하세요, {name}님!')
print(f"요청 방식: {os.environ['REQUEST_METHOD']}, 질의 문자열: {os.environ['QUERY_STRING']}")
print(f'이 응답을 만든 프로세스: pid {os.getpid()} (부모인 웹 서버: pid {os.getppid()})')
print(f'이 프로세스가 처리한 요청 수: {handled}')
# 리눅스에서 ru_maxrss는 KB 단위입니다. 인터프리터 하나가 이만큼을 차지합니다.
print(f'이 프로세스의 메모리(최대 RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f} MB')
