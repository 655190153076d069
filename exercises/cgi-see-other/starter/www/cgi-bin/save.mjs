#!/usr/bin/env node
// 주문 폼을 받는 CGI 스크립트입니다. 상태 코드는 Status 헤더로 서버에 알립니다.
const method = process.env.REQUEST_METHOD;
console.error(`[save.mjs] ${method} 요청을 받았습니다`); // 표준 오류는 서버의 기록으로 갑니다

// TODO: POST 면 "Status: 303 See Other" 와 "Location: /thanks.html" 로 답하세요.
//       POST 가 아니면 "Status: 405 Method Not Allowed" 와 "Allow: POST" 입니다.
//       지금은 무엇이 오든 200 과 페이지를 냅니다.
process.stdout.write('Content-Type: text/html; charset=utf-8\n');
process.stdout.write('\n');
process.stdout.write('<!doctype html><meta charset="utf-8"><p>저장했습니다.</p>\n');
