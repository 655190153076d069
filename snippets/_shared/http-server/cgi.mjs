// CGIHTTPRequestHandler: /cgi-bin 과 /htbin 아래 파일을 요청마다 새 프로세스로 실행한다(python -m http.server --cgi).
// 파이썬과 달리 스크립트의 출력 헤더를 RFC 3875 대로 읽어서(Status, Location, LF 줄 끝) 올바른 HTTP 응답으로
// 바꾸고, 스크립트에는 서버 환경 변수 대신 CGI 메타변수만 주며, 시간 한도를 넘기면 프로세스 무리 전체를 끝낸다.
// 프로세스를 띄우고 끝내는 일은 cgi-process.mjs 가 맡는다(서버가 죽어도 스크립트가 남지 않게).
import fs from 'node:fs';
import path from 'node:path';
import { normalizeTarget } from './base.mjs';
import {
  forgetNobodyIds,
  nobodyIds,
  ScriptSlots,
  startCgiProcess,
} from './cgi-process.mjs';
import { RequestTimeout } from './message.mjs';
import { SimpleHTTPRequestHandler } from './simple.mjs';
import { BadPathError, decodeUrlPath, pyRepr } from './text.mjs';

const isWindows = process.platform === 'win32';
// 같은 Node 로 실행하는 스크립트(실행 권한 비트가 없어도 된다).
const NODE_SCRIPTS = new Set(['.js', '.mjs', '.cjs']);
// 스크립트가 보내는 헤더 블록의 최대 크기. 넘으면 502.
const MAX_CGI_HEADER = 64 * 1024;
const MAX_LOCAL_REDIRECTS = 5;
// 연결 하나에만 의미가 있는 hop-by-hop 헤더(RFC 9110 §7.6.1).
const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
];
// HTTP_* 로 넘기지 않는 요청 헤더. Proxy 를 넘기면 HTTP_PROXY 가 되어 스크립트의 HTTP 클라이언트가
// 공격자의 프록시를 쓰게 된다(httpoxy). Authorization 과 Content-* 는 RFC 3875 §4.1.18 이 빼라고 한다.
const NOT_FORWARDED = new Set([
  'proxy',
  'authorization',
  'content-type',
  'content-length',
  ...HOP_BY_HOP,
]);
// 스크립트 응답에서 서버가 직접 정하는 헤더.
const SERVER_OWNED = new Set([
  'status',
  'server',
  'date',
  'content-length',
  ...HOP_BY_HOP,
]);
const HEADER_LINE = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+):[ \t]*(.*?)[ \t]*$/;
const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:/;

export class CGIHTTPRequestHandler extends SimpleHTTPRequestHandler {
  cgiDirectories = ['/cgi-bin', '/htbin'];
  #localRedirects = 0;
  #bodyConsumed = false;

  async handleOneRequest() {
    // keep-alive 연결에서는 요청마다 새로 센다.
    this.#localRedirects = 0;
    this.#bodyConsumed = false;
    return super.handleOneRequest();
  }

  async doPOST() {
    if (await this.#checkCgi()) await this.runCgi();
    else if (!this.responseStarted) this.sendError(501, 'Can only POST to CGI scripts');
  }

  async sendHead() {
    if (await this.#checkCgi()) {
      await this.runCgi();
      return null;
    }
    if (this.responseStarted) return null;
    return super.sendHead();
  }

  async #checkCgi() {
    try {
      return this.isCgi();
    } catch (err) {
      if (!(err instanceof BadPathError)) throw err;
      this.sendError(400, `Bad request path (${pyRepr(this.path)})`);
      return false;
    }
  }

  /**
   * 요청 경로가 CGI 디렉터리 아래인지 본다. 먼저 디코딩하고 . 과 .. 을 정리하므로
   * /cgi-bin%2fenv.mjs 나 /x/../cgi-bin/env.mjs 도 스크립트를 실행한다(소스가 새지 않게).
   */
  isCgi() {
    const { path: collapsed, query } = urlCollapsePath(this.path);
    let dirSep = collapsed.indexOf('/', 1);
    while (dirSep > 0 && !this.cgiDirectories.includes(collapsed.slice(0, dirSep))) {
      dirSep = collapsed.indexOf('/', dirSep + 1);
    }
    if (dirSep <= 0) return false;
    this.cgiInfo = {
      dir: collapsed.slice(0, dirSep),
      rest: collapsed.slice(dirSep + 1),
      query,
    };
    return true;
  }

  async runCgi() {
    let { dir, rest } = this.cgiInfo;
    const { query } = this.cgiInfo;
    // /cgi-bin/sub/deep.mjs/extra: 하위 디렉터리를 따라 내려가며 스크립트를 찾는다.
    const fullPath = `${dir}/${rest}`;
    let slash = fullPath.indexOf('/', dir.length + 1);
    while (slash >= 0) {
      const nextDir = fullPath.slice(0, slash);
      if (!this.lookup(this.localPath(nextDir))?.stats.isDirectory()) break;
      dir = nextDir;
      rest = fullPath.slice(slash + 1);
      slash = fullPath.indexOf('/', dir.length + 1);
    }
    const split = rest.indexOf('/');
    const script = split >= 0 ? rest.slice(0, split) : rest;
    const pathInfo = split >= 0 ? rest.slice(split) : '';
    const scriptName = `${dir}/${script}`;

    const found = this.lookup(this.localPath(scriptName));
    if (!found) return this.sendError(404, `No such CGI script (${pyRepr(scriptName)})`);
    if (!found.stats.isFile()) {
      return this.sendError(
        403,
        `CGI script is not a plain file (${pyRepr(scriptName)})`,
      );
    }
    const command = await this.scriptCommand(found.realPath);
    if (!command) {
      return this.sendError(403, `CGI script is not executable (${pyRepr(scriptName)})`);
    }
    const body = this.#requestBody();
    if (!body) return undefined;

    const env = this.cgiEnvironment({
      scriptName,
      pathInfo,
      query,
      body,
      serverName: await this.server.getServerName(),
    });
    const args = [...command.args, ...indexQueryArgs(query, this.command)];
    this.server.cgiSlots ??= new ScriptSlots(this.server.options.cgiLimit ?? 32);
    const gone = new Promise((resolve) => this.socket.once('close', resolve));
    const release = await this.server.cgiSlots.acquire(gone);
    if (!release) {
      if (this.socket.destroyed) return undefined;
      return this.sendError(503, 'Too many CGI scripts running');
    }
    try {
      return await this.#execute(command.file, args, env, body.length, found.realPath);
    } finally {
      release();
    }
  }

  /** 스크립트를 무엇으로 실행할지. .js/.mjs/.cjs 는 이 서버와 같은 Node 로, 나머지는 파일 자체를(#! 줄). */
  async scriptCommand(scriptPath) {
    const ext = path.extname(scriptPath).toLowerCase();
    if (NODE_SCRIPTS.has(ext)) return { file: process.execPath, args: [scriptPath] };
    if (isWindows) {
      // 윈도에는 #! 줄이 없으므로 파이썬 스크립트는 파이썬으로 실행한다.
      if (ext === '.py' || ext === '.pyw') {
        return { file: 'python', args: ['-u', scriptPath] };
      }
      return { file: scriptPath, args: [] };
    }
    try {
      await fs.promises.access(scriptPath, fs.constants.X_OK);
    } catch {
      return null;
    }
    return { file: scriptPath, args: [] };
  }

  /** 요청 본문의 길이. 오류면 응답을 보내고 null. */
  #requestBody() {
    if (this.#bodyConsumed) return { length: 0, declared: false };
    // RFC 3875 §4.2: chunked 본문은 풀어서 길이를 다시 재거나 거절해야 한다. 우리는 거절한다.
    if (this.headers.has('Transfer-Encoding')) {
      this.sendError(
        411,
        'Length Required',
        'CGI needs a request body with Content-Length',
      );
      return null;
    }
    const values = this.headers.getAll('Content-Length');
    if (values.length === 0) return { length: 0, declared: false };
    if (!values.every((value) => /^\d{1,15}$/.test(value) && value === values[0])) {
      this.sendError(400, `Bad Content-Length (${pyRepr(values.join(', '))})`);
      return null;
    }
    return { length: Number(values[0]), declared: true };
  }

  /**
   * RFC 3875 메타변수. 파이썬이 만드는 것에 더해 모든 요청 헤더를 HTTP_* 로 넘기고(Proxy 등은 빼고),
   * 서버 자신의 환경 변수는 PATH 말고는 넘기지 않는다.
   */
  cgiEnvironment({ scriptName, pathInfo, query, body, serverName }) {
    const env = { PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin' };
    if (isWindows) {
      for (const key of ['SYSTEMROOT', 'WINDIR', 'COMSPEC', 'PATHEXT']) {
        if (process.env[key]) env[key] = process.env[key];
      }
    }
    Object.assign(env, {
      SERVER_SOFTWARE: this.versionString(),
      SERVER_NAME: serverName,
      GATEWAY_INTERFACE: 'CGI/1.1',
      // 요청이 쓴 프로토콜(RFC 3875 §4.1.16). 파이썬은 서버 자신의 HTTP/1.0 을 넣는다.
      SERVER_PROTOCOL: this.requestVersion,
      SERVER_PORT: String(this.server.serverPort),
      REQUEST_METHOD: this.command,
      PATH_INFO: pathInfo,
      SCRIPT_NAME: scriptName,
      QUERY_STRING: query,
      REMOTE_ADDR: this.clientAddress[0],
      REMOTE_HOST: '',
      CONTENT_LENGTH: body.declared ? String(body.length) : '',
    });
    // PATH_INFO 가 없으면 PATH_TRANSLATED 도 없다(RFC 3875 §4.1.6).
    if (pathInfo) env.PATH_TRANSLATED = this.localPath(pathInfo);
    const contentType = this.headers.get('Content-Type');
    if (contentType !== undefined) env.CONTENT_TYPE = contentType;
    for (const [name, value] of this.headers) {
      // 밑줄이 든 이름은 넘기지 않는다: "X_Foo" 와 "X-Foo" 가 같은 변수가 되어 서로 덮어쓰지 못하게.
      if (NOT_FORWARDED.has(name.toLowerCase()) || !/^[A-Za-z0-9-]+$/.test(name)) {
        continue;
      }
      const key = `HTTP_${name.toUpperCase().replaceAll('-', '_')}`;
      env[key] = env[key] === undefined ? value : `${env[key]}, ${value}`;
    }
    for (const key of ['HTTP_ACCEPT', 'HTTP_USER_AGENT', 'HTTP_COOKIE', 'HTTP_REFERER']) {
      env[key] ??= '';
    }
    return env;
  }

  async #execute(file, args, env, bodyLength, scriptPath) {
    const isHead = this.command === 'HEAD';
    // RFC 3875 §7.2: 스크립트가 있는 디렉터리에서 실행한다.
    const options = { cwd: path.dirname(scriptPath), env };
    let started;
    try {
      started = startCgiProcess(file, args, { ...options, ...(nobodyIds() ?? {}) });
    } catch (err) {
      if (err?.code !== 'EPERM' || !nobodyIds()) {
        this.logError(`CGI script could not be started: ${err.message}`);
        return this.sendError(500, 'CGI script could not be started');
      }
      // root 인데 사용자를 바꿀 권한이 없다(권한을 줄인 컨테이너): 파이썬처럼 바꾸지 않고 실행한다.
      this.logError(
        'cannot switch CGI scripts to nobody here; running them as this user',
      );
      forgetNobodyIds();
      return this.#execute(file, args, env, bodyLength, scriptPath);
    }
    const { child, exited, killTree } = started;
    this.server.children.add(killTree);

    // 스크립트 실행 동안에는 소켓 유휴 한도 대신 CGI 시간 한도 하나만 쓴다.
    this.socket.setTimeout(0);
    const limit = this.server.options.cgiTimeout ?? 30_000;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killTree();
      this.rfile.fail(new RequestTimeout('CGI script timed out'));
      // 응답을 보내던 중이었다면(클라이언트가 읽지 않아 멈춘 경우 포함) 연결도 끊는다.
      if (this.responseStarted) this.socket.destroy();
    }, limit);
    // 클라이언트가 떠나면 스크립트도 더 돌릴 이유가 없다.
    this.socket.once('close', killTree);

    this.#logStderr(child);
    const feeding = this.#feedStdin(child, bodyLength);
    const output = await this.#relayOutput(child, isHead, killTree);
    const result = await exited;
    await feeding;
    clearTimeout(timer);
    this.socket.off('close', killTree);
    killTree(); // 스크립트가 남긴 손자 프로세스 정리
    this.server.children.delete(killTree);

    if (result.error) {
      this.logError(`CGI script could not be started: ${result.error.message}`);
    } else if (timedOut) {
      this.logError(`CGI script timed out after ${limit} ms`);
    } else if (result.code) {
      this.logError(`CGI script exit code ${result.code}`); // 파이썬과 같은 문구
    } else if (result.signal) {
      this.logError(`CGI script killed by ${result.signal}`);
    }

    if (output.sent || this.responseStarted) return undefined;
    if (this.socket.destroyed) {
      return this.logError('client went away before the CGI response');
    }
    if (timedOut) {
      return this.sendError(
        504,
        'CGI script timed out',
        `no complete response within ${limit} ms`,
      );
    }
    if (output.localRedirect !== undefined) {
      return this.#localRedirect(output.localRedirect);
    }
    if (result.error) return this.sendError(500, 'CGI script could not be started');
    return this.sendError(502, 'Bad CGI response', output.error);
  }

  /**
   * 스크립트의 stdout 을 읽어 헤더 블록(빈 줄까지)을 해석하고, 그에 맞는 상태 줄과 헤더를 보낸 뒤
   * 나머지를 본문으로 흘려 보낸다. HEAD 면 본문은 버린다.
   */
  async #relayOutput(child, isHead, killTree) {
    let head = Buffer.alloc(0);
    let state = 'head'; // 'head' → 'body' 또는 'discard'
    const output = { sent: false, error: undefined, localRedirect: undefined };
    const stop = (error) => {
      output.error = error;
      state = 'discard';
      killTree();
    };
    try {
      for await (const chunk of child.stdout) {
        if (state === 'discard') continue;
        if (state === 'body') {
          if (!isHead && !(await this.#writeBody(chunk))) stop('client went away');
          continue;
        }
        head = head.length ? Buffer.concat([head, chunk]) : chunk;
        const end = findHeaderEnd(head);
        if (!end) {
          if (head.length > MAX_CGI_HEADER) {
            stop(`header block longer than ${MAX_CGI_HEADER} bytes`);
          }
          continue;
        }
        // latin-1 로 읽고 latin-1 로 다시 쓰므로 헤더 값의 바이트(예: UTF-8)는 그대로 전달된다.
        const parsed = parseCgiHeaders(
          head.subarray(0, end.headerEnd).toString('latin1'),
        );
        if (typeof parsed === 'string') {
          stop(parsed);
          continue;
        }
        if (parsed.localRedirect !== undefined) {
          // 지역 리디렉션(RFC 3875 §6.2.2): 본문은 버리고, 스크립트가 끝나면 그 경로를 GET 으로 다시 처리한다.
          output.localRedirect = parsed.localRedirect;
          state = 'discard';
          continue;
        }
        this.sendResponse(parsed.code, parsed.reason);
        for (const [name, value] of parsed.fields) this.sendHeader(name, value);
        // 본문 길이를 모르므로 연결을 닫아 끝을 알린다(-p HTTP/1.1 로 연결을 이어 쓰는 중이어도).
        if (!this.closeConnection) this.sendHeader('Connection', 'close');
        this.endHeaders();
        output.sent = true;
        state = 'body';
        const rest = head.subarray(end.bodyStart);
        if (rest.length && !isHead && !(await this.#writeBody(rest))) {
          stop('client went away');
        }
      }
    } catch {
      // 스트림이 망가졌다(프로세스가 강제로 끝난 경우 등). 아래에서 상태를 보고 판단한다.
    }
    if (state === 'head') {
      output.error = head.length
        ? 'no blank line after the CGI header block'
        : 'no output';
    }
    return output;
  }

  async #writeBody(chunk) {
    if (this.socket.destroyed) return false;
    if (!this.wfile.write(chunk)) await waitFor(this.socket, ['drain', 'close']);
    return !this.socket.destroyed;
  }

  /** 요청 본문을 정확히 CONTENT_LENGTH 바이트만 스크립트의 stdin 으로 보내고 닫는다(EOF). */
  async #feedStdin(child, length) {
    const { stdin } = child;
    stdin.on('error', () => {}); // 본문을 읽지 않고 끝난 스크립트(EPIPE)는 문제가 아니다.
    let remaining = length;
    try {
      while (remaining > 0 && !stdin.destroyed) {
        const chunk = await this.rfile.read(Math.min(remaining, 64 * 1024));
        if (chunk.length === 0) break;
        remaining -= chunk.length;
        if (!stdin.write(chunk)) await waitFor(stdin, ['drain', 'close', 'error']);
      }
    } catch {
      // 시간 초과나 연결 끊김: 받은 만큼만 넘긴다.
    }
    this.#bodyConsumed = true;
    stdin.end();
  }

  /** 스크립트의 stderr 를 한 줄씩 서버 로그로(제어 문자는 로그에서 \xHH 로 바뀐다). */
  #logStderr(child) {
    let pending = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text) => {
      pending += text;
      let newline;
      while ((newline = pending.indexOf('\n')) >= 0 || pending.length > 4096) {
        const end = newline >= 0 ? newline : 4096;
        this.logError(`CGI stderr: ${pending.slice(0, end)}`);
        pending = pending.slice(newline >= 0 ? end + 1 : end);
      }
    });
    child.stderr.on('end', () => {
      if (pending) this.logError(`CGI stderr: ${pending}`);
    });
  }

  async #localRedirect(location) {
    if (++this.#localRedirects > MAX_LOCAL_REDIRECTS) {
      return this.sendError(500, 'Too many CGI local redirects');
    }
    this.#bodyConsumed = true;
    this.path = normalizeTarget(location);
    if (this.command !== 'HEAD') this.command = 'GET';
    return this.command === 'HEAD' ? this.doHEAD() : this.doGET();
  }
}

/**
 * 파이썬 _url_collapse_path: 질의를 떼고, 디코딩하고, . 과 .. 을 URL 방식으로 정리한다.
 * 파이썬은 .. 이 너무 많으면 IndexError 로 연결을 끊지만, 우리는 맨 위(/)에서 멈춘다.
 */
export function urlCollapsePath(target) {
  const question = target.indexOf('?');
  const rawPath = question >= 0 ? target.slice(0, question) : target;
  const query = question >= 0 ? target.slice(question + 1) : '';
  const parts = decodeUrlPath(rawPath).split('/');
  const head = [];
  for (const part of parts.slice(0, -1)) {
    if (part === '..') head.pop();
    else if (part && part !== '.') head.push(part);
  }
  let tail = parts.at(-1) ?? '';
  if (tail === '..') {
    head.pop();
    tail = '';
  } else if (tail === '.') {
    tail = '';
  }
  return { path: `/${head.join('/')}/${tail}`, query };
}

/**
 * RFC 3875 §4.4: "=" 가 없는 GET/HEAD 질의(?word1+word2)는 + 로 나누고 각각 디코딩해 명령행 인자로 준다.
 * 하나라도 디코딩할 수 없으면 인자를 만들지 않는다.
 */
export function indexQueryArgs(query, method) {
  if (!query || query.includes('=') || (method !== 'GET' && method !== 'HEAD')) return [];
  try {
    return query.split('+').map((word) => decodeUrlPath(word));
  } catch {
    return [];
  }
}

/** 헤더 블록이 끝나는 빈 줄(LF 또는 CRLF)을 찾는다. */
function findHeaderEnd(buffer) {
  let start = 0;
  for (;;) {
    const newline = buffer.indexOf(0x0a, start);
    if (newline < 0) return null;
    const length = newline - start;
    if (length === 0 || (length === 1 && buffer[start] === 0x0d)) {
      return { headerEnd: start, bodyStart: newline + 1 };
    }
    start = newline + 1;
  }
}

/**
 * CGI 응답 헤더(RFC 3875 §6)를 해석한다. 잘못되었으면 이유를 담은 문자열을 돌려준다.
 * - Status: 404 Not Found → 상태 줄
 * - Location: http://... (Status 없음) → 302 Found
 * - Location: /path (Status 없음) → 서버 안에서 다시 처리(지역 리디렉션)
 */
export function parseCgiHeaders(text) {
  const fields = [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop(); // 헤더 블록은 줄바꿈으로 끝난다
  for (const rawLine of lines) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    const match = HEADER_LINE.exec(line);
    if (!match || /[\x00-\x08\x0a-\x1f\x7f]/.test(match[2])) {
      return `invalid header line ${pyRepr(line.slice(0, 80))}`;
    }
    fields.push([match[1], match[2]]);
  }
  const get = (name) => fields.find(([key]) => key.toLowerCase() === name)?.[1];
  const status = get('status');
  const location = get('location');
  if (
    status === undefined &&
    location === undefined &&
    get('content-type') === undefined
  ) {
    return 'no Content-Type, Location or Status header';
  }
  let code = 200;
  let reason;
  if (status !== undefined) {
    const match = /^([1-5]\d\d)(?:[ \t]+(.*))?$/.exec(status);
    if (!match) return `invalid Status ${pyRepr(status)}`;
    code = Number(match[1]);
    reason = match[2] || undefined;
  }
  if (location !== undefined && status === undefined) {
    if (location.startsWith('/')) return { localRedirect: location };
    if (ABSOLUTE_URI.test(location)) code = 302;
  }
  return {
    code,
    reason,
    fields: fields.filter(([key]) => !SERVER_OWNED.has(key.toLowerCase())),
  };
}

function waitFor(emitter, events) {
  return new Promise((resolve) => {
    const done = () => {
      for (const event of events) emitter.off(event, done);
      resolve();
    };
    for (const event of events) emitter.on(event, done);
  });
}
