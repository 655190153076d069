// 손으로 쓴 HTTP 요청을 TCP 연결에 그대로 흘려보내는 클라이언트입니다.
//   node request.mjs http://localhost:8080/
import { connect } from 'node:net';

const url = new URL(process.argv[2] ?? 'http://localhost:8080/');
const socket = connect({ host: url.hostname, port: Number(url.port || 80) });

socket.on('connect', () => {
  // TODO: 보낼 요청 메시지를 직접 만드세요.
  //   1) 요청 줄: 메서드, 경로, 프로토콜 버전
  //   2) Host 헤더와 Connection: close 헤더
  //   3) 헤더가 끝났다는 빈 줄
  // 줄 끝은 '\r\n'입니다.
  const request = '';

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
