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

const method = process.env.REQUEST_METHOD;
if (method === 'POST') {
  const type = process.env.CONTENT_TYPE ?? '';
  if (!type.startsWith('application/json')) {
    reply(
      { error: `JSON 본문만 받습니다 (받은 형식: ${type || '없음'})` },
      '415 Unsupported Media Type',
    );
  } else {
    try {
      reply({ method, received: JSON.parse(await readBody()) });
    } catch {
      reply({ error: '본문을 JSON으로 읽을 수 없습니다' }, '400 Bad Request');
    }
  }
} else {
  reply({
    method,
    query: Object.fromEntries(new URLSearchParams(process.env.QUERY_STRING)),
  });
}
