// 애플리케이션 서버: 동적 페이지만 만듭니다. 한 번 뜨면 계속 살아 있으면서 요청을 받습니다.
// Gunicorn, uWSGI, Tomcat이 맡는 자리입니다. 바깥이 아니라 웹 서버만 이 포트로 요청을 보냅니다.
import { createServer } from 'node:http';

const port = Number(process.env.APP_PORT ?? 8001);

// 앱을 준비하는 비용(설정 읽기, DB 연결 등)은 뜰 때 한 번만 치릅니다.
const loadedAt = new Date().toISOString();
let handled = 0; // 프로세스가 살아 있으므로 요청 사이에 값이 남습니다.
// 벤치마크처럼 요청이 쏟아질 때 로그에 묻히지 않도록, 처음 5개와 그 뒤 100개마다 한 줄씩만 적습니다.
const shouldLog = (n) => n <= 5 || n % 100 === 0;

// start.mjs 가 띄웠다면 IPC 통로로 이어져 있습니다. 통로가 끊기면(start.mjs 가 끝나면) 이 서버도 끝납니다.
// 혼자 실행했을 때는 통로가 없으므로 이 줄은 아무 일도 하지 않습니다.
process.on('disconnect', () => process.exit(0));

const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname !== '/app/hello') {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('애플리케이션에 이런 경로는 없습니다.\n');
    return;
  }
  handled += 1;
  const name = url.searchParams.get('name') ?? '손님';
  const body = [
    `안녕하세요, ${name}님!`,
    `이 응답을 만든 프로세스: pid ${process.pid} (앱을 불러온 시각 ${loadedAt})`,
    `이 프로세스가 처리한 요청 수: ${handled}`,
    `요청을 전달한 웹 서버 쪽 클라이언트 주소: ${req.headers['x-forwarded-for'] ?? '(직접 받은 요청)'}`,
    '',
  ].join('\n');
  if (shouldLog(handled)) {
    console.log(`${req.method} ${req.url} → ${handled}번째 요청 처리`);
  }
  res.writeHead(200, {
    'Content-Type': 'text/plain; charset=utf-8',
    'X-Served-By': `app-server (pid ${process.pid})`,
  });
  res.end(body);
});

// 127.0.0.1에만 열어 두면 같은 상자의 웹 서버만 들어올 수 있습니다.
server.listen(port, '127.0.0.1', () => {
  console.log(
    `애플리케이션 서버(pid ${process.pid}): http://127.0.0.1:${port}/app/hello`,
  );
});
