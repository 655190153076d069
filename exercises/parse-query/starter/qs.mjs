// 쿼리 문자열을 파이썬의 parse_qs 처럼 "이름 → 값의 목록"으로 바꿔 JSON으로 찍습니다.
//   node qs.mjs 'q=a&q=b&empty=' [--keep-blank]
const [text = '', flag] = process.argv.slice(2);
const keepBlank = flag === '--keep-blank';

// TODO: 이름마다 값의 배열을 만드세요. 같은 이름이 여러 번 오면 모두 담고,
//       keepBlank 가 아니면 값이 빈 쌍은 버립니다.
//       지금은 같은 이름의 마지막 값만 남고, 빈 값도 그대로 남습니다.
const result = Object.fromEntries(new URLSearchParams(text));

console.log(JSON.stringify(result));
