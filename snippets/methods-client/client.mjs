// 책 목록 서버에 메서드를 하나씩 보내며 CRUD를 한 바퀴 돕니다.
// 주소는 명령행의 첫 인자로 바꿀 수 있습니다: node client.mjs http://localhost:8888/books
const collection = process.argv[2] ?? 'http://localhost:8888/books';

async function call(method, url, data) {
  const res = await fetch(url, {
    method,
    // 본문이 JSON이라는 것을 서버에 알려 주는 것은 Content-Type 헤더의 몫입니다.
    headers: data ? { 'Content-Type': 'application/json' } : {},
    body: data ? JSON.stringify(data) : undefined,
  });
  console.log(`${method} ${new URL(url).pathname} → ${res.status} ${res.statusText}`);
  for (const name of ['Allow', 'Location', 'Content-Length']) {
    if (res.headers.has(name)) console.log(`  ${name}: ${res.headers.get(name)}`);
  }
  const text = await res.text();
  if (text) console.log(`  ${text.trim()}`);
  return res;
}

await call('OPTIONS', collection);
await call('GET', collection);

// 새 책의 주소는 서버가 정해서 Location 헤더로 알려 줍니다. 상대 주소일 수 있어 기준 주소로 풉니다.
const created = await call('POST', collection, { title: '오셀로', author: '셰익스피어' });
const book = new URL(created.headers.get('Location'), collection).href;

await call('GET', book);
await call('PUT', book, { title: '오셀로 (번역 개정판)', author: '셰익스피어' });
await call('HEAD', book);
await call('DELETE', book);
// fetch는 404도 정상적인 응답으로 돌려줍니다. 실패를 판단하는 것은 우리 몫입니다(res.ok).
const gone = await call('GET', book);
console.log(gone.ok ? '아직 있습니다' : '지운 책은 더 이상 없습니다');
