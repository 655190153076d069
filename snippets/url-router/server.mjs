// 강의의 urlpatterns 두 가지(path 판과 re_path 판)를 그대로 옮겨 놓은 서버입니다.
// node server.mjs 는 path() 판으로, node server.mjs re 는 re_path() 판으로 뜹니다.
import { createServer } from 'node:http';
import { path, re_path, resolve } from './router.mjs';

const port = Number(process.env.PORT ?? 8888);

// 뷰(view): 요청과 URL에서 뽑은 값을 받아 응답 내용을 만드는 함수입니다.
const views = {
  special_case_2003: () => '2003년 특집 페이지',
  year_archive: ({ year }) => `${year}년의 글 목록`,
  month_archive: ({ year, month }) => `${year}년 ${month}월의 글 목록`,
  article_detail: ({ year, month, slug }) => `${year}년 ${month}월의 글 "${slug}"`,
};

// 위에서부터 차례로 맞춰 보므로, 특별한 경우(2003)가 일반적인 경우(<int:year>)보다 먼저 와야 합니다.
const pathPatterns = [
  path('articles/2003/', views.special_case_2003),
  path('articles/<int:year>/', views.year_archive),
  path('articles/<int:year>/<int:month>/', views.month_archive),
  path('articles/<int:year>/<int:month>/<slug:slug>/', views.article_detail),
];

const rePatterns = [
  path('articles/2003/', views.special_case_2003),
  re_path('^articles/(?P<year>[0-9]{4})/$', views.year_archive),
  re_path('^articles/(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$', views.month_archive),
  re_path(
    '^articles/(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/(?P<slug>[\\w-]+)/$',
    views.article_detail,
  ),
];

const useRe = process.argv[2] === 're';
const urlpatterns = useRe ? rePatterns : pathPatterns;

// 숫자는 그대로, 문자열은 따옴표를 붙여 보여 줍니다. 변환기가 값을 바꾼 것이 눈에 보이게요.
const showArgs = (kwargs) =>
  Object.entries(kwargs)
    .map(([name, value]) => `${name}=${typeof value === 'string' ? `'${value}'` : value}`)
    .join(', ');

const server = createServer((req, res) => {
  const { pathname } = new URL(req.url, 'http://localhost');
  const found = resolve(urlpatterns, pathname);
  const text = found
    ? [
        `패턴: ${found.pattern.route}`,
        `뷰 호출: ${found.pattern.view.name}(${showArgs(found.kwargs)})`,
        `응답: ${found.pattern.view(found.kwargs)}`,
      ].join('\n')
    : `${pathname} 에 맞는 패턴이 없습니다`;
  res.writeHead(found ? 200 : 404, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text + '\n');
  console.log(`${req.method} ${req.url} → ${found ? found.pattern.view.name : 404}`);
});

server.listen(port, '127.0.0.1', () => {
  console.log(
    `${useRe ? 're_path()' : 'path()'} 판 URL 라우터: http://localhost:${port}/articles/2003/`,
  );
});
