// 파이썬 http.client 의 다섯 단계(연결, 요청, 응답, 읽기, 닫기)를 node:http 로 한 단계씩 옮깁니다.
// fetch보다 한 층 아래라서, 헤더와 본문을 따로 보내는 것처럼 세밀한 일을 할 수 있습니다.
import { once } from 'node:events';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

const target = new URL(process.argv[2] ?? 'http://localhost:8888/');

// 응답 스트림을 끝까지 읽어 문자열로 만듭니다 (파이썬의 response.read()).
async function readAll(res) {
  res.setEncoding('utf8');
  let text = '';
  for await (const chunk of res) text += chunk;
  return text;
}

// 1) 연결 객체: HTTPConnection(host, port)에 해당합니다.
// Agent가 TCP 연결을 만들고, keepAlive 덕분에 다음 요청에서 그 연결을 다시 씁니다.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const conn = { host: target.hostname, port: target.port, agent };
console.log(`1) 연결 객체: ${target.host}`);

// 2) 요청 보내기: conn.request('GET', '/')
const req = http.request({ ...conn, method: 'GET', path: '/' });
req.end();
console.log('2) 요청: GET /');

// 3) 응답 객체 받기: conn.getresponse()
const [res] = await once(req, 'response');
console.log(`3) 응답: ${res.statusCode} ${res.statusMessage} (HTTP/${res.httpVersion})`);

// 4) 응답 데이터 읽기: response.read()
console.log(`4) 본문: ${(await readAll(res)).trim()}`);

// urllib으로는 번거로운 일 하나: GET, POST 말고 다른 메서드(PUT)로 보내기
const putBody = '새 내용';
const put = http.request({
  ...conn,
  method: 'PUT',
  path: '/echo',
  headers: {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(putBody),
  },
});
put.end(putBody);
const [putRes] = await once(put, 'response');
console.log(
  `PUT ${putRes.statusCode} ${putRes.statusMessage}, 같은 연결을 다시 썼나요? ${put.reusedSocket}`,
);
console.log((await readAll(putRes)).trim());

// 또 하나: 헤더를 먼저 보내고, 1초 쉰 다음에 본문을 보내기
const late = 'late body';
const upload = http.request({
  ...conn,
  method: 'POST',
  path: '/upload',
  headers: { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(late) },
});
upload.flushHeaders(); // 요청 줄과 헤더만 지금 보냅니다
await sleep(1000);
upload.end(late); // 본문은 1초 뒤에
const [uploadRes] = await once(upload, 'response');
console.log(`POST ${uploadRes.statusCode} ${uploadRes.statusMessage}`);
console.log((await readAll(uploadRes)).trim());

// 5) 연결 닫기: conn.close()
agent.destroy();
console.log('5) 연결을 닫았습니다.');
