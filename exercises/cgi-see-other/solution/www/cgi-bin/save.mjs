#!/usr/bin/env node
// 주문 폼을 받는 CGI 스크립트입니다. 상태 코드는 Status 헤더로 서버에 알립니다.
const method = process.env.REQUEST_METHOD;
console.error(`[save.mjs] ${method} 요청을 받았습니다`); // 표준 오류는 서버의 기록으로 갑니다

if (method === 'POST') {
  // (실제라면 여기서 주문을 저장합니다.) 그다음 감사 페이지를 GET 으로 보게 합니다.
  process.stdout.write('Status: 303 See Other\n');
  process.stdout.write('Location: /thanks.html\n');
  process.stdout.write('\n');
} else {
  process.stdout.write('Status: 405 Method Not Allowed\n');
  process.stdout.write('Allow: POST\n');
  process.stdout.write('Content-Type: text/plain; charset=utf-8\n');
  process.stdout.write('\n');
  process.stdout.write('이 스크립트는 POST만 받습니다.\n');
}
