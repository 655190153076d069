// WSGI의 생각을 오늘날 자바스크립트가 이어받은 모양: 애플리케이션은 Request를 받아 Response를 돌려주는 함수 하나입니다.
// Deno, Bun, Cloudflare Workers 같은 런타임은 이 모양의 함수를 그대로 받고,
// Node에서는 아래의 작은 게이트웨이가 node:http 와 그 함수를 이어 줍니다.
import { createServer } from 'node:http';
import { Readable } from 'node:stream';

const port = Number(process.env.PORT ?? 8888);

// 애플리케이션: 서버에 대해 아무것도 모릅니다. WSGI의 app(environ, start_response)에 해당합니다.
async function app(request) {
  const url = new URL(request.url);
  if (request.method === 'POST') {
    const form = new URLSearchParams(await request.text());
    return Response.json({ received: Object.fromEntries(form) }, { status: 201 });
  }
  const name = url.searchParams.get('name') ?? 'web';
  // start_response('200 OK', headers) + return [body] 가 Response 하나로 합쳐졌습니다.
  return new Response(`Hello, ${name}!\n`, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

// 게이트웨이: node:http 의 요청을 표준 Request로 바꾸고, 돌려받은 Response를 소켓에 씁니다.
// WSGI 서버가 environ을 만들고 반환된 이터러블을 보내던 자리입니다.
function serve(handler) {
  return createServer(async (req, res) => {
    try {
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
      const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url}`, {
        method: req.method,
        headers: req.headers,
        body: hasBody ? Readable.toWeb(req) : undefined,
        duplex: 'half', // 본문을 스트림으로 넘길 때 필요한 옵션입니다
      });
      const response = await handler(request);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      // WSGI의 "바이트 조각들의 이터러블"처럼, 본문 스트림을 조각 단위로 보냅니다.
      if (response.body) {
        for await (const chunk of response.body) res.write(chunk);
      }
      res.end();
      console.log(`${req.method} ${req.url} → ${response.status}`);
    } catch (error) {
      // 게이트웨이의 몫: 앱이 실패해도(본문이 끊긴 요청, 잘못된 주소 …) 서버는 살아남아 500으로 답합니다.
      // wsgiref 도 앱의 예외를 잡아 500을 보냅니다.
      console.error(`${req.method} ${req.url} 처리 중 오류: ${error.message}`);
      if (!res.headersSent)
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Internal Server Error\n');
    }
  });
}

serve(app).listen(port, '127.0.0.1', () => {
  console.log(`Request → Response 서버: http://localhost:${port}/`);
});
