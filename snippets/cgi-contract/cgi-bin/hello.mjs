#!/usr/bin/env node
// CGI 스크립트: 요청 정보는 환경 변수에서, 요청 본문은 표준 입력에서 읽고, 응답은 표준 출력에 씁니다.
// 서버가 무엇이든(Apache, 파이썬, 우리 Node 서버) 이 약속만 지키면 됩니다.

// 본문은 CONTENT_LENGTH 바이트만큼만 읽습니다. 그보다 더 읽으려 하면 안 됩니다 (RFC 3875 4.2절).
async function readBody() {
  const length = Number(process.env.CONTENT_LENGTH || 0);
  const chunks = [];
  let received = 0;
  if (length > 0) {
    for await (const chunk of process.stdin) {
      chunks.push(chunk);
      received += chunk.length;
      if (received >= length) break;
    }
  }
  return Buffer.concat(chunks).subarray(0, length).toString('utf8');
}

const method = process.env.REQUEST_METHOD;
// GET이면 쿼리 문자열에서, POST면 본문에서 폼 데이터를 읽습니다.
const form = new URLSearchParams(
  method === 'POST' ? await readBody() : process.env.QUERY_STRING,
);
const name = form.get('name');

if (!name) {
  // Status 헤더로 상태 코드를 정합니다. 서버가 이것을 HTTP 상태 줄로 바꿔야 합니다.
  process.stdout.write('Status: 400 Bad Request\n');
  process.stdout.write('Content-Type: text/plain; charset=utf-8\n\n');
  process.stdout.write('name 값이 없습니다.\n');
} else {
  const safe = name.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  process.stdout.write('Content-Type: text/html; charset=utf-8\n');
  process.stdout.write('\n'); // 빈 줄: CGI 헤더가 여기서 끝납니다
  process.stdout.write(`<p>${method} 요청을 받았습니다. 안녕하세요, ${safe}님!</p>\n`);
}
