// wsgiref.validate 를 옮긴 것: 애플리케이션을 감싸서 WSGI(PEP 3333) 규약을 어기는 순간 AssertionError 를 던진다.
//
//   const app = validator(myApp);   // 개발하는 동안만 감싸 둔다
//
// 서버 쪽도(environ, wsgi.input, wsgi.errors) 함께 검사한다. 규약 위반은 서버가 500 으로 바꾸고 stderr 에 기록한다.
import { AssertionError } from 'node:assert';
import { inspect } from 'node:util';

const show = (value) => inspect(value, { depth: 1, breakLength: Infinity });

function check(condition, message) {
  if (!condition) throw new AssertionError({ message });
}

/** 규약 위반은 아니지만 의심스러운 것(파이썬의 WSGIWarning). */
function warn(message) {
  process.emitWarning(message, 'WSGIWarning');
}

const isBytes = (value) => value instanceof Uint8Array;

// 닫지 않고 버려진 응답 이터러블을 알린다(파이썬은 __del__ 에서 같은 말을 찍는다).
const unclosed = new FinalizationRegistry(() => {
  process.stderr.write('Iterator garbage collected without being closed\n');
});

/** 애플리케이션을 검사기로 감싼다. */
export function validator(application) {
  return function lintApp(...args) {
    check(args.length === 2, 'Two arguments required');
    const [environ, startResponse] = args;
    checkEnviron(environ);
    // 애플리케이션이 start_response 를 부르지 않고 본문을 내놓는지 보려고 쓴다.
    const startResponseStarted = [];

    function startResponseWrapper(...srArgs) {
      check(
        srArgs.length === 2 || srArgs.length === 3,
        `Invalid number of arguments: ${show(srArgs)}`,
      );
      const [status, headers, excInfo = null] = srArgs;
      checkStatus(status);
      checkHeaders(headers);
      checkContentType(status, headers);
      checkExcInfo(excInfo);
      startResponseStarted.push(null);
      return writeWrapper(startResponse(...srArgs));
    }

    environ['wsgi.input'] = new InputWrapper(environ['wsgi.input']);
    environ['wsgi.errors'] = new ErrorWrapper(environ['wsgi.errors']);

    const finish = (iterator) => {
      check(
        iterator !== null && iterator !== undefined && iterator !== false,
        'The application must return an iterator, if only an empty list',
      );
      checkIterator(iterator);
      return new IteratorWrapper(iterator, startResponseStarted);
    };
    const result = application(environ, startResponseWrapper);
    // async 애플리케이션은 Promise 를 돌려준다.
    return typeof result?.then === 'function' ? result.then(finish) : finish(result);
  };
}

class InputWrapper {
  constructor(input) {
    this.input = input;
  }

  // 파이썬 검사기는 read() 에 인자를 꼭 하나 요구하지만, PEP 3333 은 인자 없는 read() 도 허용한다.
  async read(...args) {
    check(
      args.length <= 1,
      `wsgi.input.read() takes at most one argument (got ${args.length})`,
    );
    const value = await this.input.read(...args);
    check(isBytes(value), `wsgi.input.read() must return bytes (got ${show(value)})`);
    return value;
  }

  async readline(...args) {
    check(
      args.length <= 1,
      `wsgi.input.readline() takes at most one argument (got ${args.length})`,
    );
    const value = await this.input.readline(...args);
    check(isBytes(value), `wsgi.input.readline() must return bytes (got ${show(value)})`);
    return value;
  }

  async readlines(...args) {
    check(
      args.length <= 1,
      `wsgi.input.readlines() takes at most one argument (got ${args.length})`,
    );
    const lines = await this.input.readlines(...args);
    check(Array.isArray(lines), 'wsgi.input.readlines() must return a list');
    for (const line of lines) {
      check(isBytes(line), 'wsgi.input.readlines() must return bytes lines');
    }
    return lines;
  }

  async *[Symbol.asyncIterator]() {
    for (;;) {
      const line = await this.readline();
      if (line.length === 0) return;
      yield line;
    }
  }

  close() {
    check(false, 'input.close() must not be called');
  }
}

class ErrorWrapper {
  constructor(errors) {
    this.errors = errors;
  }

  write(text) {
    check(
      typeof text === 'string',
      `wsgi.errors.write() takes a str (got ${show(text)})`,
    );
    this.errors.write(text);
  }

  writelines(lines) {
    for (const line of lines) this.write(line);
  }

  flush() {
    this.errors.flush();
  }

  close() {
    check(false, 'errors.close() must not be called');
  }
}

function writeWrapper(write) {
  return (data) => {
    check(isBytes(data), `write() argument must be bytes (got ${show(data)})`);
    write(data);
  };
}

/** 본문 이터러블을 감싸서 조각마다 검사한다. 서버는 언제나 for await 로 읽으므로 비동기 이터레이터로 만든다. */
class IteratorWrapper {
  #original;
  #iterator;
  #checkStartResponse;
  closed = false;

  constructor(original, startResponseStarted) {
    this.#original = original;
    this.#iterator =
      typeof original[Symbol.asyncIterator] === 'function'
        ? original[Symbol.asyncIterator]()
        : original[Symbol.iterator]();
    this.#checkStartResponse = startResponseStarted;
    unclosed.register(this, null, this);
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  async next() {
    check(!this.closed, 'Iterator read after closed');
    const step = await this.#iterator.next();
    if (step.done) return step;
    check(isBytes(step.value), `Iterator yielded non-bytestring (${show(step.value)})`);
    if (this.#checkStartResponse !== null) {
      check(
        this.#checkStartResponse.length > 0,
        'The application returns and we started iterating over its body, but start_response has not yet been called',
      );
      this.#checkStartResponse = null;
    }
    return step;
  }

  async close() {
    this.closed = true;
    unclosed.unregister(this);
    if (typeof this.#original.close === 'function') await this.#original.close();
    else if (typeof this.#original.return === 'function') await this.#original.return();
  }
}

const REQUIRED_KEYS = [
  'REQUEST_METHOD',
  'SERVER_NAME',
  'SERVER_PORT',
  'wsgi.version',
  'wsgi.input',
  'wsgi.errors',
  'wsgi.multithread',
  'wsgi.multiprocess',
  'wsgi.run_once',
];
const KNOWN_METHODS = [
  'GET',
  'HEAD',
  'POST',
  'OPTIONS',
  'PATCH',
  'PUT',
  'DELETE',
  'TRACE',
];

function checkEnviron(environ) {
  check(
    environ !== null &&
      typeof environ === 'object' &&
      Object.getPrototypeOf(environ) === Object.prototype,
    `Environment is not of the right type: ${show(environ)}`,
  );
  for (const key of REQUIRED_KEYS) {
    check(key in environ, `Environment missing required key: '${key}'`);
  }
  for (const key of ['HTTP_CONTENT_TYPE', 'HTTP_CONTENT_LENGTH']) {
    check(
      !(key in environ),
      `Environment should not have the key: ${key} (use ${key.slice(5)} instead)`,
    );
  }
  if (!('QUERY_STRING' in environ)) {
    warn(
      'QUERY_STRING is not in the WSGI environment; application errors are more likely',
    );
  }
  for (const [key, value] of Object.entries(environ)) {
    // 점이 든 키(wsgi.input 등)는 확장이므로 타입을 따지지 않는다. 나머지 CGI 변수는 문자열이어야 한다.
    if (key.includes('.')) continue;
    check(
      typeof value === 'string',
      `Environmental variable ${key} is not a string: ${show(value)}`,
    );
  }
  check(
    Array.isArray(environ['wsgi.version']),
    `wsgi.version should be an array (${show(environ['wsgi.version'])})`,
  );
  check(
    ['http', 'https'].includes(environ['wsgi.url_scheme']),
    `wsgi.url_scheme unknown: ${show(environ['wsgi.url_scheme'])}`,
  );
  for (const attr of ['read', 'readline', 'readlines']) {
    check(
      typeof environ['wsgi.input']?.[attr] === 'function',
      `wsgi.input doesn't have the attribute ${attr}`,
    );
  }
  check(
    typeof environ['wsgi.input']?.[Symbol.asyncIterator] === 'function',
    "wsgi.input can't be iterated with for await",
  );
  for (const attr of ['flush', 'write', 'writelines']) {
    check(
      typeof environ['wsgi.errors']?.[attr] === 'function',
      `wsgi.errors doesn't have the attribute ${attr}`,
    );
  }
  if (!KNOWN_METHODS.includes(environ.REQUEST_METHOD)) {
    warn(`Unknown REQUEST_METHOD: ${show(environ.REQUEST_METHOD)}`);
  }
  check(
    !environ.SCRIPT_NAME || environ.SCRIPT_NAME.startsWith('/'),
    `SCRIPT_NAME doesn't start with /: ${show(environ.SCRIPT_NAME)}`,
  );
  check(
    !environ.PATH_INFO || environ.PATH_INFO.startsWith('/'),
    `PATH_INFO doesn't start with /: ${show(environ.PATH_INFO)}`,
  );
  if (environ.CONTENT_LENGTH) {
    check(
      /^\s*\+?\d+\s*$/.test(environ.CONTENT_LENGTH),
      `Invalid CONTENT_LENGTH: ${show(environ.CONTENT_LENGTH)}`,
    );
  }
  if (!environ.SCRIPT_NAME) {
    check(
      'PATH_INFO' in environ,
      "One of SCRIPT_NAME or PATH_INFO are required (PATH_INFO should at least be '/' if SCRIPT_NAME is empty)",
    );
  }
  check(
    environ.SCRIPT_NAME !== '/',
    "SCRIPT_NAME cannot be '/'; it should instead be '', and PATH_INFO should be '/'",
  );
}

function checkStatus(status) {
  check(typeof status === 'string', `Status must be of type str (got ${show(status)})`);
  const code = status.trim().split(/\s+/)[0] ?? '';
  check(code.length === 3, `Status codes must be three characters: ${show(code)}`);
  check(/^\d{3}$/.test(code), `Status code is not a number: ${show(code)}`);
  check(Number(code) >= 100, `Status code is invalid: ${Number(code)}`);
  if (status.length < 4 || status[3] !== ' ') {
    warn(
      `The status string (${show(status)}) should be a three-digit integer followed by a single space and a status explanation`,
    );
  }
}

function checkHeaders(headers) {
  check(Array.isArray(headers), `Headers (${show(headers)}) must be an array`);
  for (const item of headers) {
    check(
      Array.isArray(item),
      `Individual headers (${show(item)}) must be [name, value] arrays`,
    );
    check(item.length === 2, `Individual headers (${show(item)}) must have two items`);
    const [name, value] = item;
    check(
      typeof name === 'string',
      `Header name must be of type str (got ${show(name)})`,
    );
    check(
      typeof value === 'string',
      `Header value must be of type str (got ${show(value)})`,
    );
    check(
      name.toLowerCase() !== 'status',
      `The Status header cannot be used; it conflicts with CGI script, and HTTP status is not given through headers (value: ${show(value)}).`,
    );
    check(
      !name.includes('\n') && !name.includes(':'),
      `Header names may not contain ':' or '\\n': ${show(name)}`,
    );
    check(/^[a-zA-Z][a-zA-Z0-9\-_]*$/.test(name), `Bad header name: ${show(name)}`);
    check(
      !name.endsWith('-') && !name.endsWith('_'),
      `Names may not end in '-' or '_': ${show(name)}`,
    );
    const bad = /[\x00-\x1f]/.exec(value);
    check(!bad, `Bad header value: ${show(value)} (bad char: ${show(bad?.[0])})`);
  }
}

function checkContentType(status, headers) {
  const code = Number(status.trim().split(/\s+/)[0]);
  // 204 와 304 에는 본문이 없으므로 Content-Type 도 없어야 한다.
  const noBody = code === 204 || code === 304;
  const hasType = headers.some(([name]) => name.toLowerCase() === 'content-type');
  if (hasType) {
    check(
      !noBody,
      `Content-Type header found in a ${code} response, which must not return content.`,
    );
  } else {
    check(noBody, `No Content-Type header found in headers (${show(headers)})`);
  }
}

function checkExcInfo(excInfo) {
  check(
    excInfo === null || excInfo === undefined || excInfo instanceof Error,
    `excInfo (${show(excInfo)}) is not an Error`,
  );
}

function checkIterator(iterator) {
  // 문자열이나 바이트 하나를 통째로 돌려주면 한 글자(바이트)씩 보내게 된다.
  check(
    typeof iterator !== 'string' && !isBytes(iterator),
    'You should not return a string as your application iterator, instead return a single-item list containing a bytestring.',
  );
  check(
    typeof iterator[Symbol.iterator] === 'function' ||
      typeof iterator[Symbol.asyncIterator] === 'function',
    `The application must return an iterable (got ${show(iterator)})`,
  );
}
