// 게시판 서버: 새 주소는 /<게시판>/<번호>, 옛 주소는 /board.php?id=<게시판>&no=<번호> 입니다.
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 8888);

function send(res, status, text, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  res.end(text + '\n');
}

const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  console.log(`${req.method} ${req.url}`);

  if (url.pathname === '/board.php') {
    // TODO: 쿼리의 id 와 no 로 새 주소를 만들어 301 과 Location 으로 보내세요.
    //       id 가 없거나 no 가 숫자가 아니면 400 입니다.
    return send(res, 404, '이 주소는 더 이상 쓰지 않습니다.');
  }

  // 새 주소: /notice/12
  const post = /^\/([a-z]+)\/(\d+)$/.exec(url.pathname);
  if (post) return send(res, 200, `${post[1]} 게시판의 ${post[2]}번 글입니다.`);

  send(res, 404, '없는 주소입니다.');
});

server.listen(port, () => console.log(`게시판: http://localhost:${port}/notice/12`));
