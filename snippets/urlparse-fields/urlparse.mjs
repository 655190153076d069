// urllib.parse 의 여섯 필드(scheme, netloc, path, params, query, fragment)를 자바스크립트로 나눠 봅니다.
// 브라우저와 Node의 URL 클래스에는 params가 없어서, urlparse와 같은 방식의 작은 함수를 직접 씁니다.

// RFC 3986 부록 B의 정규표현식: 어떤 URL이든 다섯 덩어리로 나눕니다.
const URI_PARTS = /^(?:([^:/?#]+):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/;

export function urlparse(url) {
  const [, scheme = '', netloc = '', fullPath = '', query = '', fragment = ''] =
    url.match(URI_PARTS);
  // params는 경로의 마지막 조각에서 ';' 뒤에 붙은 부분입니다 (지금은 거의 쓰이지 않습니다).
  const lastSlash = fullPath.lastIndexOf('/');
  const semicolon = fullPath.indexOf(';', lastSlash);
  const path = semicolon < 0 ? fullPath : fullPath.slice(0, semicolon);
  const params = semicolon < 0 ? '' : fullPath.slice(semicolon + 1);
  return { scheme: scheme.toLowerCase(), netloc, path, params, query, fragment };
}

const url =
  'http://user:pw@www.example.com:8080/docs/page.html;v=2?q=forms&release=1#intro';
console.log('urlparse:', url);
for (const [name, value] of Object.entries(urlparse(url))) {
  console.log(`  ${name}: ${value}`);
}

// 같은 URL을 표준 URL 클래스로 읽으면: params 없이 pathname에 ';v=2'가 남아 있습니다.
const u = new URL(url);
console.log('URL 클래스:');
console.log(`  hostname: ${u.hostname}, port: ${u.port}, pathname: ${u.pathname}`);
console.log(`  search: ${u.search}, hash: ${u.hash}`);

// parse_qs 에 해당: 같은 이름이 여러 번 나오면 getAll로 모두 꺼냅니다.
const qs = new URLSearchParams('q=forms&release=1&release=2&empty=');
console.log(
  `parse_qs: q=${qs.getAll('q')}, release=${qs.getAll('release')}, empty=[${qs.get('empty')}]`,
);

// urlencode 에 해당: 한글과 공백, &가 어떻게 바뀌는지 보세요.
console.log('urlencode:', new URLSearchParams({ name: '홍길동', q: 'a b&c' }).toString());

// urljoin 에 해당: 기준 URL에 상대 경로를 이어 붙입니다.
console.log('urljoin:', new URL('../c.html', 'http://example.com/a/b.html').href);
