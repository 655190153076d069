// 웹 서버: 정적 파일(/static/...)은 직접 보내고, 동적 요청(/app/...)은 애플리케이션 서버에 넘깁니다.
// Nginx나 Apache httpd가 앞단에서 하는 일을 작게 줄인 것입니다.
import { createReadStream, statSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { extname, join, resolve } from 'node:path';

const port = Number(process.env.PORT ?? 8000);
const appPort = Number(process.env.APP_PORT ?? 8001);
const staticRoot = resolve('static');
const types = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

function serveStatic(req, res, pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    decoded = '\0'; // %zz 처럼 잘못된 퍼센트 인코딩
  }
  // 잘못된 인코딩이나 NUL 문자가 든 경로는 파일 이름이 될 수 없으니 400으로 거절합니다.
  if (decoded.includes('\0')) {
    res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('잘못된 경로입니다.\n');
    return;
  }
  const file = join(staticRoot, decoded);
  let stats;
  try {
    stats = statSync(file);
  } catch {
    stats = undefined; // 없는 파일, 너무 긴 이름(ENAMETOOLONG) 등은 모두 "없는 파일"입니다.
  }
  // ../ 로 static 폴더 밖의 파일을 꺼내 가지 못하게 막습니다.
  if (!file.startsWith(staticRoot + '/') || !stats?.isFile()) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('파일이 없습니다.\n');
    return;
  }
  res.writeHead(200, {
    'Content-Type': types[extname(file)] ?? 'application/octet-stream',
    'Content-Length': stats.size,
    'X-Served-By': `web-server (pid ${process.pid})`,
  });
  createReadStream(file).pipe(res);
}

function forwardToApp(req, res) {
  // 요청을 그대로 애플리케이션 서버에 보내고, 받은 응답을 그대로 돌려줍니다(리버스 프록시).
  const upstream = request(
    {
      host: '127.0.0.1',
      port: appPort,
      path: req.url,
      method: req.method,
      headers: { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress },
    },
    (appRes) => {
      res.writeHead(appRes.statusCode, appRes.headers);
      appRes.pipe(res);
    },
  );
  // 애플리케이션 서버가 꺼져 있으면 502 Bad Gateway: 뒷단에서 제대로 된 응답을 못 받았다는 뜻입니다.
  upstream.on('error', () => {
    res.writeHead(502, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('애플리케이션 서버에 연결할 수 없습니다.\n');
  });
  req.pipe(upstream);
}

// start.mjs 가 띄웠다면 IPC 통로로 이어져 있습니다. 통로가 끊기면(start.mjs 가 끝나면) 이 서버도 끝납니다.
// 혼자 실행했을 때는 통로가 없으므로 이 줄은 아무 일도 하지 않습니다.
process.on('disconnect', () => process.exit(0));

let received = 0;
// 벤치마크처럼 요청이 쏟아질 때 로그에 묻히지 않도록, 처음 5개와 그 뒤 100개마다 한 줄씩만 적습니다.
const shouldLog = (n) => n <= 5 || n % 100 === 0;

const server = createServer((req, res) => {
  const { pathname } = new URL(req.url, 'http://localhost');
  const dynamic = pathname.startsWith('/app/');
  if (shouldLog(++received)) {
    console.log(
      `${req.method} ${req.url} → ${dynamic ? `애플리케이션 서버(:${appPort})로 전달` : '정적 파일'}`,
    );
  }
  if (dynamic) forwardToApp(req, res);
  else
    serveStatic(
      req,
      res,
      pathname === '/' ? '/index.html' : pathname.replace(/^\/static\//, '/'),
    );
});

server.listen(port, '127.0.0.1', () => {
  console.log(`웹 서버(pid ${process.pid}): http://localhost:${port}/`);
});
