// 받은 요청을 글자 하나 고치지 않고 그대로 되돌려 주는 서버입니다.
// node:http 는 요청을 해석해서 건네주므로, 날것의 바이트를 보려고 한 단계 아래인 node:net 을 씁니다.
import { createServer } from 'node:net';

const port = Number(process.env.PORT ?? 8888);

const server = createServer((socket) => {
  let received = Buffer.alloc(0);

  socket.on('data', (chunk) => {
    received = Buffer.concat([received, chunk]);
    // 헤더는 빈 줄(\r\n\r\n)에서 끝납니다. 아직 거기까지 오지 않았으면 더 기다립니다.
    const headEnd = received.indexOf('\r\n\r\n');
    if (headEnd === -1) return;

    const head = received.subarray(0, headEnd).toString('latin1');
    const [requestLine, ...headerLines] = head.split('\r\n');
    // 본문의 길이는 Content-Length 헤더가 알려 줍니다. 없으면 본문이 없는 요청입니다.
    const lengthLine = headerLines.find((line) => /^content-length:/i.test(line));
    const bodyLength = lengthLine ? Number(lengthLine.split(':')[1]) : 0;
    const total = headEnd + 4 + bodyLength;
    if (received.length < total) return;

    const request = received.subarray(0, total);
    console.log(`요청 줄: ${requestLine}`);
    console.log(`헤더 ${headerLines.length}개, 본문 ${bodyLength}바이트`);

    socket.write(
      'HTTP/1.1 200 OK\r\n' +
        'Content-Type: text/plain; charset=utf-8\r\n' +
        `Content-Length: ${request.length}\r\n` +
        'Connection: close\r\n' +
        '\r\n',
    );
    // 응답 본문 = 받은 요청 그대로
    socket.end(request);
  });
});

server.listen(port, '127.0.0.1', () => {
  console.log(`받은 요청을 그대로 돌려주는 서버: http://localhost:${port}/`);
});
