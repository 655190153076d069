// 웹 서버가 CGI 스크립트를 부르는 일을 네트워크 없이 흉내 냅니다.
// 환경 변수를 만들고, 본문을 표준 입력에 넣고, 스크립트의 출력을 HTTP 응답으로 바꿔 보여 줍니다.
//   node gateway.mjs GET 'name=web'
//   node gateway.mjs POST 'name=CGI'
import { spawn } from 'node:child_process';

const [method = 'GET', data = ''] = process.argv.slice(2);
const body = Buffer.from(method === 'POST' ? data : '');

const env = {
  PATH: process.env.PATH,
  GATEWAY_INTERFACE: 'CGI/1.1',
  SERVER_PROTOCOL: 'HTTP/1.1',
  SERVER_NAME: 'localhost',
  SERVER_PORT: '8888',
  REQUEST_METHOD: method,
  SCRIPT_NAME: '/cgi-bin/hello.mjs',
  QUERY_STRING: method === 'POST' ? '' : data,
  CONTENT_TYPE: method === 'POST' ? 'application/x-www-form-urlencoded' : '',
  CONTENT_LENGTH: method === 'POST' ? String(body.length) : '',
};

const child = spawn(process.execPath, ['hello.mjs'], { env });
// 본문 뒤에 일부러 몇 바이트를 더 흘려 넣습니다. 진짜 연결에서도 본문 뒤에 무엇이 이어질 수 있으므로,
// 스크립트는 CONTENT_LENGTH 까지만 읽어야 합니다.
child.stdin.on('error', () => {});
child.stdin.end(
  method === 'POST' ? Buffer.concat([body, Buffer.from('&leftover=1')]) : body,
);
child.stderr.pipe(process.stderr);

const chunks = [];
for await (const chunk of child.stdout) chunks.push(chunk);
const output = Buffer.concat(chunks).toString('utf8');

// 스크립트의 출력: 헤더 몇 줄, 빈 줄, 본문. Status 헤더는 상태 줄이 됩니다.
const gap = /\r?\n\r?\n/.exec(output);
if (!gap) {
  console.log(
    'HTTP/1.1 500 Internal Server Error\n\n(스크립트가 헤더 끝의 빈 줄을 쓰지 않았습니다)',
  );
  process.exit(0);
}
let status = '200 OK';
const headers = [];
for (const line of output.slice(0, gap.index).split(/\r?\n/)) {
  const colon = line.indexOf(':');
  if (line.slice(0, colon).trim().toLowerCase() === 'status')
    status = line.slice(colon + 1).trim();
  else headers.push(line);
}
console.log(`HTTP/1.1 ${status}`);
for (const header of headers) console.log(header);
console.log();
process.stdout.write(output.slice(gap.index + gap[0].length));
