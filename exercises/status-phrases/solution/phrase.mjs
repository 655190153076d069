// 상태 코드 번호를 이름과 묶음으로 풀어 씁니다.
//   node phrase.mjs 200 404 503
import { STATUS_CODES } from 'node:http';

// 백의 자리 → 묶음 이름
const classes = {
  1: '1xx 정보',
  2: '2xx 성공',
  3: '3xx 리다이렉트',
  4: '4xx 클라이언트 오류',
  5: '5xx 서버 오류',
};

for (const arg of process.argv.slice(2)) {
  if (!/^\d{3}$/.test(arg)) {
    console.log(`${arg} (숫자가 아닙니다)`);
    process.exitCode = 1;
    continue;
  }
  const name = STATUS_CODES[arg];
  if (!name || !classes[arg[0]]) {
    console.log(`${arg} (알 수 없는 상태 코드)`);
    process.exitCode = 1;
    continue;
  }
  console.log(`${arg} ${name} — ${classes[arg[0]]}`);
}
