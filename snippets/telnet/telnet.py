# telnet.mjs 의 파이썬판: 소켓 하나로 키보드 입력을 그대로 보내고 응답을 그대로 찍습니다.
#   python3 telnet.py 호스트 포트
# (telnetlib 모듈은 파이썬 3.13에서 사라졌으니 socket 을 직접 씁니다.)
import socket
import sys
import threading

host = sys.argv[1] if len(sys.argv) > 1 else 'localhost'
port = int(sys.argv[2]) if len(sys.argv) > 2 else 8080

try:
    sock = socket.create_connection((host, port))
except OSError as error:
    print(f'telnet.py: {host}:{port} 에 연결할 수 없습니다 ({error})', file=sys.stderr)
    sys.exit(1)
print(f'Trying {host}...')
print(f'Connected to {host}:{port}.', flush=True)


def send_keyboard():
    for line in sys.stdin:
        sock.sendall(line.rstrip('\r\n').encode() + b'\r\n')
    sock.shutdown(socket.SHUT_WR)  # 입력이 끝나면 보내는 쪽만 닫습니다.


threading.Thread(target=send_keyboard, daemon=True).start()
while True:
    chunk = sock.recv(4096)
    if not chunk:
        break
    sys.stdout.write(chunk.decode('utf-8', errors='replace'))
    sys.stdout.flush()
print('\nConnection closed by foreign host.')
