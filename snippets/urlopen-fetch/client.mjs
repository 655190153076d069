// 파이썬의 urllib.request.urlopen 으로 하던 다섯 가지 일을 Node의 fetch 로 해 봅니다.
// 대상 서버 주소는 명령행 첫 인자로 받고, 없으면 강의처럼 8888 포트를 씁니다.
import { readFile } from 'node:fs/promises';

const base = process.argv[2] ?? 'http://localhost:8888/';

// 1) GET: 인자를 주지 않으면 GET이고, 보낼 값은 URL의 쿼리 문자열에 붙입니다.
const got = await fetch(new URL('/echo?q=forms&release=1', base));
console.log('1) GET', got.status, got.statusText);
console.log(await got.text());

// 2) POST: urlopen은 data 인자가 있으면 POST가 됩니다. fetch는 method와 body를 직접 적습니다.
// URLSearchParams를 body로 주면 Content-Type이 폼 형식(x-www-form-urlencoded)으로 붙습니다.
const form = new URLSearchParams({ q: 'forms', release: '1' });
const posted = await fetch(new URL('/echo', base), { method: 'POST', body: form });
console.log('2) POST', posted.status, posted.statusText);
console.log(await posted.text());

// 3) 타임아웃: urlopen의 timeout=1 대신 1초 뒤에 요청을 끊는 신호(AbortSignal)를 넘깁니다.
try {
  await fetch(new URL('/slow', base), { signal: AbortSignal.timeout(1000) });
} catch (error) {
  console.log('3) 시간 초과:', error.name);
}

// 4) 오류 응답: urlopen은 404에서 HTTPError를 던지지만, fetch는 응답을 그대로 돌려줍니다.
// 그래서 fetch를 쓸 때는 ok(200~299인가)를 직접 확인해야 합니다.
const missing = await fetch(new URL('/missing', base));
console.log('4)', missing.status, missing.statusText, '/ ok =', missing.ok);

// 5) 로컬 파일: urlopen은 file: URL도 열지만, Node 20의 fetch는 아직 file:을 지원하지 않습니다.
const fileUrl = new URL('hello.txt', import.meta.url);
try {
  await fetch(fileUrl);
} catch (error) {
  console.log('5) fetch(file:) 실패:', error.cause?.message ?? error.message);
}
// 대신 fs 모듈이 file: URL을 그대로 받아 줍니다.
console.log('5) file:', (await readFile(fileUrl, 'utf8')).trim());
