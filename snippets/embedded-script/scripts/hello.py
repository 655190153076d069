# CGI 서버의 cgi-bin/hello.py와 같은 스크립트입니다. 이번에는 웹 서버 프로세스 안에서 exec()로 실행됩니다.
import os
import sys
from urllib.parse import parse_qs

try:
    import resource  # 유닉스(리눅스, macOS)에만 있는 모듈입니다. 윈도에는 없습니다.
except ImportError:
    resource = None

query = parse_qs(os.environ.get('QUERY_STRING', ''))
name = query.get('name', ['손님'])[0]

# 요청마다 새 전역 이름공간에서 실행하므로 여전히 1입니다.
handled = 0
handled += 1

print('Content-Type: text/plain; charset=utf-8', end='\r\n')
print(end='\r\n')
print(f'안녕하세요, {name}님!')
print(f"요청 방식: {os.environ['REQUEST_METHOD']}, 쿼리 문자열: {os.environ['QUERY_STRING']}")
print(f'이 응답을 만든 프로세스: pid {os.getpid()} (부모인 웹 서버: pid {os.getppid()})')
print(f'이 프로세스가 처리한 요청 수: {handled}')
# 인터프리터 하나가 차지하는 메모리입니다. ru_maxrss의 단위는 리눅스에서 KB, macOS에서 바이트입니다.
if resource is None:
    print('이 프로세스의 메모리(최대 RSS): 윈도에서는 resource 모듈이 없어 재지 않습니다')
else:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    mb = rss / (1024 * 1024) if sys.platform == 'darwin' else rss / 1024
    print(f'이 프로세스의 메모리(최대 RSS): {mb:.1f} MB')
