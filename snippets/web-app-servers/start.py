# 웹 서버와 애플리케이션 서버를 각각 따로 된 프로세스로 띄웁니다(파이썬판).
import signal
import subprocess
import sys
import threading

# 자식의 표준 입력은 이 프로그램과 이은 파이프입니다(아무것도 쓰지 않습니다). 이 프로그램이 어떻게
# 끝나든(kill -9 포함) 운영체제가 파이프를 닫으므로, 자식은 그것을 보고 따라 끝납니다(--parent-pipe).
children = [subprocess.Popen([sys.executable, '-u', file, '--parent-pipe'], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True, encoding='utf-8')
            for file in ('app_server.py', 'web_server.py')]


def relay(child, tag):
    # 두 프로세스의 출력에 이름표를 붙여 한곳에 모읍니다.
    for line in child.stdout:
        print(f'[{tag}] {line}', end='', flush=True)


threads = [threading.Thread(target=relay, args=(c, name), daemon=True)
           for c, name in zip(children, ('app_server', 'web_server'))]
for t in threads:
    t.start()


def stop(*_):
    for child in children:
        child.terminate()
    sys.exit(0)


signal.signal(signal.SIGTERM, stop)
signal.signal(signal.SIGINT, stop)
for child in children:
    child.wait()
