// CGI 스크립트 하나를 프로세스로 띄우고, 그 프로세스와 그것이 띄운 자식들을 언제든 한꺼번에 끝낼 수 있게 한다.
// 지키는 약속 두 가지:
//   1. 시간 한도를 넘긴 스크립트는 손자 프로세스까지 모두 끝낸다(스크립트마다 프로세스 그룹 하나).
//   2. 서버가 어떻게 끝나든(Ctrl-C, 잡히지 않은 예외, kill -9) 스크립트는 서버보다 오래 살지 않는다.
// 2번은 서버가 코드를 한 줄도 실행하지 못하고 죽는 경우(SIGKILL)에도 지켜야 하므로, 서버 바깥의 "감시자"가 맡는다.
import { spawn } from 'node:child_process';
import fs from 'node:fs';

const isWindows = process.platform === 'win32';
// 브라우저 안의 Node(WebContainer)에는 진짜 프로세스 그룹도, /bin/sh 도 없다. 그곳의 프로세스는 탭과 함께 사라진다.
const inWebContainer = typeof process.versions.webcontainer === 'string';
const hasProcessGroups = !isWindows && !inWebContainer;

/**
 * 스크립트를 감싸 띄우는 작은 셸 프로그램. 인자는 `스크립트 [인자...]`, 3번 파일 기술자는 서버와 이어진 통로다.
 * 서버는 이 통로에 아무것도 쓰지 않는다. 통로가 닫히는 때는 서버 프로세스가 사라질 때(커널이 닫는다)나
 * 서버가 요청을 다 처리했을 때뿐이다.
 *   1행: 감시자를 뒤에서 띄운다. 통로에서 끝(EOF)을 읽으면 `kill -KILL 0` 으로 자기 프로세스 그룹 전체를 끝낸다.
 *   2행: 셸이 스스로 만든 PWD 변수를 지운다(스크립트에는 CGI 메타변수와 PATH 만 준다).
 *   3행: 셸 자신은 exec 로 스크립트가 된다. 같은 pid, 같은 그룹이고, 표준 입출력은 서버의 파이프 그대로다.
 *        스크립트에게는 통로(3번)를 물려주지 않는다.
 */
const GUARD = [
  '(while read -r _; do :; done; kill -KILL 0) <&3 >/dev/null 2>&1 &',
  'unset PWD',
  'exec "$@" 3<&-',
].join('\n');

let guardShell;

/** 감시자를 쓸 수 있는가: 프로세스 그룹이 있고 /bin/sh 가 있는 곳(리눅스, macOS). */
function canGuard() {
  guardShell ??= hasProcessGroups && fs.existsSync('/bin/sh') ? '/bin/sh' : null;
  return guardShell !== null;
}

/**
 * 스크립트를 띄운다. 돌려주는 것:
 *   child: ChildProcess(stdin/stdout/stderr 는 스크립트의 것), exited: 끝나면 { code, signal } 또는 { error },
 *   killTree(): 스크립트와 그 자식 모두를 끝낸다(여러 번 불러도 된다).
 * spawn 이 곧바로 실패하면(예: 권한) 예외를 던진다.
 * @param {string} file
 * @param {string[]} args
 * @param {{ cwd: string, env: Record<string, string>, uid?: number, gid?: number }} options
 */
export function startCgiProcess(file, args, { cwd, env, ...ids }) {
  const guarded = canGuard();
  const child = guarded
    ? spawn(guardShell, ['-c', GUARD, 'cgi-guard', file, ...args], {
        cwd,
        env,
        // 스크립트마다 새 프로세스 그룹(과 세션): 그룹째 끝낼 수 있고, 서버 그룹에 보낸 신호는 닿지 않는다.
        detached: true,
        stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
        ...ids,
      })
    : spawn(file, args, {
        cwd,
        env,
        detached: hasProcessGroups,
        stdio: 'pipe',
        windowsHide: true,
        ...ids,
      });
  // 감시자와 이어진 통로. 서버는 읽지도 쓰지도 않고, 다 끝났을 때 닫기만 한다.
  const lifeline = guarded ? child.stdio[3] : null;
  lifeline?.on('error', () => {});

  const exited = new Promise((resolve) => {
    child.once('error', (error) => resolve({ error }));
    // 'close' 가 아니라 'exit': 감시자가 통로를 쥐고 있는 동안 'close' 는 오지 않는다.
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });

  const killTree = () => {
    if (child.pid !== undefined && hasProcessGroups) {
      try {
        // 음수 pid 는 "그 프로세스 그룹 전체"라는 뜻이다: 스크립트, 감시자, 손자 프로세스.
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // 그룹이 이미 비었다.
      }
    }
    // 그룹 신호가 닿지 않는 곳(WebContainer, 윈도)이나 그룹이 없던 경우에도 스크립트 자신은 끝낸다.
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
    }
    lifeline?.destroy();
    // 그룹을 스스로 떠난 자손(setsid)이 표준 출력을 쥐고 있으면 그 파이프는 닫히지 않는다.
    // 끝내기로 한 스크립트의 출력은 더 읽지 않는다: 서버가 그 파이프를 기다리며 멈추지 않도록.
    child.stdout?.destroy();
  };

  return { child, exited, killTree };
}

/**
 * 동시에 도는 스크립트 수의 한도. 자리가 없으면 줄을 서서 기다리고, 줄도 가득 차면 기다리지 않는다.
 * 요청마다 프로세스를 띄우므로, 한도가 없으면 요청이 몰릴 때 프로세스가 끝없이 늘어난다.
 */
export class ScriptSlots {
  #running = 0;
  #waiting = [];

  /** @param {number} limit 동시에 돌 수 있는 수. 줄은 그 네 배까지. */
  constructor(limit) {
    this.limit = limit;
  }

  /** 자리를 얻으면 그 자리를 돌려주는 함수를, 줄이 가득 찼거나 `abandoned` 가 먼저 오면 null. */
  async acquire(abandoned) {
    if (this.#running >= this.limit) {
      if (this.#waiting.length >= this.limit * 4) return null;
      const turn = new Promise((resolve) => this.#waiting.push(resolve));
      const gotTurn = await Promise.race([
        turn.then(() => true),
        abandoned.then(() => false),
      ]);
      if (!gotTurn) {
        // 떠난 요청의 차례는 다음 사람에게 넘긴다.
        turn.then(() => this.#release());
        return null;
      }
    } else {
      this.#running += 1;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#release();
    };
  }

  #release() {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#running -= 1;
  }
}

let nobody;

/**
 * root 로 돌고 있으면 스크립트는 nobody 로 실행한다(파이썬도 그렇게 한다).
 * 파이썬은 uid 만 바꾸지만 우리는 gid 도 바꾼다. 바꿀 수 없는 곳(root 가 아님, 브라우저 안 Node, 윈도,
 * nobody 계정이 없음)에서는 아무것도 바꾸지 않는다: null.
 */
export function nobodyIds() {
  if (nobody !== undefined) return nobody;
  nobody = null;
  if (
    !hasProcessGroups ||
    typeof process.getuid !== 'function' ||
    process.getuid() !== 0
  ) {
    return nobody;
  }
  try {
    const entry = fs
      .readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((line) => line.startsWith('nobody:'));
    const [, , uid, gid] = entry?.split(':') ?? [];
    if (/^\d+$/.test(uid ?? '') && /^\d+$/.test(gid ?? '')) {
      nobody = { uid: Number(uid), gid: Number(gid) };
    }
  } catch {
    // /etc/passwd 가 없다.
  }
  return nobody;
}

/**
 * root 인데도 사용자를 바꿀 수 없는 곳(권한을 줄인 컨테이너 등)에서 spawn 이 EPERM 으로 실패했을 때 부른다.
 * 파이썬처럼(setuid 실패는 조용히 넘어간다) 그 뒤로는 바꾸지 않고 실행한다.
 */
export function forgetNobodyIds() {
  nobody = null;
}
