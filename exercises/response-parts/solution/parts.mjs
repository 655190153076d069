// 파일에 담긴 HTTP 응답 메시지를 네 부분(시작 줄, 헤더, 빈 줄, 본문)으로 나눠 보여 줍니다.
//   node parts.mjs responses/404.txt
import { readFile } from 'node:fs/promises';

const raw = await readFile(process.argv[2] ?? 'responses/404.txt', 'utf8');

// 빈 줄은 "헤더 마지막 줄의 CR LF" 바로 뒤에 오는 CR LF입니다.
const gap = raw.indexOf('\r\n\r\n');
const head = gap === -1 ? raw : raw.slice(0, gap);
const body = gap === -1 ? '' : raw.slice(gap + 4);

// head의 첫 줄은 상태 줄, 나머지 줄은 헤더입니다.
const [statusLine, ...headerLines] = head.split('\r\n');

// 처음 두 공백에서만 나눕니다. 이유 문구은 공백을 품을 수 있습니다.
const [version, status, ...reasonWords] = statusLine.split(' ');
const reason = reasonWords.join(' ');

console.log(`상태 줄: ${statusLine}`);
console.log(`버전: ${version}`);
console.log(`상태 코드: ${status}`);
console.log(`이유 문구: ${reason}`);
console.log(`헤더 수: ${headerLines.length}`);
for (const line of headerLines) {
  const colon = line.indexOf(':');
  const name = line.slice(0, colon).trim().toLowerCase();
  const value = line.slice(colon + 1).trim();
  console.log(`헤더 ${name}: ${value}`);
}
console.log(`본문 길이: ${Buffer.byteLength(body)}`);
console.log(`본문: ${body}`);
