#!/usr/bin/env node
// CGI 스크립트: 요청 정보는 환경 변수로 받고, 응답(헤더, 빈 줄, 본문)은 표준 출력에 씁니다.
//   http://127.0.0.1:8888/cgi-bin/greet.mjs?name=kim&lang=en

// 서버는 URL의 ? 뒤를 QUERY_STRING 에 그대로 넣어 줍니다. 푸는 일은 스크립트의 몫입니다.
const query = new URLSearchParams(process.env.QUERY_STRING ?? '');
const name = query.get('name');
const lang = query.get('lang') ?? 'ko';

if (!name) {
  // Status 헤더: 서버가 이것을 HTTP 상태 줄로 바꿉니다 (RFC 3875 6.3.3).
  process.stdout.write('Status: 400 Bad Request\n');
  process.stdout.write('Content-Type: text/plain; charset=utf-8\n\n');
  process.stdout.write('name 값이 없습니다. ?name=이름 을 붙여 주세요.\n');
} else {
  const greeting = lang === 'en' ? `Hello, ${name}!` : `안녕하세요, ${name}님!`;
  process.stdout.write('Content-Type: text/plain; charset=utf-8\n');
  process.stdout.write('\n'); // 빈 줄: 여기서 헤더가 끝납니다
  process.stdout.write(`${greeting}\n`);
}
