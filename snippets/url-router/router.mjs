// 장고(Django)의 path()와 re_path()를 흉내 낸 작은 라우터입니다.
// 둘 다 결국 정규표현식을 만들고, 요청 경로를 urlpatterns의 위에서부터 차례로 맞춰 봅니다.

// 장고의 기본 변환기(converter): 어떤 글자를 받아들이고, 받은 글자를 무엇으로 바꾸는지.
const converters = {
  int: { pattern: '[0-9]+', toValue: Number },
  str: { pattern: '[^/]+', toValue: String },
  slug: { pattern: '[-a-zA-Z0-9_]+', toValue: String },
  uuid: {
    pattern: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
    toValue: String,
  },
  path: { pattern: '.+', toValue: String },
};

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// path('articles/<int:year>/', view)
//   → /^articles\/(?<year>[0-9]+)\/$/ 그리고 year를 숫자로 바꾸는 규칙
export function path(route, view) {
  // split에 괄호가 든 정규식을 주면 [글자, 변환기, 이름, 글자, 변환기, 이름, ..., 글자]가 나옵니다.
  const pieces = route.split(/<(?:(\w+):)?(\w+)>/);
  const toValue = {};
  let source = '';
  for (let i = 0; i < pieces.length; i += 3) {
    source += escapeRegExp(pieces[i]);
    if (i + 2 >= pieces.length) break;
    const [type = 'str', name] = [pieces[i + 1], pieces[i + 2]];
    const converter = converters[type];
    if (!converter) throw new Error(`${route}: 모르는 변환기 ${type}`);
    source += `(?<${name}>${converter.pattern})`;
    toValue[name] = converter.toValue;
  }
  return { route, view, regex: new RegExp(`^${source}$`), toValue };
}

// re_path(r'^articles/(?P<year>[0-9]{4})/$', view)
// 파이썬은 이름 붙은 그룹을 (?P<이름>...)으로, 자바스크립트는 (?<이름>...)으로 적습니다.
export function re_path(pattern, view) {
  const regex = new RegExp(pattern.replaceAll('(?P<', '(?<'));
  // re_path는 변환기가 없으므로 값은 언제나 문자열입니다.
  return { route: pattern, view, regex, toValue: {} };
}

// 요청 경로('/articles/2024/')에 맞는 첫 패턴을 찾습니다. 장고처럼 맨 앞의 '/'는 떼고 맞춥니다.
export function resolve(urlpatterns, pathname) {
  const target = pathname.replace(/^\//, '');
  for (const pattern of urlpatterns) {
    const match = pattern.regex.exec(target);
    if (!match) continue;
    const kwargs = {};
    for (const [name, text] of Object.entries(match.groups ?? {})) {
      kwargs[name] = (pattern.toValue[name] ?? String)(text);
    }
    return { pattern, kwargs };
  }
  return undefined;
}
