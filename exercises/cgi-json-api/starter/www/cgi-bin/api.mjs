#!/usr/bin/env node
// JSON 으로 답하는 CGI 스크립트입니다.
//   GET  /cgi-bin/api.mjs?a=1     → {"method":"GET","query":{"a":"1"}}
//   POST /cgi-bin/api.mjs (JSON)  → {"method":"POST","received":{...}}

/** 표준 입력에서 CONTENT_LENGTH 바이트만 읽습니다. */
async function readBody() {
  const length = Number(process.env.CONTENT_LENGTH || 0);
  if (!length) return '';
  const chunks = [];
  let received = 0;
  for await (const chunk of process.stdin) {
    chunks.push(chunk);
    received += chunk.length;
    if (received >= length) break;
  }
  return Buffer.concat(chunks).subarray(0, length).toString('utf8');
}

/** 응답 하나: 필요하면 Status 줄, 그리고 JSON. */
function reply(value, status) {
  if (status) process.stdout.write(`Status: ${status}\n`);
  process.stdout.write('Content-Type: application/json\n\n');
  process.stdout.write(JSON.stringify(value) + '\n');
}

// TODO: GET 이면 쿼리를 query 로, POST 면 JSON 본문을 received 로 돌려주세요 (reply 를 쓰세요).
//       POST 의 CONTENT_TYPE 이 application/json 이 아니면 415, JSON 으로 읽을 수 없으면 400 입니다.
process.stdout.write('Content-Type: text/plain; charset=utf-8\n\n준비 중입니다.\n');
