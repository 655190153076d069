// site/ 폴더를 내놓는 서버입니다. 폴더 주소는 SimpleHTTPRequestHandler 처럼 다룹니다.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join, resolve, sep } from 'node:path';

const port = Number(process.env.PORT ?? 8888);
const root = resolve('site');

/** 요청 경로의 실제 위치. site/ 밖을 가리키면 undefined (연습 문제 safe-file-server 참고). */
function located(pathname) {
  try {
    const path = resolve(root, '.' + decodeURIComponent(pathname));
    return path === root || path.startsWith(root + sep) ? path : undefined;
  } catch {
    return undefined;
  }
}

function send(res, status, type, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': type, ...headers });
  res.end(body);
}

const server = createServer(async (req, res) => {
  const { pathname } = new URL(req.url, 'http://localhost');
  const path = located(pathname);
  if (!path) return send(res, 404, 'text/plain; charset=utf-8', '없습니다.\n');

  // TODO: path 가 폴더라면
  //   1) 주소가 / 로 끝나지 않으면 / 를 붙인 주소로 301
  //   2) 폴더에 index.html 이 있으면 그것을
  //   3) 없으면 이름을 정렬한 목록 페이지를 보내세요 (하위 폴더 이름 끝에는 /).
  //   지금은 폴더를 파일처럼 읽으려다 실패해서 500 이 나갑니다.
  try {
    const body = await readFile(path);
    send(
      res,
      200,
      path.endsWith('.html') ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8',
      body,
    );
  } catch (error) {
    if (error.code === 'ENOENT')
      return send(res, 404, 'text/plain; charset=utf-8', '없습니다.\n');
    send(res, 500, 'text/plain; charset=utf-8', `읽지 못했습니다: ${error.code}\n`);
  }
});

server.listen(port, () => console.log(`서버: http://127.0.0.1:${port}/`));
