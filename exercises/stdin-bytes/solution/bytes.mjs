// 표준 입력으로 받은 글의 글자 수, 바이트 수, 바이트의 16진수를 보여 줍니다.
//   echo '안녕 web' | node bytes.mjs

// 최상위 await: 입력이 끝날 때까지 여기서 기다립니다 (파이썬의 sys.stdin.buffer.read()).
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const bytes = Buffer.concat(chunks); // 파이썬의 bytes
const text = bytes.toString('utf8'); // 파이썬의 bytes.decode('utf-8')

console.log(`글: ${text}`);
console.log(`글자 수: ${[...text].length}`);
console.log(`바이트 수: ${bytes.length}`);
console.log(
  `16진수: ${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ')}`,
);
