# http.client 의 다섯 단계를 그대로 따라가고, PUT과 늦게 보내는 본문을 덧붙입니다.
import sys
import time
from http.client import HTTPConnection
from urllib.parse import urlsplit

target = urlsplit(sys.argv[1] if len(sys.argv) > 1 else 'http://localhost:8888/')

# 1) 연결 객체 (이 줄에서는 아직 접속하지 않고, 첫 요청 때 접속합니다)
conn = HTTPConnection(target.hostname, target.port)
print(f'1) 연결 객체: {target.netloc}')

# 2) 요청 보내기
conn.request('GET', '/')
print('2) 요청: GET /')

# 3) 응답 객체 받기
response = conn.getresponse()
print(f'3) 응답: {response.status} {response.reason} (HTTP/{response.version / 10})')

# 4) 응답 데이터 읽기 (다 읽어야 같은 연결로 다음 요청을 보낼 수 있습니다)
print('4) 본문:', response.read().decode('utf-8').strip())

# GET, POST 말고 다른 메서드: PUT
conn.request('PUT', '/echo', body='새 내용'.encode('utf-8'),
             headers={'Content-Type': 'text/plain; charset=utf-8'})
response = conn.getresponse()
print(f'PUT {response.status} {response.reason}')
print(response.read().decode('utf-8').strip())

# 헤더를 먼저 보내고, 1초 쉰 다음에 본문을 보내기
late = b'late body'
conn.putrequest('POST', '/upload')
conn.putheader('Content-Type', 'text/plain')
conn.putheader('Content-Length', str(len(late)))
conn.endheaders()      # 요청 줄과 헤더만 지금 보냅니다
time.sleep(1)
conn.send(late)        # 본문은 1초 뒤에
response = conn.getresponse()
print(f'POST {response.status} {response.reason}')
print(response.read().decode('utf-8').strip())

# 5) 연결 닫기
conn.close()
print('5) 연결을 닫았습니다.')
