// 파일에 담긴 HTTP 응답 메시지를 네 부분(시작 줄, 헤더, 빈 줄, 본문)으로 나눠 보여 줍니다.
//   node parts.mjs responses/404.txt
import { readFile } from 'node:fs/promises';

const raw = await readFile(process.argv[2] ?? 'responses/404.txt', 'utf8');

// TODO: 헤더와 본문을 가르는 빈 줄('\r\n\r\n')을 찾아 앞(head)과 뒤(body)로 나누세요.
const head = raw;
const body = '';

// head의 첫 줄은 상태 줄, 나머지 줄은 헤더입니다.
const [statusLine, ...headerLines] = head.split('\r\n');

// TODO: 상태 줄을 버전, 상태 코드, 이유 문구로 나누세요. 이유 문구에는 공백이 들어갈 수 있습니다.
const version = '?';
const status = '?';
const reason = '?';

console.log(`상태 줄: ${statusLine}`);
console.log(`버전: ${version}`);
console.log(`상태 코드: ${status}`);
console.log(`이유 문구: ${reason}`);
console.log(`헤더 수: ${headerLines.length}`);
for (const line of headerLines) {
  // TODO: 첫 번째 ':'에서 이름과 값을 나누고, 이름은 소문자로, 값은 앞뒤 공백을 지워 찍으세요.
  console.log(`헤더 ${line}`);
}
console.log(`본문 길이: ${Buffer.byteLength(body)}`);
console.log(`본문: ${body}`);
