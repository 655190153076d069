// curl을 흉내 낸 작은 HTTP 클라이언트입니다.
//   node curl.mjs [-i] [-I] [-X 메서드] [-H '이름: 값'] [-d 본문] URL
// -i 는 curl -i 처럼 상태 줄과 헤더까지 보여 주고, -I 는 HEAD 요청으로 헤더만 봅니다.
import { request } from 'node:http';

const args = process.argv.slice(2);
const options = {
  include: false,
  method: undefined,
  headers: {},
  data: undefined,
  url: undefined,
};

while (args.length > 0) {
  const arg = args.shift();
  if (arg === '-i') options.include = true;
  else if (arg === '-I') {
    options.include = true;
    options.method = 'HEAD';
  } else if (arg === '-X') options.method = args.shift();
  else if (arg === '-d') options.data = args.shift();
  else if (arg === '-H') {
    const [name, ...rest] = (args.shift() ?? '').split(':');
    options.headers[name.trim()] = rest.join(':').trim();
  } else options.url = arg;
}

if (!options.url) {
  console.error(
    '사용법: node curl.mjs [-i] [-I] [-X 메서드] [-H "이름: 값"] [-d 본문] URL',
  );
  process.exit(2);
}

const url = new URL(options.url);
// curl처럼 -d 가 있으면 POST, 폼 형식(application/x-www-form-urlencoded)으로 보냅니다.
const method = options.method ?? (options.data === undefined ? 'GET' : 'POST');
const headers = { 'User-Agent': 'curl.mjs/1.0', Accept: '*/*', ...options.headers };
if (options.data !== undefined) {
  headers['Content-Type'] ??= 'application/x-www-form-urlencoded';
  headers['Content-Length'] = Buffer.byteLength(options.data);
}

const req = request(url, { method, headers }, (res) => {
  if (options.include) {
    // rawHeaders 는 서버가 보낸 순서와 대소문자를 그대로 간직합니다: [이름, 값, 이름, 값, ...]
    console.log(`HTTP/${res.httpVersion} ${res.statusCode} ${res.statusMessage}`);
    for (let i = 0; i < res.rawHeaders.length; i += 2) {
      console.log(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}`);
    }
    console.log(); // 헤더와 본문을 가르는 빈 줄
  }
  res.pipe(process.stdout);
});

req.on('error', (error) => {
  console.error(
    `curl.mjs: ${url.host} 에 연결할 수 없습니다 (${error.code ?? error.message})`,
  );
  process.exitCode = 7; // curl 도 연결 실패에 7을 돌려줍니다.
});
req.end(options.data);
