// CGI 서버의 cgi-bin/hello.mjs와 같은 스크립트입니다. 코드는 똑같고 주석만 다릅니다.
// 다만 이번에는 새 프로세스가 아니라 웹 서버 프로세스 안의 스크립트 엔진(node:vm)이 실행합니다.
const query = new URLSearchParams(process.env.QUERY_STRING ?? '');
const name = query.get('name') ?? '손님';

// 요청마다 새 실행 환경에서 돌기 때문에 여전히 1입니다(PHP처럼 요청끼리 아무것도 나누지 않음).
let handled = 0;
handled += 1;

process.stdout.write('Content-Type: text/plain; charset=utf-8\r\n');
process.stdout.write('\r\n');
process.stdout.write(`안녕하세요, ${name}님!\n`);
process.stdout.write(
  `요청 방식: ${process.env.REQUEST_METHOD}, 쿼리 문자열: ${process.env.QUERY_STRING}\n`,
);
process.stdout.write(
  `이 응답을 만든 프로세스: pid ${process.pid} (부모인 웹 서버: pid ${process.ppid})\n`,
);
process.stdout.write(`이 프로세스가 처리한 요청 수: ${handled}\n`);
// Node 프로세스 하나는 아무 일을 안 해도 수십 MB를 차지합니다. 요청 수만큼 곱해 보세요.
process.stdout.write(
  `이 프로세스의 메모리(RSS): ${(process.memoryUsage().rss / 2 ** 20).toFixed(1)} MB\n`,
);
