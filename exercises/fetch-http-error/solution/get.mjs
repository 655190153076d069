// 주소 하나를 GET으로 요청하고 결과를 보여 줍니다.
//   node get.mjs http://localhost:8888/echo
const url = process.argv[2] ?? 'http://localhost:8888/';

const response = await fetch(url);
const statusLine = `${response.status} ${response.statusText}`;
console.log(`상태: ${statusLine}`);

// fetch 는 서버가 답하기만 하면 성공입니다. 파이썬의 HTTPError 처럼 다루려면 직접 확인합니다.
if (!response.ok) {
  console.error(`오류: ${statusLine}`);
  process.exit(1);
}
console.log(await response.text());
