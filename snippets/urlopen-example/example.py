# 강의의 example.py: 표준 라이브러리만으로 웹 페이지를 받아 그대로 찍습니다.
# 강의는 http://www.example.com 을 요청했지만, 여기서는 같은 페이지를 주는 로컬 대역 서버에 요청합니다.
import sys
import urllib.request

url = sys.argv[1] if len(sys.argv) > 1 else 'http://localhost:8080/'
print(urllib.request.urlopen(url).read().decode('utf-8'))
