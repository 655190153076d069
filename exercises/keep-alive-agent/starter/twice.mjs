// 같은 서버에 GET 을 두 번 보내고, 두 번째가 첫 번째의 연결을 다시 썼는지 봅니다.
//   node twice.mjs http://localhost:8888
import { request } from 'node:http';

const base = process.argv[2] ?? 'http://localhost:8888';

// TODO: keepAlive 를 켠 Agent 를 만들어 두 요청에 같이 쓰세요.
//       agent: false 는 요청마다 새 연결을 맺고, 응답 뒤에 닫습니다.
const agent = false;

function get(n) {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/echo?n=${n}`, { agent }, (res) => {
      const how = req.reusedSocket ? '같은 연결을 다시 씀' : '새 연결';
      res.resume(); // 본문을 끝까지 읽어야 연결을 다시 쓸 수 있습니다
      res.on('end', () => {
        console.log(`${n}번째 요청: ${res.statusCode} ${res.statusMessage} (${how})`);
        resolve();
      });
    });
    req.on('error', reject);
    req.end();
  });
}

await get(1);
await get(2);
// TODO: 다 쓴 Agent 의 연결을 닫으세요. 열어 두면 프로그램이 곧바로 끝나지 않습니다.
