// 2부의 클라이언트 예제(urlopen, http.client)가 요청을 보내는 실습용 서버입니다.
// 브라우저 안에서는 www.python.org 같은 바깥 서버에 갈 수 없으므로,
// 클라이언트가 시험해 볼 만한 경우(에코, 느린 응답, 없는 페이지, 늦게 오는 본문)를 여기에 모았습니다.
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 8888);

// 요청 본문을 끝까지 모아 문자열로 돌려줍니다.
async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res, status, text, headers = {}) {
  const body = Buffer.from(text);
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': body.length,
    ...headers,
  });
  res.end(body);
}

const server = createServer(async (req, res) => {
  // 헤더가 도착한 순간을 기록해 두면, 본문이 얼마나 늦게 왔는지 잴 수 있습니다.
  const headersAt = Date.now();
  const { pathname } = new URL(req.url, 'http://localhost');
  console.log(`${req.method} ${req.url} HTTP/${req.httpVersion}`);

  if (pathname === '/' && req.method === 'GET') {
    return send(res, 200, '실습용 서버입니다. /echo, /slow, /upload 를 요청해 보세요.\n');
  }
  if (pathname === '/echo') {
    // 받은 그대로 돌려주면, 클라이언트가 무엇을 보냈는지 눈으로 확인할 수 있습니다.
    const body = await readBody(req);
    const lines = [
      `method: ${req.method}`,
      `url: ${req.url}`,
      `content-type: ${req.headers['content-type'] ?? '(없음)'}`,
      `content-length: ${req.headers['content-length'] ?? '(없음)'}`,
      `body: ${body}`,
    ];
    return send(res, 200, lines.join('\n') + '\n');
  }
  if (pathname === '/slow') {
    // 일부러 3초 늦게 답합니다. 클라이언트의 타임아웃을 시험하는 곳입니다.
    setTimeout(() => send(res, 200, '늦었지만 도착했습니다.\n'), 3000);
    return;
  }
  if (pathname === '/upload') {
    const body = await readBody(req);
    const waited = Date.now() - headersAt;
    console.log(
      `  헤더를 받고 ${waited}ms 뒤에 본문 ${Buffer.byteLength(body)}바이트가 끝났습니다.`,
    );
    return send(res, 200, `받은 본문: ${body}\n본문을 기다린 시간: ${waited}ms\n`);
  }
  send(res, 404, `${pathname} 은(는) 없는 페이지입니다.\n`);
});

server.listen(port, '127.0.0.1', () => {
  console.log(`실습용 서버: http://localhost:${port}/`);
});
