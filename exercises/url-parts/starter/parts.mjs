// URL 하나를 받아 구성 항목을 한 줄씩 보여 줍니다.
//   node parts.mjs 'https://book.example/search?q=web&page=2#results'
const url = new URL(process.argv[2] ?? 'https://book.example/');

// TODO: url의 속성으로 아래 값을 채우세요.
//   스킴은 끝의 ':' 없이, 포트가 비었으면 스킴의 기본 포트와 "(기본값)"을,
//   프래그먼트는 '#' 없이 (없으면 "(없음)").
const scheme = '?';
const host = '?';
const port = '?';
const path = '?';
const query = '?';
const fragment = '?';

console.log(`스킴: ${scheme}`);
console.log(`호스트: ${host}`);
console.log(`포트: ${port}`);
console.log(`경로: ${path}`);
console.log(`쿼리: ${query}`);
// TODO: 쿼리의 이름=값 쌍을 하나씩 "  이름 = 값"으로 찍으세요. 같은 이름이 여러 번 올 수 있습니다.
console.log(`프래그먼트: ${fragment}`);
