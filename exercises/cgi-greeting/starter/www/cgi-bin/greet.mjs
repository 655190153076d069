#!/usr/bin/env node
// CGI 스크립트: 요청 정보는 환경 변수로 받고, 응답(헤더, 빈 줄, 본문)은 표준 출력에 씁니다.
//   http://127.0.0.1:8888/cgi-bin/greet.mjs?name=kim&lang=en

// TODO: QUERY_STRING 환경 변수에서 name 과 lang 을 읽으세요.
const name = '손님';
const lang = 'ko';

// TODO: name 이 없으면 "Status: 400 Bad Request" 헤더와 함께 무엇이 빠졌는지 알려 주세요.

const greeting = lang === 'en' ? `Hello, ${name}!` : `안녕하세요, ${name}님!`;
process.stdout.write('Content-Type: text/plain; charset=utf-8\n');
process.stdout.write('\n'); // 빈 줄: 여기서 헤더가 끝납니다
process.stdout.write(`${greeting}\n`);
