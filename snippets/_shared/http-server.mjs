// python -m http.server [--cgi] 를 Node 로 옮긴 것. 라이브러리로도, 명령으로도 쓴다.
//
//   node http-server.mjs [PORT] [-b ADDR] [-d DIR] [-p VERSION] [--cgi]
//
// 파이썬과 다른 점(기본 주소 127.0.0.1, CGI 헤더 해석, 경로 가두기 등)은 책의 "차이점" 표에 정리되어 있다.
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { HTTPServer } from './http-server/base.mjs';
import { CGIHTTPRequestHandler } from './http-server/cgi.mjs';
import { SimpleHTTPRequestHandler } from './http-server/simple.mjs';

export {
  BaseHTTPRequestHandler,
  DEFAULT_ERROR_MESSAGE,
  HTTPServer,
  ThreadingHTTPServer,
} from './http-server/base.mjs';
export { HTTPMessage } from './http-server/message.mjs';
export { EXTENSIONS_MAP, SimpleHTTPRequestHandler } from './http-server/simple.mjs';
export { CGIHTTPRequestHandler } from './http-server/cgi.mjs';

/**
 * 파일 서버(또는 CGI 서버)를 만든다. 반환값은 HTTPServer: await server.ready 뒤에 server.serverPort 로 포트를 알 수 있다.
 * @param {{ directory?: string, cgi?: boolean, bind?: string, port?: number, protocol?: string, timeout?: number, cgiTimeout?: number, cgiLimit?: number, maxConnections?: number, log?: (line: string) => void }} [options]
 */
export function createHttpServer({
  bind = '127.0.0.1',
  port = 8000,
  cgi = false,
  ...options
} = {}) {
  const Handler = cgi ? CGIHTTPRequestHandler : SimpleHTTPRequestHandler;
  return new HTTPServer([bind, port], Handler, options);
}

const USAGE = `usage: http-server.mjs [-h] [--cgi] [-b ADDRESS] [-d DIRECTORY] [-p VERSION] [port]

positional arguments:
  port                  bind to this port (default: $PORT, else 8000)

options:
  -h, --help            show this help message and exit
  --cgi                 run as CGI server
  -b, --bind ADDRESS    bind to this address (default: 127.0.0.1; use 0.0.0.0 or :: for all interfaces)
  -d, --directory DIRECTORY
                        serve this directory (default: current directory)
  -p, --protocol VERSION
                        conform to this HTTP version (default: HTTP/1.0;
                        HTTP/1.1 keeps connections open for more requests)
  --timeout SECONDS     give up on a silent or slow client after this long (default: 30)
  --cgi-timeout SECONDS kill a CGI script and its children after this long (default: 30)
  --cgi-limit N         run at most N CGI scripts at once; more wait their turn (default: 32)
`;

function usageError(message) {
  // argparse 처럼 첫 줄의 사용법과 오류만 보여 준다.
  process.stderr.write(`${USAGE.split('\n')[0]}\nhttp-server.mjs: error: ${message}\n`);
  process.exit(2);
}

function parsePort(text) {
  if (!/^\d+$/.test(text) || Number(text) > 65535) usageError(`invalid port: '${text}'`);
  return Number(text);
}

function parseSeconds(text, name) {
  const seconds = Number(text);
  if (!(seconds > 0)) usageError(`argument --${name}: invalid value: '${text}'`);
  return seconds * 1000;
}

function parseCount(text, name) {
  if (!/^[1-9]\d{0,5}$/.test(text))
    usageError(`argument --${name}: invalid value: '${text}'`);
  return Number(text);
}

export async function main(argv = process.argv.slice(2)) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        cgi: { type: 'boolean' },
        bind: { type: 'string', short: 'b' },
        directory: { type: 'string', short: 'd' },
        protocol: { type: 'string', short: 'p' },
        timeout: { type: 'string' },
        'cgi-timeout': { type: 'string' },
        'cgi-limit': { type: 'string' },
      },
    });
  } catch (err) {
    usageError(err.message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (positionals.length > 1) {
    usageError(`unrecognized arguments: ${positionals.slice(1).join(' ')}`);
  }
  // 포트 인자가 없으면 PORT 환경 변수(책의 실행 환경이 포트를 이렇게 정해 준다), 그것도 없으면 8000.
  const port = parsePort(positionals[0] ?? process.env.PORT ?? '8000');
  const protocol = values.protocol ?? 'HTTP/1.0';
  if (!/^HTTP\/1\.[01]$/.test(protocol)) {
    usageError(
      `argument -p/--protocol: expected HTTP/1.0 or HTTP/1.1, got '${protocol}'`,
    );
  }
  const server = createHttpServer({
    // 파이썬은 기본으로 모든 인터페이스(::)에 바인드해 같은 와이파이의 누구나 폴더를 볼 수 있다.
    // 노트북에서 배우는 용도라 기본은 이 컴퓨터에서만 접속되는 127.0.0.1 로 한다.
    bind: values.bind ?? '127.0.0.1',
    port,
    cgi: values.cgi ?? false,
    directory: values.directory ?? process.cwd(),
    protocol,
    ...(values.timeout ? { timeout: parseSeconds(values.timeout, 'timeout') } : {}),
    ...(values['cgi-timeout']
      ? { cgiTimeout: parseSeconds(values['cgi-timeout'], 'cgi-timeout') }
      : {}),
    ...(values['cgi-limit']
      ? { cgiLimit: parseCount(values['cgi-limit'], 'cgi-limit') }
      : {}),
  });
  try {
    await server.ready;
  } catch (err) {
    process.stderr.write(
      `http-server.mjs: cannot listen on ${values.bind ?? '127.0.0.1'}:${port}: ${err.message}\n`,
    );
    process.exit(1);
  }
  const [host, boundPort] = server.serverAddress;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  process.stdout.write(
    `Serving HTTP on ${host} port ${boundPort} (http://${urlHost}:${boundPort}/) ...\n`,
  );

  const stop = async (message) => {
    if (message) process.stdout.write(message);
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => stop('\nKeyboard interrupt received, exiting.\n'));
  process.once('SIGTERM', () => stop(''));
  await server.serveForever();
}

// node http-server.mjs 로 직접 실행했을 때만 서버를 띄운다(import 했을 때는 아무것도 하지 않는다).
function isMain() {
  try {
    return import.meta.url === pathToFileURL(realpathSync(process.argv[1] ?? '')).href;
  } catch {
    return false;
  }
}

if (isMain()) await main();
