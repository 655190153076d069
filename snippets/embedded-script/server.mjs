// CGI의 대안 1: 스크립트 엔진을 웹 서버 안에 넣기(Apache의 mod_php, mod_perl처럼).
// 스크립트는 CGI 때와 똑같지만, 새 프로세스를 띄우지 않고 서버 프로세스 안에서 실행합니다.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import vm from 'node:vm';

const port = Number(process.env.PORT ?? 8889);

// 스크립트는 서버가 뜰 때 한 번만 읽고 컴파일해 둡니다.
const script = new vm.Script(readFileSync('scripts/hello.mjs', 'utf8'), {
  filename: 'scripts/hello.mjs',
});
let handled = 0;
// 벤치마크처럼 요청이 쏟아질 때 로그에 묻히지 않도록, 처음 5개와 그 뒤 100개마다 한 줄씩만 적습니다.
const shouldLog = (n) => n <= 5 || n % 100 === 0;

const server = createServer((req, res) => {
  const url = new URL(req.url, `http://${req.headers.host ?? 'localhost'}`);
  if (url.pathname !== '/hello') {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('없는 스크립트입니다.\n');
    return;
  }

  // 스크립트가 보는 세상은 서버가 빌려준 것뿐입니다: CGI와 같은 환경 변수, 출력을 모을 stdout.
  let output = '';
  const sandbox = {
    URLSearchParams,
    process: {
      pid: process.pid, // 새 프로세스가 없으니 서버 자신의 pid
      ppid: process.ppid,
      env: {
        REQUEST_METHOD: req.method,
        QUERY_STRING: url.search.slice(1),
        SCRIPT_NAME: url.pathname,
      },
      stdout: { write: (text) => (output += text) },
      memoryUsage: () => process.memoryUsage(),
    },
  };
  const begin = performance.now();
  try {
    // 시간 제한이 없으면 스크립트의 무한 루프 하나가 서버 전체를 멈춥니다.
    script.runInNewContext(sandbox, { timeout: 1000 });
  } catch (error) {
    console.error(`스크립트 오류: ${error.message}`);
    res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('스크립트 실행에 실패했습니다.\n');
    return;
  }
  const ms = (performance.now() - begin).toFixed(2);
  if (shouldLog(++handled)) {
    console.log(
      `요청 #${handled}: ${req.method} ${req.url} → 서버 프로세스(pid ${process.pid}) 안에서 실행 (${ms} ms)`,
    );
  }

  // 출력 형식은 CGI와 같습니다: 헤더, 빈 줄, 본문.
  const gap = output.search(/\r?\n\r?\n/);
  const headers = {};
  for (const line of output.slice(0, gap).split(/\r?\n/)) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  res.writeHead(200, headers);
  res.end(output.slice(gap).replace(/^\r?\n\r?\n/, ''));
});

server.listen(port, '127.0.0.1', () => {
  console.log(
    `스크립트 엔진 내장 서버(pid ${process.pid}): http://localhost:${port}/hello`,
  );
});
