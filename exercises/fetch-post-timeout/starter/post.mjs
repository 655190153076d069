// 이름=값 쌍들을 폼 형식 본문으로 POST하고, 받은 본문을 보여 줍니다.
//   node post.mjs http://localhost:8888/echo q=forms lang=ko
const [url = 'http://localhost:8888/echo', ...pairs] = process.argv.slice(2);

// TODO: pairs 로 폼 본문을 만들어 POST 하세요 (지금은 GET 이 나갑니다).
// TODO: 1초 안에 답이 없으면 "시간 초과"를 표준 오류에 쓰고 종료 코드 2로 끝내세요.
const response = await fetch(url);
console.log(await response.text());
