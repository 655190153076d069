// public/ 폴더 하나를 내놓는 파일 서버입니다 (python -m http.server 처럼).
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';

const port = Number(process.env.PORT ?? 8888);

// TODO: 확장자로 Content-Type 을 정하세요 (.html, .txt, .json).
const typeOf = (file) => 'application/octet-stream';

const server = createServer(async (req, res) => {
  // TODO: 이렇게 이어 붙이면 /../secret.txt 가 폴더 밖의 파일을 가리킵니다.
  //       최종 위치를 계산해 public/ 안인지 확인하고, 밖이면 404 로 답하세요.
  let path = decodeURIComponent(req.url.split('?')[0]);
  if (path.endsWith('/')) path += 'index.html';
  const file = join('public', path);

  try {
    const body = await readFile(file);
    res.writeHead(200, { 'Content-Type': typeOf(file), 'Content-Length': body.length });
    res.end(body);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('파일이 없습니다.\n');
  }
  console.log(`${req.method} ${req.url} ${res.statusCode}`);
});

server.listen(port, () => console.log(`파일 서버: http://127.0.0.1:${port}/`));
