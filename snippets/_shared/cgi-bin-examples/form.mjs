#!/usr/bin/env node
// 폼 처리기: 브라우저가 POST 로 보낸 폼(application/x-www-form-urlencoded)을 stdin 에서 읽어 HTML 로 보여 준다.
// GET 으로 열면 빈 폼을, ?name=값 처럼 쿼리 문자열이 있으면 그 값을 보여 준다.
const env = process.env;

/** 본문은 정확히 CONTENT_LENGTH 바이트만 읽는다. 그 뒤를 기다리면 안 된다(RFC 3875 §4.2). */
async function readBody(length) {
  if (length <= 0) return Buffer.alloc(0);
  const chunks = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= length) break;
  }
  return Buffer.concat(chunks).subarray(0, length);
}

const escapeHtml = (text) =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#x27;');

/** CGI 응답: 헤더 줄들, 빈 줄, 본문. Status 헤더로 상태 코드를 정한다. */
function respond(status, html) {
  process.stdout.write(
    `Status: ${status}\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${html}`,
  );
}

const method = env.REQUEST_METHOD ?? 'GET';
const contentType = (env.CONTENT_TYPE ?? '').split(';')[0].trim().toLowerCase();
let fields;
if (method === 'POST') {
  if (contentType !== 'application/x-www-form-urlencoded') {
    respond(
      '415 Unsupported Media Type',
      '<p>application/x-www-form-urlencoded 폼만 받습니다.</p>\n',
    );
    process.exit(0);
  }
  const body = await readBody(Number(env.CONTENT_LENGTH) || 0);
  fields = new URLSearchParams(body.toString('utf8'));
} else {
  fields = new URLSearchParams(env.QUERY_STRING ?? '');
}

const rows = [...fields]
  .map(
    ([name, value]) =>
      `<tr><th>${escapeHtml(name)}</th><td>${escapeHtml(value)}</td></tr>`,
  )
  .join('\n');
const action = escapeHtml(env.SCRIPT_NAME ?? '');

respond(
  '200 OK',
  `<!DOCTYPE html>
<html lang="ko">
<head><meta charset="utf-8"><title>폼 처리 결과</title></head>
<body>
<h1>${escapeHtml(method)} 요청으로 받은 값</h1>
<table>
${rows || '<tr><td>(받은 값이 없습니다)</td></tr>'}
</table>
<form method="post" action="${action}">
<p><label>이름 <input name="name"></label></p>
<p><label>메시지 <textarea name="message"></textarea></label></p>
<p><button>보내기</button></p>
</form>
</body>
</html>
`,
);
