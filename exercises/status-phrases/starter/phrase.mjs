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
  // TODO: STATUS_CODES 에서 이름을 찾고, classes 에서 묶음을 찾아
  //       "404 Not Found — 4xx 클라이언트 오류" 꼴로 찍으세요.
  //       표에 없는 번호는 "(알 수 없는 상태 코드)", 숫자가 아니면 "(숫자가 아닙니다)"이고,
  //       그런 것이 하나라도 있으면 종료 코드 1로 끝냅니다.
  console.log(`${arg} ?`);
}
