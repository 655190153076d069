// URL 하나를 받아 구성 항목을 한 줄씩 보여 줍니다.
//   node parts.mjs 'https://book.example/search?q=web&page=2#results'
const url = new URL(process.argv[2] ?? 'https://book.example/');

// 포트를 적지 않으면 스킴마다 정해진 기본 포트를 씁니다. URL은 그때 port를 비워 둡니다.
const defaultPorts = { 'http:': 80, 'https:': 443, 'ws:': 80, 'wss:': 443, 'ftp:': 21 };

const scheme = url.protocol.slice(0, -1);
const host = url.hostname;
const port = url.port || `${defaultPorts[url.protocol] ?? '(없음)'} (기본값)`;
const path = url.pathname;
const query = url.search.slice(1);
const fragment = url.hash.slice(1) || '(없음)';

console.log(`스킴: ${scheme}`);
console.log(`호스트: ${host}`);
console.log(`포트: ${port}`);
console.log(`경로: ${path}`);
console.log(`쿼리: ${query}`);
// searchParams는 같은 이름을 여러 번 돌려줍니다 (x=1&x=2 → 두 쌍).
for (const [name, value] of url.searchParams) console.log(`  ${name} = ${value}`);
console.log(`프래그먼트: ${fragment}`);
