// 간편 URL(clean URL)만 진짜 주소로 삼고, 예전 쿼리 문자열 주소로 오면 간편 URL로 보내는 서버입니다.
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 8888);

const html = (title) =>
  `<!doctype html><meta charset="utf-8"><title>${title}</title><h1>${title}</h1>\n`;

// 간편 URL마다 돌려줄 내용입니다. 확장자 .rss 처럼 주소가 형식을 알려 줄 수도 있습니다.
const pages = new Map([
  ['/foo', html('foo 페이지')],
  ['/consulting/marketing', html('컨설팅 › 마케팅')],
  ['/products/2/25', html('2번 분류의 25번 상품')],
  [
    '/news.rss',
    '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>뉴스</title></channel></rss>\n',
  ],
  ['/services/legal/patents', html('법률 서비스 › 특허')],
  ['/user/john-doe', html('john-doe 님의 프로필')],
  ['/app/dashboard/reports', html('대시보드 › 보고서')],
]);

// 숫자 id 대신 사람이 읽는 이름을 주소에 씁니다. 그러려면 서버가 둘을 이어 주어야 합니다.
const userNames = { 193: 'john-doe' };

// 예전 주소(경로 + 쿼리)를 간편 URL로 바꾸는 규칙입니다. 바꿀 수 없으면 undefined를 돌려줍니다.
const oldForms = {
  '/index.php': (q) => q.get('page') && `/${q.get('page')}`,
  '/products': (q) =>
    q.has('category') && `/products/${q.get('category')}/${q.get('pid')}`,
  '/cgi-bin/feed.cgi': (q) => q.has('feed') && `/${q.get('feed')}.${q.get('frm')}`,
  '/services/index.jsp': (q) =>
    q.has('category') && `/services/${q.get('category')}/${q.get('id')}`,
  '/index.asp': (q) => q.get('mod') === 'profiles' && `/user/${userNames[q.get('id')]}`,
  // 세션 id 같은 군더더기는 버리고, 보고서 안의 '월별' 부분은 프래그먼트로 가리킵니다.
  '/app/dashboard/dsptchr_c80.dll': (q) =>
    q.get('page') === '38661' && '/app/dashboard/reports#monthly',
};

function answer(req) {
  const url = new URL(req.url, 'http://localhost');
  const page = pages.get(url.pathname);
  if (page && !url.search) {
    const type = url.pathname.endsWith('.rss') ? 'application/rss+xml' : 'text/html';
    return {
      status: 200,
      headers: { 'Content-Type': `${type}; charset=utf-8` },
      body: page,
    };
  }
  const clean = oldForms[url.pathname]?.(url.searchParams);
  if (clean && pages.has(clean.split('#')[0])) {
    // 301: 주소가 영영 바뀌었다고 알리면 브라우저와 검색 엔진이 새 주소를 기억합니다.
    return { status: 301, headers: { Location: clean }, body: '' };
  }
  return {
    status: 404,
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
    body: html('없는 페이지'),
  };
}

const server = createServer((req, res) => {
  const { status, headers, body } = answer(req);
  res.writeHead(status, { ...headers, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
  console.log(
    `${req.method} ${req.url} → ${status}${headers.Location ? ` ${headers.Location}` : ''}`,
  );
});

server.listen(port, '127.0.0.1', () => {
  console.log(`간편 URL 서버: http://localhost:${port}/foo`);
});
