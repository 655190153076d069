// 인사 한 줄을 돌려주는 서버입니다.
import { createServer } from 'node:http';

// TODO: 포트를 박아 두지 말고 PORT 환경 변수에서 읽으세요 (없으면 8000).
const port = 8000;

const server = createServer((req, res) => {
  const text = '안녕하세요\n';
  res.writeHead(200, {
    'Content-Type': 'text/plain; charset=utf-8',
    // TODO: Content-Length 는 글자 수가 아니라 바이트 수입니다.
    'Content-Length': text.length,
  });
  res.end(text);
});

server.listen(port, () => console.log(`서버: http://localhost:${port}/`));
