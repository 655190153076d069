// 웹 서버가 CGI 스크립트를 부를 때 하는 일을 네트워크 없이 한 단계씩 보여 줍니다.
// 사용법: node run-cgi.mjs [GET|POST] [폼 데이터]   예) node run-cgi.mjs POST name=CGI
import { spawn } from 'node:child_process';

const [method = 'GET', data = 'name=web'] = process.argv.slice(2);
const body = method === 'POST' ? Buffer.from(data) : Buffer.alloc(0);

// 1) 요청 정보를 환경 변수(메타변수)로 만듭니다.
const env = {
  GATEWAY_INTERFACE: 'CGI/1.1',
  SERVER_PROTOCOL: 'HTTP/1.1',
  SERVER_NAME: 'localhost',
  SERVER_PORT: '8888',
  REQUEST_METHOD: method,
  SCRIPT_NAME: '/cgi-bin/hello.mjs',
  QUERY_STRING: method === 'GET' ? data : '',
  REMOTE_ADDR: '127.0.0.1',
  ...(method === 'POST' && {
    CONTENT_TYPE: 'application/x-www-form-urlencoded',
    CONTENT_LENGTH: String(body.length),
  }),
};
console.log('[웹 서버 → CGI] 환경 변수');
for (const [name, value] of Object.entries(env)) console.log(`  ${name}=${value}`);
console.log(`[웹 서버 → CGI] 표준 입력: ${body.length ? body.toString() : '(없음)'}`);

// 2) 요청마다 새 프로세스를 띄웁니다. 진짜 서버는 스크립트 파일을 직접 실행하고(첫 줄의 #!),
//    여기서는 어디서나 돌도록 지금 쓰는 node로 실행합니다.
const child = spawn(process.execPath, ['cgi-bin/hello.mjs'], {
  env: { PATH: process.env.PATH, ...env },
});
child.stdin.end(body);
const chunks = [];
for await (const chunk of child.stdout) chunks.push(chunk);
const output = Buffer.concat(chunks).toString('utf8');
console.log(
  `[CGI → 웹 서버] 표준 출력 그대로:\n${output.trimEnd().replace(/^/gm, '  | ')}`,
);

// 3) CGI 응답을 HTTP 응답으로 바꿉니다: 헤더와 본문을 빈 줄에서 가르고, Status 헤더는 상태 줄로.
const split = output.match(/\r?\n\r?\n/);
const headerLines = output.slice(0, split.index).split(/\r?\n/);
const content = output.slice(split.index + split[0].length);
let status = '200 OK';
const headers = [];
for (const line of headerLines) {
  const [name, ...rest] = line.split(':');
  if (name.toLowerCase() === 'status') status = rest.join(':').trim();
  else headers.push(line);
}
headers.push(`Content-Length: ${Buffer.byteLength(content)}`);
console.log('[웹 서버 → 브라우저] HTTP 응답:');
console.log(`  HTTP/1.1 ${status}\n  ${headers.join('\n  ')}\n\n  ${content.trim()}`);
