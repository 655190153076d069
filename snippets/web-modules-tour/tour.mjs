// 파이썬의 웹 관련 표준 모듈(urllib, http, html)이 하는 일을 Node 내장 기능으로 하나씩 해 봅니다.
// 실행: node tour.mjs   (대화형으로 해 보려면 그냥 node 를 입력해 REPL로 들어갑니다)
import { STATUS_CODES } from 'node:http';
import { escapeHtml } from '../_shared/html.mjs';

// urllib.parse.urlsplit → URL: 주소를 조각으로 나눕니다.
const url = new URL(
  'http://www.example.com:8080/search?q=%ED%8C%8C%EC%9D%B4%EC%8D%AC&page=2#results',
);
console.log('URL 조각:', url.protocol, url.hostname, url.port, url.pathname, url.hash);

// urllib.parse.parse_qs / urlencode → URLSearchParams: 쿼리 문자열을 읽고 만듭니다.
console.log('q 값:', url.searchParams.get('q'));
console.log('폼 인코딩:', new URLSearchParams({ q: 'forms', release: '1' }).toString());

// http.HTTPStatus → http.STATUS_CODES: 상태 코드의 이름표입니다.
console.log('상태 코드:', 404, STATUS_CODES[404]);

// http.cookies → Node에는 쿠키 파서가 없습니다. Cookie 헤더를 직접 나눕니다.
const cookie = 'session=abc123; theme=dark';
const cookies = Object.fromEntries(cookie.split('; ').map((pair) => pair.split('=')));
console.log('쿠키:', cookies.session, cookies.theme);

// html.escape → 이것도 Node에는 내장이 없습니다. 책의 공용 모듈 html.mjs가 같은 다섯 글자를 바꿉니다.
console.log('HTML 이스케이프:', escapeHtml('<a href="/">홈</a>'));
