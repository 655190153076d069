// 표준 입력으로 받은 글의 글자 수, 바이트 수, 바이트의 16진수를 보여 줍니다.
//   echo '안녕 web' | node bytes.mjs
let text = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => (text += chunk));

// TODO: 위의 등록은 입력이 오기 전에 끝나므로, 아래 줄들은 빈 text 로 실행됩니다.
//       최상위 await 로 입력을 끝까지 읽은 뒤 Buffer 로 세세요.
console.log(`글: ${text}`);
console.log(`글자 수: ${text.length}`);
// TODO: 바이트 수는 글자 수가 아닙니다.
console.log(`바이트 수: ${text.length}`);
// TODO: 바이트마다 두 자리 16진수로, 공백으로 띄어 찍으세요.
console.log('16진수: ?');
