// telnet 처럼 서버와 TCP 연결 하나를 열고, 키보드로 친 글자를 그대로 보냅니다.
//   node telnet.mjs 호스트 포트
// HTTP 요청을 손으로 써 보세요. 마지막 헤더 다음에 빈 줄(Enter 한 번 더)을 보내야
// 서버가 "요청이 끝났구나" 하고 응답합니다.
import { connect } from 'node:net';

const [host = 'localhost', port = '8080'] = process.argv.slice(2);
const socket = connect({ host, port: Number(port) });

socket.on('connect', () => {
  console.log(`Trying ${host}...`);
  console.log(`Connected to ${host}:${port}.`);
});

// 서버가 보낸 바이트를 아무것도 고치지 않고 화면에 씁니다. 이것이 "날것(raw)" 응답입니다.
socket.on('data', (chunk) => process.stdout.write(chunk));

socket.on('end', () => {
  console.log('\nConnection closed by foreign host.');
  process.exit(0);
});

socket.on('error', (error) => {
  console.error(
    `telnet.mjs: ${host}:${port} 에 연결할 수 없습니다 (${error.code ?? error.message})`,
  );
  process.exit(1);
});

// HTTP 는 줄 끝을 CR LF(\r\n)로 약속합니다. 진짜 telnet 도 Enter 를 CR LF 로 보냅니다.
process.stdin.setEncoding('utf8');
process.stdin.on('data', (text) => {
  socket.write(text.replace(/\r?\n/g, '\r\n'));
});
// 입력이 끝나면(Ctrl-D) 보내는 쪽만 닫습니다. 응답은 계속 받을 수 있습니다.
process.stdin.on('end', () => socket.end());
