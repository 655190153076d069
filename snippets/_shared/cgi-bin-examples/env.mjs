#!/usr/bin/env node
// CGI 환경 변수 출력기: 웹 서버가 이 스크립트에 넘겨준 메타변수(RFC 3875 §4.1)를 text/plain 으로 보여 준다.
// CGI 에서는 요청 정보가 모두 환경 변수로 온다. 어떤 서버가 무엇을 넘기는지 비교해 보자.

// RFC 3875 가 정의한 메타변수. 여기에 요청 헤더에서 온 HTTP_* 가 더해진다.
const META_VARIABLES = [
  'AUTH_TYPE',
  'CONTENT_LENGTH',
  'CONTENT_TYPE',
  'GATEWAY_INTERFACE',
  'PATH_INFO',
  'PATH_TRANSLATED',
  'QUERY_STRING',
  'REMOTE_ADDR',
  'REMOTE_HOST',
  'REMOTE_IDENT',
  'REMOTE_USER',
  'REQUEST_METHOD',
  'SCRIPT_NAME',
  'SERVER_NAME',
  'SERVER_PORT',
  'SERVER_PROTOCOL',
  'SERVER_SOFTWARE',
];

const names = Object.keys(process.env).sort();
const cgiNames = names.filter(
  (name) => META_VARIABLES.includes(name) || name.startsWith('HTTP_'),
);
// 나머지는 서버 프로세스에서 물려받은 변수다. 비밀값이 있을 수 있어 이름만 보여 준다.
const otherNames = names.filter((name) => !cgiNames.includes(name));

const lines = cgiNames.map((name) => `${name}=${process.env[name]}`);
lines.push(
  '',
  `[그 밖의 환경 변수 ${otherNames.length}개: 값은 숨기고 이름만 보여 줍니다]`,
  ...otherNames,
);

// 헤더 블록 → 빈 줄 → 본문. 줄 끝을 CRLF 로 쓰면 헤더를 그대로 흘려보내는 파이썬 서버에서도
// Node 의 HTTP 클라이언트(fetch)가 응답을 읽을 수 있다.
process.stdout.write('Content-Type: text/plain; charset=utf-8\r\n\r\n');
process.stdout.write(`${lines.join('\n')}\n`);
