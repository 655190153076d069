// wsgiref.simple_server 를 Node 로 옮긴 것: WSGI(PEP 3333) 규약을 따르는 애플리케이션을 돌리는 참조 서버.
//
//   const httpd = makeServer('127.0.0.1', 8000, demoApp);
//   await httpd.serveForever();
//
// JS 에 맞춘 선택(책의 차이점 표에도 있다):
// - environ 은 평범한 객체, wsgi.version 은 [1, 0] 배열, excInfo 는 Error 객체다.
// - 앱은 바이트 조각(Buffer/Uint8Array)의 이터러블을 돌려준다: 배열, 제너레이터, 비동기 이터러블(async function*),
//   또는 그것을 돌려주는 Promise. 문자열 조각은 PEP 3333 대로 허용하지 않는다(500).
// - wsgi.input 의 read(n)/readline()/readlines() 는 Promise 를 돌려주고, for await 로 줄 단위로 읽을 수 있다.
//   CONTENT_LENGTH 를 넘어서 읽지 않는다(넘으면 빈 Buffer = EOF).
import { AssertionError } from 'node:assert';
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { inspect } from 'node:util';
import { BaseHTTPRequestHandler, HTTPServer } from './http-server/base.mjs';
import { pyRepr, unquoteLatin1 } from './http-server/text.mjs';

export { validator } from './wsgiref-validate.mjs';

// 애플리케이션이 보내면 안 되는 hop-by-hop 헤더(PEP 3333: 서버의 몫이다).
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailers',
  'transfer-encoding',
  'upgrade',
]);

/** 파이썬의 assert 문처럼: 조건이 거짓이면 AssertionError. 서버는 이것을 500 으로 바꾼다. */
function check(condition, message) {
  if (!condition) throw new AssertionError({ message });
}

/** 클라이언트가 연결을 끊었을 때. 오류 응답을 보낼 곳이 없으므로 조용히 끝낸다. */
class ClientDisconnected extends Error {
  name = 'ClientDisconnected';
}

/** wsgi.input: 요청 본문을 CONTENT_LENGTH 바이트까지만 읽게 해 주는 스트림. */
export class InputStream {
  #reader;
  #remaining;

  constructor(reader, contentLength) {
    this.#reader = reader;
    this.#remaining = contentLength;
  }

  /** 최대 size 바이트(생략하면 남은 전부). 끝이면 빈 Buffer. */
  async read(size = -1) {
    const want =
      size === null || size < 0 ? this.#remaining : Math.min(size, this.#remaining);
    if (want <= 0) return Buffer.alloc(0);
    const chunk = await this.#reader.read(want);
    this.#remaining -= chunk.length;
    return chunk;
  }

  /** '\n' 까지 한 줄(최대 size 바이트). */
  async readline(size = -1) {
    const limit = Math.min(size === null || size < 0 ? Infinity : size, this.#remaining);
    if (limit <= 0) return Buffer.alloc(0);
    const line = await this.#reader.readline(limit);
    this.#remaining -= line.length;
    return line;
  }

  async readlines(hint = -1) {
    const lines = [];
    let total = 0;
    for (;;) {
      const line = await this.readline();
      if (line.length === 0) return lines;
      lines.push(line);
      total += line.length;
      if (hint > 0 && total >= hint) return lines;
    }
  }

  async *[Symbol.asyncIterator]() {
    for (;;) {
      const line = await this.readline();
      if (line.length === 0) return;
      yield line;
    }
  }
}

/** wsgi.errors: 애플리케이션이 남기는 오류 기록(텍스트)을 서버의 stderr 로. */
export const errorStream = {
  write: (text) => void process.stderr.write(String(text)),
  writelines(lines) {
    for (const line of lines) this.write(line);
  },
  flush() {},
};

/** wsgi.file_wrapper: read(size) 를 가진 파일 같은 객체를 blockSize 바이트씩 보내는 이터러블. */
export class FileWrapper {
  constructor(filelike, blockSize = 8192) {
    this.filelike = filelike;
    this.blockSize = blockSize;
  }

  async *[Symbol.asyncIterator]() {
    for (;;) {
      const data = await this.filelike.read(this.blockSize);
      // fs.promises 의 FileHandle.read() 는 { bytesRead, buffer } 를 돌려준다.
      const chunk = Buffer.isBuffer(data)
        ? data
        : data.buffer.subarray(0, data.bytesRead);
      if (chunk.length === 0) return;
      yield chunk;
    }
  }

  async close() {
    await this.filelike.close?.();
  }
}

/** 애플리케이션이 돌려준 이터러블을 닫는다: close() 가 있으면 그것을, 제너레이터면 return() 을 부른다. */
export async function closeIterable(result) {
  if (result == null) return;
  if (typeof result.close === 'function') await result.close();
  else if (typeof result.return === 'function') await result.return();
}

/**
 * 요청 하나에 대해 애플리케이션을 부르고 응답을 쓴다(파이썬 wsgiref.handlers.BaseHandler/SimpleHandler).
 * 헤더는 첫 본문 조각을 쓸 때(또는 본문이 끝날 때) 보낸다.
 */
export class ServerHandler {
  wsgiVersion = [1, 0];
  wsgiRunOnce = false;
  httpVersion = '1.0';
  serverSoftware = `WSGIServer/0.2 Node.js/${process.versions.node}`;
  errorStatus = '500 Internal Server Error';
  errorHeaders = [['Content-Type', 'text/plain']];
  errorBody = Buffer.from('A server error occurred.  Please contact the administrator.');

  status = null;
  headers = null;
  headersSent = false;
  bytesSent = 0;
  result = null;

  constructor({
    stdin,
    socket,
    stderr,
    environ,
    multithread = true,
    multiprocess = true,
    requestHandler,
  }) {
    this.stdin = stdin;
    this.socket = socket;
    this.stderr = stderr;
    this.baseEnv = environ;
    this.wsgiMultithread = multithread;
    this.wsgiMultiprocess = multiprocess;
    this.requestHandler = requestHandler;
  }

  async run(application) {
    try {
      this.setupEnviron();
      this.result = await application(this.environ, this.startResponse);
      await this.finishResponse();
    } catch (err) {
      if (err instanceof ClientDisconnected) return;
      try {
        await this.handleError(err);
      } catch (again) {
        // 오류를 처리하다 또 오류가 나면 포기하고 연결을 닫는다.
        await this.close();
        throw again;
      }
    }
  }

  setupEnviron() {
    // 파이썬은 os.environ 전체를 복사해 넣는다(demo_app 이 서버의 환경 변수를 모두 보여 주는 이유).
    // 우리는 요청에서 온 값과 wsgi.* 만 넣는다.
    const env = { ...this.baseEnv };
    env['wsgi.input'] = this.stdin;
    env['wsgi.errors'] = this.stderr;
    env['wsgi.version'] = this.wsgiVersion;
    env['wsgi.run_once'] = this.wsgiRunOnce;
    env['wsgi.url_scheme'] = 'http';
    env['wsgi.multithread'] = this.wsgiMultithread;
    env['wsgi.multiprocess'] = this.wsgiMultiprocess;
    env['wsgi.file_wrapper'] = FileWrapper;
    env.SERVER_SOFTWARE ??= this.serverSoftware;
    this.environ = env;
  }

  /**
   * 애플리케이션에 넘기는 start_response(status, headers, excInfo).
   * 한 번만 부를 수 있다. 단, excInfo(잡은 Error)와 함께라면 헤더를 보내기 전까지 바꿀 수 있고,
   * 이미 보낸 뒤라면 그 예외를 다시 던진다. 본문을 쓰는 write() 를 돌려준다.
   */
  startResponse = (status, headers, excInfo = null) => {
    if (excInfo) {
      if (this.headersSent) throw excInfo;
    } else if (this.headers !== null) {
      throw new AssertionError({ message: 'Headers already set!' });
    }
    this.status = status;
    // 애플리케이션의 배열을 고치지 않도록(Content-Length 를 덧붙이므로) 복사해 둔다.
    this.headers = Array.isArray(headers)
      ? headers.map((pair) => (Array.isArray(pair) ? [...pair] : pair))
      : headers;
    check(
      typeof status === 'string',
      `Status must be of type str (got ${inspect(status)})`,
    );
    check(status.length >= 4, 'Status must be at least 4 characters');
    check(/^\d{3}$/.test(status.slice(0, 3)), 'Status message must begin w/3-digit code');
    check(status[3] === ' ', 'Status message must have a space after code');
    check(Array.isArray(headers), 'Headers must be a list of name/value tuples');
    for (const pair of headers) {
      check(
        Array.isArray(pair) && pair.length === 2,
        `Header must be a [name, value] pair (got ${inspect(pair)})`,
      );
      const [name, value] = pair;
      check(
        typeof name === 'string',
        `Header name must be of type str (got ${inspect(name)})`,
      );
      check(
        typeof value === 'string',
        `Header value must be of type str (got ${inspect(value)})`,
      );
      check(
        !HOP_BY_HOP.has(name.toLowerCase()),
        `Hop-by-hop header, '${name}: ${value}', not allowed`,
      );
      // 줄바꿈이 든 헤더는 응답에 다른 헤더를 끼워 넣는다(파이썬은 검사하지 않는다).
      check(
        !/[\r\n\0]/.test(name + value),
        `Header contains CR, LF or NUL: ${pyRepr(`${name}: ${value}`)}`,
      );
      check(
        !/[^\x00-\xff]/.test(name + value),
        `Header is not latin-1 text: ${pyRepr(name)}`,
      );
    }
    check(!/[\r\n\0]/.test(status), 'Status contains CR, LF or NUL');
    return this.write;
  };

  /** 본문 조각을 쓴다(start_response 가 돌려주는 write 이기도 하다). bytes 만 받는다. */
  write = (data) => {
    check(data instanceof Uint8Array, 'write() argument must be a bytes instance');
    if (!this.status) {
      throw new AssertionError({ message: 'write() before start_response()' });
    }
    if (!this.headersSent) {
      this.bytesSent = data.length;
      this.sendHeaders();
    } else {
      this.bytesSent += data.length;
    }
    // HEAD 요청에는 본문을 보내지 않는다(RFC 9110 §9.3.2). 파이썬 wsgiref 는 보낸다.
    if (this.environ?.REQUEST_METHOD !== 'HEAD') this.#output(data);
  };

  async finishResponse() {
    try {
      const result = this.result;
      if (result != null && typeof result[Symbol.asyncIterator] === 'function') {
        for await (const data of result) await this.#writeChunk(data);
      } else if (result != null && typeof result[Symbol.iterator] === 'function') {
        for (const data of result) await this.#writeChunk(data);
      } else {
        throw new TypeError(
          `the application must return an iterable of bytes, not ${inspect(result)}`,
        );
      }
      this.finishContent();
    } catch (err) {
      // 예외가 나도 애플리케이션의 이터러블은 반드시 닫는다(PEP 3333).
      await closeIterable(this.result);
      throw err;
    }
    await this.close();
  }

  async #writeChunk(data) {
    this.write(data);
    if (this.socket.writableNeedDrain) {
      await new Promise((resolve) => {
        const done = () => {
          this.socket.off('drain', done);
          this.socket.off('close', done);
          resolve();
        };
        this.socket.on('drain', done);
        this.socket.on('close', done);
      });
    }
  }

  finishContent() {
    if (this.headersSent) return;
    check(this.headers !== null, 'the application never called start_response()');
    if (!hasHeader(this.headers, 'Content-Length')) {
      this.headers.push(['Content-Length', '0']);
    }
    this.sendHeaders();
  }

  sendHeaders() {
    this.cleanupHeaders();
    this.headersSent = true;
    this.sendPreamble();
    const lines = this.headers.map(([name, value]) => `${name}: ${value}\r\n`).join('');
    this.#output(Buffer.from(`${lines}\r\n`, 'latin1'));
  }

  /** 본문이 조각 하나짜리 배열이면 길이를 알 수 있으므로 Content-Length 를 붙인다. */
  cleanupHeaders() {
    if (hasHeader(this.headers, 'Content-Length')) return;
    if (Array.isArray(this.result) && this.result.length === 1) {
      this.headers.push(['Content-Length', String(this.bytesSent)]);
    }
  }

  /** 상태 줄, 그리고 Date 와 Server(파이썬 wsgiref 는 http.server 와 반대로 Date 가 먼저다). */
  sendPreamble() {
    let preamble = `HTTP/${this.httpVersion} ${this.status}\r\n`;
    if (!hasHeader(this.headers, 'Date')) {
      preamble += `Date: ${new Date().toUTCString()}\r\n`;
    }
    if (!hasHeader(this.headers, 'Server')) {
      preamble += `Server: ${this.serverSoftware}\r\n`;
    }
    this.#output(Buffer.from(preamble, 'latin1'));
  }

  #output(bytes) {
    if (this.socket.destroyed) {
      throw new ClientDisconnected('client closed the connection');
    }
    this.socket.write(bytes);
  }

  async handleError(err) {
    this.logException(err);
    if (this.headersSent) return;
    this.result = this.errorOutput(this.environ, this.startResponse, err);
    await this.finishResponse();
  }

  logException(err) {
    this.stderr.write(`${err?.stack ?? err}\n`);
  }

  errorOutput(environ, startResponse, err) {
    startResponse(
      this.errorStatus,
      [...this.errorHeaders],
      err instanceof Error ? err : new Error(String(err)),
    );
    return [this.errorBody];
  }

  async close() {
    try {
      await closeIterable(this.result);
    } finally {
      this.requestHandler?.logRequest(
        String(this.status ?? '').split(' ')[0] || '-',
        this.bytesSent,
      );
      this.result = null;
      this.headers = null;
      this.status = null;
      this.environ = null;
      this.bytesSent = 0;
      this.headersSent = false;
    }
  }
}

function hasHeader(headers, name) {
  const lower = name.toLowerCase();
  return headers.some(([key]) => key.toLowerCase() === lower);
}

/** 연결마다 요청 하나를 읽어 environ 을 만들고 ServerHandler 로 애플리케이션을 부른다. */
export class WSGIRequestHandler extends BaseHTTPRequestHandler {
  serverVersion = 'WSGIServer/0.2';

  async getEnviron() {
    const env = await this.server.baseEnviron();
    // WSGI 의 SERVER_PROTOCOL 은 요청의 버전이다(http.server 의 CGI 와 다르다).
    env.SERVER_PROTOCOL = this.requestVersion;
    env.SERVER_SOFTWARE = this.serverVersion;
    env.REQUEST_METHOD = this.command;
    const question = this.path.indexOf('?');
    const path = question >= 0 ? this.path.slice(0, question) : this.path;
    // PEP 3333 의 "native string": 디코딩한 바이트를 latin-1 글자로 둔다.
    env.PATH_INFO = unquoteLatin1(path);
    env.QUERY_STRING = question >= 0 ? this.path.slice(question + 1) : '';
    env.REMOTE_ADDR = this.clientAddress[0];
    env.CONTENT_TYPE = this.headers.get('Content-Type') ?? 'text/plain';
    const length = this.headers.get('Content-Length');
    if (length) env.CONTENT_LENGTH = length;
    for (const [name, rawValue] of this.headers) {
      const key = name.replaceAll('-', '_').toUpperCase();
      const value = rawValue.trim();
      if (key in env) continue; // CONTENT_TYPE, CONTENT_LENGTH 는 이미 있다
      const httpKey = `HTTP_${key}`;
      env[httpKey] = httpKey in env ? `${env[httpKey]},${value}` : value;
    }
    return env;
  }

  getStderr() {
    return errorStream;
  }

  /** 파이썬 wsgiref 처럼 연결 하나에 요청 하나만 처리한다. */
  async dispatch() {
    this.closeConnection = true;
    const declared = this.headers.get('Content-Length') ?? '';
    const length = /^\d{1,15}$/.test(declared) ? Number(declared) : 0;
    const handler = new ServerHandler({
      stdin: new InputStream(this.rfile, length),
      socket: this.socket,
      stderr: this.getStderr(),
      environ: await this.getEnviron(),
      multithread: false,
      requestHandler: this,
    });
    await handler.run(this.server.getApp());
  }
}

/** WSGI 서버: HTTPServer 에 애플리케이션 하나와 기본 environ 을 더한 것. */
export class WSGIServer extends HTTPServer {
  application = null;

  constructor(serverAddress, RequestHandlerClass = WSGIRequestHandler, options = {}) {
    super(serverAddress, RequestHandlerClass, options);
  }

  /** 모든 요청에 공통인 CGI 변수. */
  async baseEnviron() {
    return {
      SERVER_NAME: await this.getServerName(),
      GATEWAY_INTERFACE: 'CGI/1.1',
      SERVER_PORT: String(this.serverPort),
      REMOTE_HOST: '',
      CONTENT_LENGTH: '',
      SCRIPT_NAME: '',
    };
  }

  setApp(application) {
    this.application = application;
  }

  getApp() {
    return this.application;
  }
}

/**
 * host:port 에서 app 을 돌리는 서버를 만든다(파이썬 make_server). 바로 듣기 시작하며,
 * 포트 0 을 주었다면 await server.ready 뒤 server.serverPort 로 실제 포트를 알 수 있다.
 */
export function makeServer(
  host,
  port,
  app,
  { serverClass = WSGIServer, handlerClass = WSGIRequestHandler, ...options } = {},
) {
  const server = new serverClass([host, port], handlerClass, options);
  server.setApp(app);
  return server;
}

/** 파이썬 demo_app: "Hello world!" 와 environ 의 모든 키를 정렬해 보여 준다. */
export function demoApp(environ, startResponse) {
  const lines = ['Hello world!', ''];
  for (const key of Object.keys(environ).sort()) {
    const value = environ[key];
    const shown =
      typeof value === 'string'
        ? pyRepr(value)
        : inspect(value, { depth: 0, breakLength: Infinity });
    lines.push(`${key} = ${shown}`);
  }
  startResponse('200 OK', [['Content-Type', 'text/plain; charset=utf-8']]);
  return [Buffer.from(`${lines.join('\n')}\n`, 'utf8')];
}

function isMain() {
  try {
    return import.meta.url === pathToFileURL(realpathSync(process.argv[1] ?? '')).href;
  } catch {
    return false;
  }
}

// node wsgiref.mjs [PORT]: demoApp 을 돌린다(python -m wsgiref.simple_server 처럼).
if (isMain()) {
  const port = Number(process.argv[2] ?? process.env.PORT ?? 8000);
  const httpd = makeServer('127.0.0.1', port, demoApp);
  await httpd.ready;
  const [host, boundPort] = httpd.serverAddress;
  process.stdout.write(`Serving HTTP on ${host} port ${boundPort} ...\n`);
  process.once('SIGINT', () => httpd.close().then(() => process.exit(0)));
  process.once('SIGTERM', () => httpd.close().then(() => process.exit(0)));
  await httpd.serveForever();
}
