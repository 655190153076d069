#!/usr/bin/env node
// 리디렉션 예제: CGI 스크립트는 Status 와 Location 헤더로 상태 코드와 이동할 주소를 정한다(RFC 3875 §6.2).
// 폼을 POST 로 처리한 뒤 "303 See Other" 로 GET 페이지로 보내면, 새로고침해도 폼이 다시 전송되지 않는다.

// 헤더 블록 → 빈 줄 → 본문. Status 가 있으면 서버는 그것을 응답의 상태 줄로 쓴다.
// (파이썬의 CGIHTTPRequestHandler 는 이 헤더를 해석하지 않고 200 응답에 그대로 붙여 보낸다.)
process.stdout.write(
  [
    'Status: 303 See Other',
    'Location: /cgi-bin/form.mjs',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p><a href="/cgi-bin/form.mjs">폼 페이지</a>로 이동합니다.</p>',
    '',
  ].join('\r\n'),
);
