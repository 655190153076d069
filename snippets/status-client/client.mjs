// 상태 코드 서버에 요청을 보내고, 상태 코드와 그 짝이 되는 헤더를 읽습니다.
// 서버 주소는 첫 인자로 바꿀 수 있습니다: node client.mjs http://localhost:8888
const base = process.argv[2] ?? 'http://localhost:8888';

const form = {
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: 'title=hello',
};

console.log('# 리다이렉트를 따라가지 않고 3xx 응답 그대로 보기');
for (const code of [301, 303, 307]) {
  const res = await fetch(`${base}/${code}`, { ...form, redirect: 'manual' });
  console.log(
    `POST /${code} → ${res.status} ${res.statusText} (Location: ${res.headers.get('Location')})`,
  );
}

console.log('# 따라가게 두기 (fetch의 기본값)');
for (const code of [301, 303, 307]) {
  const res = await fetch(`${base}/${code}`, form);
  // 303은 GET으로 바꿔 따라가고, 307은 메서드와 본문을 그대로 다시 보냅니다.
  console.log(
    `POST /${code} 따라가기 → ${new URL(res.url).pathname}: ${(await res.text()).trim()}`,
  );
}

console.log('# 401과 WWW-Authenticate');
const denied = await fetch(`${base}/401`);
console.log(
  `GET /401 → ${denied.status}, WWW-Authenticate: ${denied.headers.get('WWW-Authenticate')}`,
);
const token = Buffer.from('guest:guest').toString('base64');
const allowed = await fetch(`${base}/401`, {
  headers: { Authorization: `Basic ${token}` },
});
console.log(`GET /401 (Authorization: Basic ${token}) → ${allowed.status}`);

console.log('# 그 밖의 코드: fetch는 4xx, 5xx에도 예외를 던지지 않습니다');
for (const code of [202, 404, 500, 503]) {
  const res = await fetch(`${base}/${code}`);
  const retry = res.headers.get('Retry-After');
  console.log(
    `GET /${code} → ${res.status}, ok=${res.ok}` +
      (retry ? `, Retry-After: ${retry}초` : ''),
  );
}
