// 쿼리 문자열을 파이썬의 parse_qs 처럼 "이름 → 값의 목록"으로 바꿔 JSON으로 찍습니다.
//   node qs.mjs 'q=a&q=b&empty=' [--keep-blank]
const [text = '', flag] = process.argv.slice(2);
const keepBlank = flag === '--keep-blank';

// URLSearchParams 가 + 와 %XX 를 풀어 주고, 같은 이름도 하나씩 돌려줍니다.
const result = {};
for (const [name, value] of new URLSearchParams(text)) {
  if (value === '' && !keepBlank) continue; // parse_qs 의 기본값: 빈 값은 버립니다
  (result[name] ??= []).push(value);
}

console.log(JSON.stringify(result));
