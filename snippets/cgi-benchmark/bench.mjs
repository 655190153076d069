// 같은 인사 페이지를 네 가지 길로 받아 오면서, 초당 몇 개를 처리하는지 잽니다.
// 사용법: node bench.mjs [요청 수] [CGI 주소] [내장 엔진 주소] [웹 서버 주소] [앱 서버 주소]
const count = Number(process.argv[2] ?? 500);
// 요청 수를 다 채우지 못해도 한 방식에 1초만 씁니다. 그래서 전체가 몇 초 안에 끝납니다.
const timeLimitMs = 1000;

const targets = [
  ['CGI: 요청마다 새 프로세스', process.argv[3] ?? 'http://127.0.0.1:8888/cgi-bin/hello'],
  ['서버에 내장된 스크립트 엔진', process.argv[4] ?? 'http://127.0.0.1:8889/hello'],
  ['웹 서버 → 애플리케이션 서버', process.argv[5] ?? 'http://127.0.0.1:8000/app/hello'],
  // 이미 떠 있는 앱 서버의 함수를 프록시 없이 바로 부릅니다. 새 프로세스도, 스크립트 엔진도, 중간 단계도 없습니다.
  ['앱 서버에 직접(프록시 없이)', process.argv[6] ?? 'http://127.0.0.1:8001/app/hello'],
];

async function get(url) {
  const res = await fetch(url);
  const text = await res.text();
  if (res.status !== 200 || !text.includes('안녕하세요')) {
    throw new Error(`${url}: 예상하지 못한 응답 ${res.status} ${text.slice(0, 80)}`);
  }
}

console.log(
  `방식마다 요청을 하나씩 차례로 보냅니다: 최대 ${count}개, 최대 ${timeLimitMs / 1000}초.\n`,
);
const results = [];
for (const [name, url] of targets) {
  await get(url); // 첫 연결 비용은 빼고 재도록 한 번 먼저 보냅니다.
  const begin = performance.now();
  let done = 0;
  while (done < count && performance.now() - begin < timeLimitMs) {
    await get(`${url}?name=bench${done}`);
    done += 1;
  }
  const seconds = (performance.now() - begin) / 1000;
  results.push({ name, done, seconds, perSecond: done / seconds });
}

const cgi = results[0].perSecond;
for (const [index, { name, done, seconds, perSecond }] of results.entries()) {
  const ratio = index === 0 ? '비교 기준' : `CGI의 ${(perSecond / cgi).toFixed(1)}배`;
  console.log(
    `${name}: ${done}개 / ${seconds.toFixed(2)}초 → 초당 ${perSecond.toFixed(1)}개 (${ratio})`,
  );
}

// 숫자가 이상하면(0, 무한대) 실패로 끝내서 시나리오가 알아채게 합니다.
if (
  !results.every((r) => r.done > 0 && Number.isFinite(r.perSecond) && r.perSecond > 0)
) {
  console.error('측정값이 올바르지 않습니다.');
  process.exit(1);
}
