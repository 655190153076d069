# 웹 서버와 애플리케이션 서버를 각각 따로 된 프로세스로 띄웁니다(파이썬판).
import signal
import subprocess
import sys
import threading

children = [subprocess.Popen([sys.executable, '-u', file], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True, encoding='utf-8')
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
