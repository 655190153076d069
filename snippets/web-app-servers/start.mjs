// 웹 서버와 애플리케이션 서버를 각각 따로 된 프로세스로 띄웁니다.
// 실제 운영에서는 systemd나 docker compose 같은 도구가 이 일을 맡습니다.
import { fork } from 'node:child_process';

const children = ['app-server.mjs', 'web-server.mjs'].map((file) => {
  // fork 는 Node 프로그램을 자식 프로세스로 띄우고 IPC 통로('ipc')로 잇습니다.
  // 이 프로그램이 어떻게 끝나든(kill -9 포함) 운영체제가 통로를 닫으므로, 자식은 그것을 보고 따라 끝납니다.
  const child = fork(file, { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  // 두 프로세스의 출력이 섞여도 누가 말했는지 알 수 있도록 앞에 이름을 붙입니다.
  const tag = `[${file.replace('.mjs', '')}] `;
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (text) => process.stdout.write(text.replace(/^(?=.)/gm, tag)));
  }
  return child;
});

// 이 프로그램을 멈추면 두 서버도 함께 멈춥니다.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of children) child.kill();
    process.exit();
  });
}
