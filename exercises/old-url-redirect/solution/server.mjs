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
    const id = url.searchParams.get('id');
    const no = url.searchParams.get('no') ?? '';
    if (!id || !/^\d+$/.test(no))
      return send(res, 400, '게시판(id)과 글 번호(no)가 필요합니다.');
    // 301: 영구히 옮겼습니다. 검색 엔진도 앞으로는 새 주소를 기억합니다.
    const target = `/${encodeURIComponent(id)}/${no}`;
    return send(res, 301, `새 주소로 옮겼습니다: ${target}`, { Location: target });
  }

  // 새 주소: /notice/12
  const post = /^\/([a-z]+)\/(\d+)$/.exec(url.pathname);
  if (post) return send(res, 200, `${post[1]} 게시판의 ${post[2]}번 글입니다.`);

  send(res, 404, '없는 주소입니다.');
});

server.listen(port, () => console.log(`게시판: http://localhost:${port}/notice/12`));
