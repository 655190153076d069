// 기준 주소에 맞춰 상대 주소를 절대 주소로 풉니다 (파이썬의 urljoin).
//   node join.mjs http://book.example/docs/intro.html next.html ../api/ ?page=2
const [base, ...relatives] = process.argv.slice(2);

for (const relative of relatives) {
  // TODO: 이 방식은 "next.html" 말고는 모두 틀립니다 (../, /, ?, #, // 로 시작하는 주소).
  //       RFC 3986의 규칙대로 풀도록 고치세요.
  const absolute = base.slice(0, base.lastIndexOf('/') + 1) + relative;
  console.log(`${relative} → ${absolute}`);
}
