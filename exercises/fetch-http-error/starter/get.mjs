// 주소 하나를 GET으로 요청하고 결과를 보여 줍니다.
//   node get.mjs http://localhost:8888/echo
const url = process.argv[2] ?? 'http://localhost:8888/';

const response = await fetch(url);

// TODO: 상태 줄을 "상태: 200 OK" 꼴로 찍으세요.
// TODO: fetch 는 404 도 성공으로 돌려줍니다. 2xx 가 아니면 본문 대신
//       "오류: 404 Not Found"를 표준 오류에 쓰고 종료 코드 1로 끝내세요.
console.log(await response.text());
