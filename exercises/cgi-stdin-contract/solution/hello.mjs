#!/usr/bin/env node
// CGI 스크립트: 요청 정보는 환경 변수에서, 본문은 표준 입력에서 읽고, 응답은 표준 출력에 씁니다.
//   node gateway.mjs POST name=CGI   (gateway.mjs 가 서버 노릇을 합니다)

/** 표준 입력에서 CONTENT_LENGTH 바이트만 읽습니다 (RFC 3875 4.2). */
async function readBody() {
  const length = Number(process.env.CONTENT_LENGTH || 0);
  if (!length) return '';
  const chunks = [];
  let received = 0;
  for await (const chunk of process.stdin) {
    chunks.push(chunk);
    received += chunk.length;
    if (received >= length) break; // 약속한 길이를 다 읽었으면 멈춥니다
  }
  return Buffer.concat(chunks).subarray(0, length).toString('utf8');
}

const method = process.env.REQUEST_METHOD;
const body = method === 'POST' ? await readBody() : '';
const form = new URLSearchParams(method === 'POST' ? body : process.env.QUERY_STRING);
const name = form.get('name');

if (!name) {
  // 상태 줄은 서버가 씁니다. 스크립트는 Status 헤더로 알리기만 합니다 (RFC 3875 6.3.3).
  process.stdout.write('Status: 400 Bad Request\n');
}
process.stdout.write('Content-Type: text/plain; charset=utf-8\n');
process.stdout.write('\n');
process.stdout.write(`요청 방식: ${method}\n`);
process.stdout.write(`받은 본문: ${body || '(없음)'}\n`);
process.stdout.write(name ? `이름: ${name}\n` : 'name 값이 없습니다.\n');
