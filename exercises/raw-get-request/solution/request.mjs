// 손으로 쓴 HTTP 요청을 TCP 연결에 그대로 흘려보내는 클라이언트입니다.
//   node request.mjs http://localhost:8080/
import { connect } from 'node:net';

const url = new URL(process.argv[2] ?? 'http://localhost:8080/');
const socket = connect({ host: url.hostname, port: Number(url.port || 80) });

socket.on('connect', () => {
  const request =
    `GET ${url.pathname}${url.search} HTTP/1.1\r\n` + // 요청 줄
    `Host: ${url.host}\r\n` + // HTTP/1.1에서는 꼭 있어야 하는 헤더
    'Connection: close\r\n' + // 응답을 보낸 뒤 연결을 닫아 달라는 부탁
    '\r\n'; // 빈 줄: 헤더가 여기서 끝납니다

  // 요청을 다 보냈으면 우리 쪽 쓰기를 닫습니다. 응답은 계속 받을 수 있습니다.
  socket.end(request);
});

// 서버가 보낸 바이트를 받는 대로 화면에 옮깁니다.
socket.on('data', (chunk) => process.stdout.write(chunk));
socket.on('end', () => console.log('\n[서버가 연결을 닫았습니다]'));
socket.on('error', (error) => {
  console.error(`연결 오류: ${error.message}`);
  process.exitCode = 1;
});
