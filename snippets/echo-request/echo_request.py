# echo_request.py: 받은 요청 바이트를 그대로 응답 본문으로 돌려주는 서버 (socketserver 사용)
import os
import socketserver

PORT = int(os.environ.get('PORT', 8888))


class EchoRequest(socketserver.StreamRequestHandler):
    def handle(self):
        lines = []
        while True:
            line = self.rfile.readline(65537)
            lines.append(line)
            if line in (b'\r\n', b'\n', b''):  # 빈 줄이 헤더의 끝입니다.
                break
        if lines == [b'']:
            return  # 연결만 열었다가 아무것도 보내지 않고 닫았습니다(브라우저의 미리 연결 등).
        head = b''.join(lines)
        length = 0
        for line in lines[1:]:
            name, _, value = line.decode('latin-1').partition(':')
            if name.strip().lower() == 'content-length':
                length = int(value.strip())
        request = head + self.rfile.read(length)
        print('요청 줄:', lines[0].decode('latin-1').rstrip('\r\n'))
        print(f'헤더 {len(lines) - 2}개, 본문 {length}바이트', flush=True)
        self.wfile.write(
            b'HTTP/1.1 200 OK\r\n'
            b'Content-Type: text/plain; charset=utf-8\r\n'
            + f'Content-Length: {len(request)}\r\n'.encode()
            + b'Connection: close\r\n\r\n'
            + request
        )


socketserver.TCPServer.allow_reuse_address = True
with socketserver.TCPServer(('127.0.0.1', PORT), EchoRequest) as server:
    print(f'받은 요청을 그대로 돌려주는 서버: http://localhost:{PORT}/', flush=True)
    server.serve_forever()
