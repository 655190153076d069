#!/usr/bin/env node
// CGI 스크립트: 요청 정보는 환경 변수에서, 본문은 표준 입력에서 읽고, 응답은 표준 출력에 씁니다.
//   node gateway.mjs POST name=CGI   (gateway.mjs 가 서버 노릇을 합니다)

// TODO: 이 함수는 표준 입력이 끝날 때까지 다 읽습니다.
//       CONTENT_LENGTH 바이트만 읽도록 고치세요. 그 뒤에 이어 온 바이트는 본문이 아닙니다.
async function readBody() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

const method = process.env.REQUEST_METHOD;
const body = method === 'POST' ? await readBody() : '';

// TODO: POST 면 본문에서, 아니면 QUERY_STRING 에서 이름을 읽으세요.
const name = new URLSearchParams(process.env.QUERY_STRING).get('name');

// TODO: 이름이 없으면 "Status: 400 Bad Request" 헤더로 알리세요.
process.stdout.write('Content-Type: text/plain; charset=utf-8\n');
process.stdout.write('\n');
process.stdout.write(`요청 방식: ${method}\n`);
process.stdout.write(`받은 본문: ${body || '(없음)'}\n`);
process.stdout.write(`이름: ${name}\n`);
