// 책 제목을 JSON 본문으로 PUT 합니다 (http.client 의 conn.request('PUT', ...) 에 해당).
//   node put.mjs http://localhost:8888/echo '새 제목'
import { request } from 'node:http';

const [url = 'http://localhost:8888/echo', title = '제목 없음'] = process.argv.slice(2);
const body = JSON.stringify({ title });

const req = request(
  url,
  {
    method: 'PUT',
    headers: {
      'Content-Type': 'application/json',
      // 바이트 수: '입문'은 두 글자지만 UTF-8로 6바이트입니다.
      'Content-Length': Buffer.byteLength(body),
    },
  },
  (res) => {
    console.log(`HTTP/${res.httpVersion} ${res.statusCode} ${res.statusMessage}`);
    res.setEncoding('utf8');
    res.on('data', (text) => process.stdout.write(text));
  },
);
req.on('error', (error) => {
  console.error(`요청 실패: ${error.message}`);
  process.exitCode = 1;
});
req.end(body);
