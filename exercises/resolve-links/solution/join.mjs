// 기준 주소에 맞춰 상대 주소를 절대 주소로 풉니다 (파이썬의 urljoin).
//   node join.mjs http://book.example/docs/intro.html next.html ../api/ ?page=2
const [base, ...relatives] = process.argv.slice(2);

for (const relative of relatives) {
  // URL 생성자의 두 번째 인자가 기준 주소입니다. 풀이 규칙은 RFC 3986 5.2절 그대로입니다.
  const absolute = new URL(relative, base).href;
  console.log(`${relative} → ${absolute}`);
}
