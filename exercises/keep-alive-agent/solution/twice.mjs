// 같은 서버에 GET 을 두 번 보내고, 두 번째가 첫 번째의 연결을 다시 썼는지 봅니다.
//   node twice.mjs http://localhost:8888
import { Agent, request } from 'node:http';

const base = process.argv[2] ?? 'http://localhost:8888';

// 연결을 맡는 Agent: keepAlive 면 응답이 끝난 연결을 닫지 않고 다음 요청에 빌려줍니다.
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

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
agent.destroy(); // 열어 둔 연결을 닫아야 프로그램이 곧바로 끝납니다
