// BaseHTTPRequestHandler 와 HTTPServer: 파이썬 http.server 의 뼈대를 net 소켓 위에 옮긴 것.
// 요청 줄과 헤더를 직접 읽어(parseRequest) doGET/doHEAD/doPOST 같은 메서드로 넘기고,
// 응답은 "상태 줄 → Server → Date → 핸들러의 헤더" 순서로 파이썬과 똑같이 쓴다.
import net from 'node:net';
import os from 'node:os';
import { once } from 'node:events';
import { promises as dns } from 'node:dns';
import { HTTPMessage, RequestTimeout, SocketReader } from './message.mjs';
import { HTTP_STATUS, reasonPhrase } from './status.mjs';
import { escapeControl, pyRepr } from './text.mjs';

/** 파이썬 3.11 과 같은 오류 페이지 틀. %(이름)d / %(이름)s 자리에 값이 들어간다. */
export const DEFAULT_ERROR_MESSAGE = `<!DOCTYPE HTML>
<html lang="en">
    <head>
        <meta charset="utf-8">
        <title>Error response</title>
    </head>
    <body>
        <h1>Error response</h1>
        <p>Error code: %(code)d</p>
        <p>Message: %(message)s.</p>
        <p>Error code explanation: %(code)s - %(explain)s.</p>
    </body>
</html>
`;

export const DEFAULT_ERROR_CONTENT_TYPE = 'text/html;charset=utf-8';

// 파이썬 http.client 의 한도: 한 줄 65536 바이트, 헤더 100 줄(빈 줄 포함).
const MAX_LINE = 65536;
const MAX_HEADERS = 100;
// 파이썬 str.split() 이 공백으로 보는 latin-1 글자들(탭, \x1c-\x1f, \x85, \xa0 까지).
const WHITESPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0]+/;
// RFC 9110 의 token: 헤더 이름에 쓸 수 있는 글자.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// absolute-form 요청 대상(GET http://host/path HTTP/1.1) 의 "scheme://authority" 부분.
const ABSOLUTE_FORM = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/;
const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');
// 응답을 보낸 뒤, 클라이언트가 마저 보내는 데이터를 이 시간까지만 받아 버린다.
const LINGER_MS = 2000;

const pad = (n, width = 2) => String(n).padStart(width, '0');

export class BaseHTTPRequestHandler {
  serverVersion = 'BaseHTTP/0.6';
  sysVersion = `Node.js/${process.versions.node}`;
  // 파이썬과 같은 기본값: 응답은 언제나 HTTP/1.0 이고, 응답 하나마다 연결을 닫는다.
  protocolVersion = 'HTTP/1.0';
  defaultRequestVersion = 'HTTP/0.9';
  errorMessageFormat = DEFAULT_ERROR_MESSAGE;
  errorContentType = DEFAULT_ERROR_CONTENT_TYPE;

  #headersBuffer = [];
  #bytesSent = 0;

  constructor(socket, server) {
    this.socket = socket;
    this.server = server;
    // python -m http.server -p HTTP/1.1 처럼 서버 전체의 프로토콜을 정할 수 있다(파이썬은 클래스 속성을 바꾼다).
    if (server.options?.protocol) this.protocolVersion = server.options.protocol;
    this.clientAddress = [socket.remoteAddress ?? '', socket.remotePort ?? 0];
    this.rfile = new SocketReader(socket);
    // 파이썬 핸들러처럼 this.wfile.write(...) 로 본문을 쓴다. 문자열은 UTF-8 로 보낸다.
    this.wfile = {
      write: (data) => this.#send(typeof data === 'string' ? Buffer.from(data) : data),
    };
    this.closeConnection = true;
    this.command = null;
    this.path = null;
    this.requestVersion = this.defaultRequestVersion;
    this.requestline = '';
    this.headers = new HTTPMessage();
  }

  /** 응답 바이트를 하나라도 보냈는가. 보냈다면 더는 오류 응답으로 바꿀 수 없다. */
  get responseStarted() {
    return this.#bytesSent > 0;
  }

  /** 연결 하나를 처리한다. 어떤 요청이 와도 예외가 서버 밖으로 새지 않는다. */
  async handle() {
    this.closeConnection = true;
    // 느리거나 멈춘 클라이언트: 이 시간 동안 아무것도 오가지 않으면 끊는다(Slowloris 방어).
    this.socket.setTimeout(this.server.timeout, () => this.#onIdle());
    try {
      await this.handleOneRequest();
      while (!this.closeConnection && !this.socket.destroyed) {
        await this.handleOneRequest();
      }
    } catch (err) {
      this.handleError(err);
    } finally {
      this.finish();
    }
  }

  async handleOneRequest() {
    // 연결 하나로 요청을 여러 개 받을 수 있으므로(keep-alive) 응답 상태는 요청마다 새로 시작한다.
    this.#bytesSent = 0;
    this.#headersBuffer = [];
    const receivedBefore = this.rfile.bytesReceived;
    // 요청 줄과 헤더 전체가 이 시간 안에 와야 한다. 한 바이트씩 흘려 보내는 클라이언트도 여기서 걸린다.
    const deadline = setTimeout(
      () => this.rfile.fail(new RequestTimeout('request head not received in time')),
      this.server.timeout,
    );
    try {
      if (!(await this.readRequest())) return;
      clearTimeout(deadline);
      const bodyStart = this.rfile.bytesTaken;
      await this.dispatch();
      // 핸들러가 읽지 않은 요청 본문이 남았다면, 그 바이트를 다음 요청으로 읽지 않도록 연결을 닫는다.
      if (this.#unreadBody(bodyStart)) this.closeConnection = true;
    } catch (err) {
      if (!(err instanceof RequestTimeout)) throw err;
      this.logError(`Request timed out: ${err.message}`);
      this.closeConnection = true;
      // 요청을 보내다 만 클라이언트에게는 408 을, 아무것도 안 보낸 연결은 조용히 닫는다.
      if (this.rfile.bytesReceived > receivedBefore && !this.responseStarted) {
        this.sendError(408);
      }
    } finally {
      clearTimeout(deadline);
    }
  }

  /** 이 요청의 본문 중 핸들러가 아직 읽지 않은 부분이 있는가(길이를 모르는 chunked 본문은 늘 그렇다고 본다). */
  #unreadBody(bodyStart) {
    if (this.headers.has('Transfer-Encoding')) return true;
    const declared = Number(this.headers.get('Content-Length', '0'));
    if (!(declared > 0)) return false;
    return this.rfile.bytesTaken - bodyStart < declared;
  }

  /** 요청 줄과 헤더를 읽는다. 처리할 요청이 있으면 true, 아니면(오류 응답을 보냈거나 연결이 끝났으면) false. */
  async readRequest() {
    const raw = await this.rfile.readline(MAX_LINE + 1);
    if (raw.length > MAX_LINE) {
      this.requestline = '';
      this.requestVersion = '';
      this.command = '';
      this.sendError(414);
      return false;
    }
    if (raw.length === 0) {
      this.closeConnection = true;
      return false;
    }
    this.rawRequestline = raw;
    return this.parseRequest();
  }

  /** 메서드 이름으로 처리 함수를 고른다: 'GET' → doGET. 대소문자를 가리므로 'get' 이나 'BREW' 는 501. */
  async dispatch() {
    const method = this[`do${this.command}`];
    if (typeof method !== 'function') {
      this.sendError(501, `Unsupported method (${pyRepr(this.command)})`);
      return;
    }
    await method.call(this);
  }

  /**
   * 요청 줄과 헤더를 해석한다(파이썬 parse_request 를 옮김).
   * 실패하면 오류 응답을 이미 보낸 뒤 false 를 돌려준다.
   */
  async parseRequest() {
    this.command = null;
    this.requestVersion = this.defaultRequestVersion;
    this.closeConnection = true;
    const requestline = this.rawRequestline.toString('latin1').replace(/[\r\n]+$/, '');
    this.requestline = requestline;
    const words = requestline.split(WHITESPACE).filter(Boolean);
    if (words.length === 0) return false;

    if (words.length >= 3) {
      const version = words.at(-1);
      const numbers = version.startsWith('HTTP/') ? version.slice(5).split('.') : [];
      if (numbers.length !== 2 || numbers.some((n) => !/^\d{1,10}$/.test(n))) {
        this.sendError(400, `Bad request version (${pyRepr(version)})`);
        return false;
      }
      const [major, minor] = numbers.map(Number);
      if (
        (major > 1 || (major === 1 && minor >= 1)) &&
        this.protocolVersion >= 'HTTP/1.1'
      ) {
        this.closeConnection = false;
      }
      if (major >= 2) {
        this.sendError(505, `Invalid HTTP version (${version.slice(5)})`);
        return false;
      }
      this.requestVersion = version;
    }

    if (words.length < 2 || words.length > 3) {
      this.sendError(400, `Bad request syntax (${pyRepr(requestline)})`);
      return false;
    }
    const [command, target] = words;
    if (words.length === 2) {
      // HTTP/0.9 형식("GET /path"): GET 만 허용한다. 응답은 우리 쪽에서는 HTTP/1.0 형식 그대로 보낸다.
      this.closeConnection = true;
      if (command !== 'GET') {
        this.sendError(400, `Bad HTTP/0.9 request type (${pyRepr(command)})`);
        return false;
      }
    }
    // 요청 대상 안의 제어 문자(NUL 등)는 RFC 9112 문법에 없다. 파이썬은 NUL 에서 예외로 연결을 끊는다.
    if (/[\x00-\x1f\x7f]/.test(target)) {
      this.sendError(400, `Bad request target (${pyRepr(target)})`);
      return false;
    }
    this.command = command;
    this.path = normalizeTarget(target);

    const parsed = await this.#readHeaders();
    if (!parsed) return false;

    const conntype = this.headers.get('Connection', '').toLowerCase();
    if (conntype === 'close') {
      this.closeConnection = true;
    } else if (conntype === 'keep-alive' && this.protocolVersion >= 'HTTP/1.1') {
      this.closeConnection = false;
    }

    const expect = this.headers.get('Expect', '').toLowerCase();
    if (
      expect === '100-continue' &&
      this.protocolVersion >= 'HTTP/1.1' &&
      this.requestVersion >= 'HTTP/1.1'
    ) {
      return this.handleExpect100();
    }
    return true;
  }

  handleExpect100() {
    this.sendResponseOnly(100);
    this.endHeaders();
    return true;
  }

  async #readHeaders() {
    const lines = [];
    for (;;) {
      const line = await this.rfile.readline(MAX_LINE + 1);
      if (line.length > MAX_LINE) {
        this.sendError(
          431,
          'Line too long',
          `got more than ${MAX_LINE} bytes when reading header line`,
        );
        return false;
      }
      lines.push(line);
      // 파이썬처럼 끝의 빈 줄까지 세므로, 헤더 100 줄이면 이미 한도를 넘는다.
      if (lines.length > MAX_HEADERS) {
        this.sendError(431, 'Too many headers', `got more than ${MAX_HEADERS} headers`);
        return false;
      }
      if (line.length === 0 || isBlankLine(line)) break;
    }
    this.headers = new HTTPMessage();
    let previous = null;
    for (const raw of lines) {
      const line = raw.toString('latin1').replace(/\r?\n$/, '');
      if (line === '') break;
      const bad = () => {
        this.sendError(400, `Bad header line (${pyRepr(line.slice(0, 200))})`);
        return false;
      };
      // 헤더 값 안의 NUL 이나 홀로 있는 CR 은 요청 밀반입(smuggling)에 쓰이는 글자라 받지 않는다.
      if (/[\0\r]/.test(line)) return bad();
      if (line[0] === ' ' || line[0] === '\t') {
        // obs-fold(이전 헤더의 이어지는 줄): RFC 9112 §5.2 대로 공백 하나로 이어 붙인다.
        if (!previous) return bad();
        previous[1] = `${previous[1]} ${line.trim()}`;
        continue;
      }
      const colon = line.indexOf(':');
      const name = line.slice(0, colon);
      // 이름과 콜론 사이의 공백은 RFC 9112 §5.1 이 400 으로 거절하라고 한다.
      if (colon <= 0 || !TOKEN.test(name)) return bad();
      previous = [name, line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '')];
      this.headers.append(...previous);
    }
    return true;
  }

  /**
   * 오류 응답을 보내고 기록한다. 파이썬과 달리 요청 줄이 망가진 경우에도
   * 언제나 상태 줄과 헤더를 붙인다(파이썬은 이때 HTML 본문만 보낸다).
   */
  sendError(code, message, explain) {
    const [shortMessage, longMessage] = HTTP_STATUS[code] ?? ['???', '???'];
    message ??= shortMessage;
    explain ??= longMessage;
    this.logError(`code ${code}, message ${message}`);
    this.sendResponse(code, message);
    this.sendHeader('Connection', 'close');
    let body = null;
    // 1xx, 204, 205, 304 에는 본문이 없다(RFC 9110).
    if (code >= 200 && ![204, 205, 304].includes(code)) {
      const values = {
        code,
        message: htmlEscapeText(message),
        explain: htmlEscapeText(explain),
      };
      const html = this.errorMessageFormat.replace(/%\((\w+)\)[ds]/g, (_, key) =>
        String(values[key]),
      );
      body = Buffer.from(html, 'utf8');
      this.sendHeader('Content-Type', this.errorContentType);
      this.sendHeader('Content-Length', String(body.length));
    }
    this.endHeaders();
    if (this.command !== 'HEAD' && body) this.wfile.write(body);
  }

  /** 상태 줄과 Server, Date 헤더를 버퍼에 넣고 요청을 기록한다. */
  sendResponse(code, message) {
    this.logRequest(code);
    this.sendResponseOnly(code, message);
    this.sendHeader('Server', this.versionString());
    this.sendHeader('Date', this.dateTimeString());
  }

  sendResponseOnly(code, message) {
    message ??= reasonPhrase(code);
    // 이유 문구에는 보이는 latin-1 글자만 쓴다. 그렇지 않으면 표준 문구로 바꾼다.
    if (!/^[\t\x20-\x7e\x80-\xff]*$/.test(message)) message = reasonPhrase(code);
    this.#headersBuffer.push(`${this.protocolVersion} ${code} ${message}\r\n`);
  }

  sendHeader(keyword, value) {
    const name = String(keyword);
    const text = String(value);
    // 값에 CR/LF 가 들어가면 응답에 헤더를 끼워 넣을 수 있다(header injection). 파이썬은 막지 않는다.
    if (/[\r\n\0]/.test(name + text)) {
      throw new TypeError(`invalid header ${JSON.stringify(name)}`);
    }
    if (/[^\x00-\xff]/.test(name + text)) {
      throw new TypeError(`header ${name} is not latin-1 text`);
    }
    this.#headersBuffer.push(`${name}: ${text}\r\n`);
    if (name.toLowerCase() === 'connection') {
      if (text.toLowerCase() === 'close') this.closeConnection = true;
      else if (text.toLowerCase() === 'keep-alive') this.closeConnection = false;
    }
  }

  endHeaders() {
    this.#headersBuffer.push('\r\n');
    this.flushHeaders();
  }

  flushHeaders() {
    if (this.#headersBuffer.length === 0) return;
    this.#send(Buffer.from(this.#headersBuffer.join(''), 'latin1'));
    this.#headersBuffer = [];
  }

  #send(bytes) {
    if (bytes.length === 0 || this.socket.destroyed) return false;
    this.#bytesSent += bytes.length;
    return this.socket.write(bytes);
  }

  logRequest(code = '-', size = '-') {
    this.logMessage(`"${this.requestline}" ${code} ${size}`);
  }

  logError(message) {
    this.logMessage(message);
  }

  /** "127.0.0.1 - - [24/Nov/2025 05:44:00] 메시지" 형식으로 stderr 에 쓴다. 제어 문자는 \xHH 로 바꾼다. */
  logMessage(message) {
    this.server.log(
      `${this.addressString()} - - [${this.logDateTimeString()}] ${escapeControl(message)}\n`,
    );
  }

  versionString() {
    return `${this.serverVersion} ${this.sysVersion}`;
  }

  /** HTTP 날짜(IMF-fixdate): "Mon, 24 Nov 2025 05:44:00 GMT". */
  dateTimeString(timestamp = Date.now()) {
    return new Date(timestamp).toUTCString();
  }

  logDateTimeString() {
    const now = new Date();
    return (
      `${pad(now.getDate())}/${MONTHS[now.getMonth()]}/${pad(now.getFullYear(), 4)} ` +
      `${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`
    );
  }

  addressString() {
    return this.clientAddress[0];
  }

  /** 처리 중 예상하지 못한 예외. 파이썬은 연결을 그냥 끊지만 우리는 아직 아무것도 안 보냈다면 500 으로 답한다. */
  handleError(err) {
    const [host, port] = this.clientAddress;
    this.server.log(
      `${'-'.repeat(40)}\nException occurred during processing of request from ('${host}', ${port})\n` +
        `${escapeControl(String(err?.stack ?? err)).replaceAll('\\x0a', '\n')}\n${'-'.repeat(40)}\n`,
    );
    if (this.responseStarted || this.socket.destroyed) return;
    try {
      this.closeConnection = true;
      this.#headersBuffer = [];
      this.sendError(500);
    } catch {
      // 오류 응답조차 못 보내면 연결을 닫는 것으로 끝낸다.
    }
  }

  /** 응답을 마치고 연결을 정리한다. */
  finish() {
    this.flushHeaders();
    if (this.socket.destroyed) return;
    this.socket.end();
    // 남은 입력을 버리며 잠시 기다렸다가 닫는다(lingering close).
    this.rfile.discard();
    const timer = setTimeout(() => this.socket.destroy(), LINGER_MS);
    timer.unref();
    this.socket.once('close', () => clearTimeout(timer));
  }

  #onIdle() {
    // 요청을 기다리는데 오지 않거나, 보낸 응답을 클라이언트가 읽어 가지 않으면 끊는다.
    // 핸들러가 오래 계산하는 중이라면(둘 다 아니면) 기다린다.
    if (this.rfile.waiting) {
      this.rfile.fail(new RequestTimeout('connection idle for too long'));
    } else if (this.socket.writableLength > 0) {
      this.socket.destroy();
    }
  }
}

function isBlankLine(line) {
  return (
    (line.length === 1 && line[0] === 0x0a) ||
    (line.length === 2 && line[0] === 0x0d && line[1] === 0x0a)
  );
}

function htmlEscapeText(text) {
  return String(text)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}

/**
 * 요청 대상을 origin-form 경로로 정리한다.
 * - absolute-form("http://host/path")은 경로 부분만 쓴다(RFC 9112 §3.2.2: 서버는 받아들여야 한다).
 * - 맨 앞의 "//" 를 "/" 로 줄인다(CVE-2021-28861). 브라우저가 "/\\" 도 "//" 처럼 다루므로 그것도 줄인다.
 */
export function normalizeTarget(target) {
  let path = target;
  const absolute = ABSOLUTE_FORM.exec(path);
  if (absolute) path = path.slice(absolute[0].length) || '/';
  if (!path.startsWith('/') && absolute) path = `/${path}`;
  if (/^[/\\]{2}/.test(path)) path = `/${path.replace(/^[/\\]+/, '')}`;
  return path;
}

/**
 * 파이썬 HTTPServer 에 해당한다: 주소에 바인드하고, 연결마다 핸들러 객체를 하나 만든다.
 * 파이썬의 ThreadingHTTPServer 처럼 여러 연결을 동시에 처리한다(스레드 대신 이벤트 루프).
 */
export class HTTPServer {
  #nameLookup = Promise.resolve();

  /**
   * @param {[string, number]} serverAddress [호스트, 포트]. 호스트 '' 는 파이썬처럼 모든 IPv4 주소(0.0.0.0).
   * @param {typeof BaseHTTPRequestHandler} RequestHandlerClass
   * @param {{ directory?: string, protocol?: string, timeout?: number, cgiTimeout?: number, maxConnections?: number, cgiLimit?: number, log?: (line: string) => void }} [options]
   *   protocol: 응답의 HTTP 버전(기본은 핸들러의 'HTTP/1.0'). 'HTTP/1.1' 이면 연결을 이어 쓴다(keep-alive).
   *   timeout: 요청 헤더를 받는 시간 한도이자 유휴 한도(ms, 기본 30000).
   *   cgiTimeout: CGI 스크립트 한 번의 시간 한도(ms, 기본 30000).
   *   maxConnections: 동시에 열린 연결의 한도(기본 1000). cgiLimit: 동시에 도는 CGI 스크립트의 한도(기본 32).
   */
  constructor(serverAddress, RequestHandlerClass, options = {}) {
    const [host, port] = serverAddress;
    this.RequestHandlerClass = RequestHandlerClass;
    this.options = options;
    this.timeout = options.timeout ?? 30_000;
    this.log = options.log ?? ((line) => process.stderr.write(line));
    this.connections = new Set();
    /** 실행 중인 CGI 자식 프로세스들. 서버를 닫을 때 함께 정리한다. */
    this.children = new Set();
    // allowHalfOpen: 요청을 다 보낸 뒤 자기 쪽 쓰기만 닫는 클라이언트(`nc -N`, shutdown(SHUT_WR))에게도
    // 응답을 끝까지 보낸다. 기본값(false)이면 Node 가 그 순간 우리 쪽도 닫아 버려 응답이 사라진다.
    this.socket = net.createServer({ allowHalfOpen: true }, (socket) =>
      this.#processRequest(socket),
    );
    // 동시에 열어 둘 연결의 한도. 넘으면 새 연결은 받자마자 닫는다(파일 기술자가 바닥나지 않게).
    this.socket.maxConnections = options.maxConnections ?? 1000;
    this.serverAddress = [host, port];
    this.serverPort = port;
    this.serverName = host;
    this.ready = this.#bind(host === '' ? '0.0.0.0' : host, port);
    // ready 를 아무도 기다리지 않을 때 처리되지 않은 거부(unhandled rejection)가 되지 않게 한다.
    this.ready.catch(() => {});
  }

  async #bind(host, port) {
    await new Promise((resolve, reject) => {
      this.socket.once('error', reject);
      this.socket.listen({ host, port }, () => {
        this.socket.off('error', reject);
        resolve();
      });
    });
    const address = this.socket.address();
    this.serverAddress = [address.address, address.port];
    this.serverPort = address.port;
    // 이름 조회는 배너를 늦추지 않도록 뒤에서 한다. 쓰는 쪽은 getServerName() 을 기다린다.
    this.#nameLookup = fqdn(address.address).then((name) => (this.serverName = name));
  }

  /** 바인드한 주소의 호스트 이름(CGI 의 SERVER_NAME, WSGI 의 SERVER_NAME). */
  async getServerName() {
    await this.ready;
    await this.#nameLookup;
    return this.serverName;
  }

  #processRequest(socket) {
    // 헤더와 본문을 따로 쓰므로, Nagle 알고리즘이 둘째 조각을 붙잡지 않게 한다(keep-alive 에서 요청마다 40 ms).
    socket.setNoDelay(true);
    this.connections.add(socket);
    socket.once('close', () => this.connections.delete(socket));
    const handler = new this.RequestHandlerClass(socket, this);
    handler.handle().catch((err) => {
      this.log(`unexpected error: ${escapeControl(String(err?.stack ?? err))}\n`);
      socket.destroy();
    });
  }

  /** 서버가 닫힐 때까지 요청을 처리한다(파이썬 serve_forever). */
  async serveForever() {
    await this.ready;
    if (this.socket.listening) await once(this.socket, 'close');
  }

  /** 새 연결을 그만 받고, 실행 중인 CGI 를 끝내고, 열린 연결을 닫는다. */
  async close() {
    await this.ready.catch(() => {});
    for (const kill of this.children) kill();
    for (const socket of this.connections) socket.destroy();
    if (this.socket.listening) {
      await new Promise((resolve) => this.socket.close(() => resolve()));
    }
  }

  shutdown() {
    return this.close();
  }
}

/** 파이썬과 이름을 맞춘 별칭. Node 는 스레드 없이도 연결 여러 개를 동시에 처리한다. */
export const ThreadingHTTPServer = HTTPServer;

/** socket.getfqdn() 흉내: 바인드한 주소의 호스트 이름(127.0.0.1 → localhost). CGI 의 SERVER_NAME 이 된다. */
async function fqdn(address) {
  const wildcard = address === '0.0.0.0' || address === '::';
  try {
    const lookup = dns.lookupService(wildcard ? '127.0.0.1' : address, 80);
    const timeout = new Promise((_, reject) =>
      setTimeout(() => reject(new Error('timeout')), 1000).unref(),
    );
    const { hostname } = await Promise.race([lookup, timeout]);
    return hostname;
  } catch {
    // 브라우저 안의 Node(WebContainer)처럼 역방향 조회를 못 하는 곳에서는 주소를 그대로 쓴다.
    return wildcard ? os.hostname() : address;
  }
}
