// 인사 한 줄을 돌려주는 서버입니다.
import { createServer } from 'node:http';

// 실행 환경이 PORT 로 알려 준 포트, 없으면 8000 (파이썬: int(os.environ.get('PORT', 8000))).
const port = Number(process.env.PORT ?? 8000);

const server = createServer((req, res) => {
  const body = Buffer.from('안녕하세요\n'); // 파이썬의 '안녕하세요\n'.encode('utf-8')
  res.writeHead(200, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': body.length, // 바이트 수: 한글 다섯 글자 15바이트 + 줄바꿈 1바이트
  });
  res.end(body);
});

server.listen(port, () => console.log(`서버: http://localhost:${port}/`));
