// CGI 방식의 웹 서버: /cgi-bin/ 아래 요청이 올 때마다 스크립트를 "새 프로세스"로 띄웁니다.
// 요청 정보는 환경 변수와 표준 입력으로 건네고, 스크립트가 표준 출력에 쓴 것을 응답으로 돌려줍니다.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';

const port = Number(process.env.PORT ?? 8888);
let started = 0; // 지금까지 띄운 CGI 프로세스 수
// 벤치마크처럼 요청이 쏟아질 때 로그에 묻히지 않도록, 처음 5개와 그 뒤 100개마다 한 줄씩만 적습니다.
const shouldLog = (n) => n <= 5 || n % 100 === 0;

const server = createServer((req, res) => {
  const url = new URL(req.url, `http://${req.headers.host ?? 'localhost'}`);
  const name = url.pathname.match(/^\/cgi-bin\/([\w-]+)$/)?.[1];
  const script = name && `cgi-bin/${name}.mjs`;
  if (!script || !existsSync(script)) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('CGI 스크립트가 없습니다.\n');
    return;
  }

  // RFC 3875가 정한 메타변수 몇 가지. 스크립트는 이것만 보고 요청을 압니다.
  const env = {
    ...process.env,
    GATEWAY_INTERFACE: 'CGI/1.1',
    SERVER_PROTOCOL: `HTTP/${req.httpVersion}`,
    SERVER_PORT: String(port),
    REQUEST_METHOD: req.method,
    SCRIPT_NAME: `/cgi-bin/${name}`,
    QUERY_STRING: url.search.slice(1),
    CONTENT_TYPE: req.headers['content-type'] ?? '',
    CONTENT_LENGTH: req.headers['content-length'] ?? '',
    REMOTE_ADDR: req.socket.remoteAddress ?? '',
  };

  // 여기가 CGI의 핵심이자 약점입니다: 요청 하나마다 Node 프로세스 하나를 새로 띄웁니다.
  const begin = performance.now();
  const child = spawn(process.execPath, [script], { env });
  const number = ++started;
  if (shouldLog(number)) {
    console.log(
      `요청 #${number}: ${req.method} ${req.url} → 새 프로세스 pid ${child.pid} 시작`,
    );
  }

  req.pipe(child.stdin); // POST 본문은 스크립트의 표준 입력으로
  const chunks = [];
  child.stdout.on('data', (chunk) => chunks.push(chunk));
  child.stderr.pipe(process.stderr);

  child.on('close', (code) => {
    const ms = (performance.now() - begin).toFixed(0);
    if (shouldLog(number)) {
      console.log(`요청 #${number}: pid ${child.pid} 종료 (코드 ${code}, ${ms} ms)`);
    }
    const output = Buffer.concat(chunks).toString('utf8');
    // 스크립트 출력 = 헤더 몇 줄 + 빈 줄 + 본문. 헤더 중 Status는 상태 줄로 옮깁니다.
    const gap = output.search(/\r?\n\r?\n/);
    if (code !== 0 || gap < 0) {
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('CGI 스크립트가 올바른 응답을 만들지 못했습니다.\n');
      return;
    }
    const headers = {};
    for (const line of output.slice(0, gap).split(/\r?\n/)) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
    }
    const status = Number(headers.Status?.split(' ')[0] ?? 200);
    delete headers.Status;
    res.writeHead(status, headers);
    res.end(output.slice(gap).replace(/^\r?\n\r?\n/, ''));
  });
});

server.listen(port, '127.0.0.1', () => {
  console.log(`CGI 서버(pid ${process.pid}): http://localhost:${port}/cgi-bin/hello`);
});
