// public/ 폴더 하나를 내놓는 파일 서버입니다 (python -m http.server 처럼).
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, resolve, sep } from 'node:path';

const port = Number(process.env.PORT ?? 8888);
const root = resolve('public');

const types = {
  '.html': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  '.css': 'text/css',
};
const typeOf = (file) => types[extname(file).toLowerCase()] ?? 'application/octet-stream';

function notFound(res) {
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('파일이 없습니다.\n');
}

/** 요청 경로가 가리키는 파일의 절대 경로. public/ 밖이거나 읽을 수 없는 경로면 undefined. */
function fileFor(target) {
  let decoded;
  try {
    decoded = decodeURIComponent(target.split('?')[0]);
  } catch {
    return undefined; // %zz 처럼 잘못된 인코딩
  }
  if (decoded.includes('\0')) return undefined;
  if (decoded.endsWith('/')) decoded += 'index.html';
  // resolve 가 ..를 모두 계산한 "최종 위치"를 돌려줍니다. 그 위치가 root 안이어야 합니다.
  const file = resolve(root, '.' + decoded);
  return file.startsWith(root + sep) ? file : undefined;
}

const server = createServer(async (req, res) => {
  const file = fileFor(req.url);
  if (!file) {
    notFound(res);
  } else {
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': typeOf(file), 'Content-Length': body.length });
      res.end(body);
    } catch {
      notFound(res);
    }
  }
  console.log(`${req.method} ${req.url} ${res.statusCode}`);
});

server.listen(port, () => console.log(`파일 서버: http://127.0.0.1:${port}/`));
