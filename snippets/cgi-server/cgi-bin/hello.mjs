// CGI 스크립트: 웹 서버가 요청마다 새로 실행하는 평범한 프로그램입니다.
// 요청은 환경 변수로 받고, 응답은 표준 출력에 "헤더, 빈 줄, 본문" 순서로 씁니다.
const query = new URLSearchParams(process.env.QUERY_STRING ?? '');
const name = query.get('name') ?? '손님';

// 프로세스가 새로 태어났으니 이 값은 언제나 1입니다. 이전 요청의 기억이 없습니다.
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
