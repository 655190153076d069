// 장고의 path()를 흉내 낸 작은 라우터입니다. <int:이름>, <slug:이름> 자리에서 값을 뽑아 뷰에 넘깁니다.
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 8000);

// 변환기: 어떤 글자에 맞는지(regex)와 맞은 글자를 어떻게 바꾸는지(convert).
const converters = {
  int: { regex: '[0-9]+', convert: Number },
  slug: { regex: '[-a-z0-9]+', convert: String },
};

/**
 * 'articles/<int:year>/' 같은 패턴을 { regex, convert } 로 바꿉니다.
 * regex는 경로 전체에 맞아야 하고, 꺾쇠 자리마다 이름 붙은 그룹을 둡니다.
 * convert(groups)는 뽑은 문자열을 변환기대로 바꾼 객체를 돌려줍니다.
 */
function compile(pattern) {
  // TODO: 꺾쇠 자리를 이름 붙은 그룹으로 바꾸고, 꺾쇠 밖 글자는 그대로 맞추세요.
  //       지금은 아무 경로에도 맞지 않는 정규표현식을 돌려줍니다.
  const regex = /(?!)/;
  const convert = (groups) => ({ ...groups });
  return { regex, convert };
}

const routes = [
  ['articles/<int:year>/', 'year_archive'],
  ['articles/<int:year>/<slug:slug>/', 'article_detail'],
].map(([pattern, view]) => ({ view, ...compile(pattern) }));

const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://localhost').pathname.slice(1); // 앞의 / 는 떼고 맞춥니다
  for (const route of routes) {
    const match = route.regex.exec(path);
    if (!match) continue;
    const body = JSON.stringify({
      view: route.view,
      args: route.convert(match.groups ?? {}),
    });
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
    return res.end(body);
  }
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`맞는 패턴이 없습니다: /${path}\n`);
});

server.listen(port, () => console.log(`라우터: http://localhost:${port}/articles/2024/`));
