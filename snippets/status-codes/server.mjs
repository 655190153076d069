// 자주 쓰는 상태 코드마다 주소를 하나씩 둔 서버입니다. /404 만 빼고 주소가 곧 상태 코드입니다.
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 8888);

// 상태 코드마다 함께 보내야 뜻이 통하는 헤더가 있습니다.
const routes = {
  '/200': { status: 200, text: '요청을 잘 처리했습니다' },
  '/201': {
    status: 201,
    headers: { Location: '/items/7' },
    text: '새 리소스를 /items/7 에 만들었습니다',
  },
  '/202': {
    status: 202,
    headers: { Location: '/jobs/42', 'Retry-After': '5' },
    text: '접수만 했습니다. 5초 뒤에 /jobs/42 에서 결과를 확인하세요',
  },
  '/301': {
    status: 301,
    headers: { Location: '/result' },
    text: '/result 로 영영 옮겼습니다',
  },
  '/303': {
    status: 303,
    headers: { Location: '/result' },
    text: '결과는 /result 를 GET으로 보세요',
  },
  '/307': {
    status: 307,
    headers: { Location: '/result' },
    text: '같은 메서드로 /result 에 다시 보내세요',
  },
  '/400': { status: 400, text: '요청을 알아들을 수 없습니다' },
  '/403': { status: 403, text: '누구인지는 알지만 보여 줄 수 없습니다' },
  '/502': { status: 502, text: '(흉내) 뒷단 서버에게서 엉터리 응답을 받았습니다' },
  '/503': {
    status: 503,
    headers: { 'Retry-After': '120' },
    text: '점검 중입니다. 2분 뒤에 다시 오세요',
  },
};

// 아이디 guest, 비밀번호 guest를 Basic 인증 형식(base64)으로 적은 것입니다.
const GUEST = 'Basic ' + Buffer.from('guest:guest').toString('base64');

async function readBody(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}

async function handle(req) {
  const { pathname } = new URL(req.url, 'http://localhost');
  const body = await readBody(req);

  if (pathname === '/result') {
    // 리다이렉트를 따라온 요청이 어떤 메서드로, 어떤 본문을 달고 왔는지 보여 줍니다.
    return { status: 200, text: `메서드: ${req.method}, 본문: ${body || '(없음)'}` };
  }
  if (pathname === '/401') {
    if (req.headers.authorization === GUEST)
      return { status: 200, text: '어서 오세요, guest 님' };
    // 401에는 어떤 방식으로 인증하면 되는지 WWW-Authenticate로 알려 주어야 합니다.
    return {
      status: 401,
      headers: { 'WWW-Authenticate': 'Basic realm="status-codes"' },
      text: '먼저 로그인하세요',
    };
  }
  if (pathname === '/500') {
    // 코드의 실수를 일부러 만듭니다. 아래의 catch가 500으로 바꿉니다.
    const user = undefined;
    return { status: 200, text: user.name };
  }
  return routes[pathname] ?? { status: 404, text: `${pathname} 은(는) 없습니다` };
}

const server = createServer(async (req, res) => {
  let answer;
  try {
    answer = await handle(req);
  } catch (error) {
    // 서버 쪽 실수는 로그에 자세히 남기고, 클라이언트에게는 500만 알립니다.
    console.error(`처리 중 오류: ${error.message}`);
    answer = { status: 500, text: '서버에서 문제가 생겼습니다' };
  }
  const body = `${answer.status} ${answer.text}\n`;
  res.writeHead(answer.status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    ...answer.headers,
  });
  res.end(body);
  console.log(`${req.method} ${req.url} → ${answer.status}`);
});

server.listen(port, '127.0.0.1', () => {
  console.log(`상태 코드 서버: http://localhost:${port}/200 … /503`);
});
