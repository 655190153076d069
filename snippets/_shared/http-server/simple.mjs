// SimpleHTTPRequestHandler: 폴더 하나를 GET/HEAD 로 내보낸다(python -m http.server).
// 디렉터리 목록, index.html, 끝에 / 를 붙이는 301, If-Modified-Since → 304 는 파이썬과 같게,
// 경로 처리는 더 엄격하게: 심볼릭 링크까지 풀어 본 실제 경로가 내보내는 폴더 안에 있어야만 보낸다.
//
// 파일을 찾고 열고 읽는 호출(realpath, stat, open, read, close)은 파이썬처럼 그 자리에서 끝낸다(fs.…Sync).
// 로컬 디스크에서는 호출 하나가 몇 µs 면 끝나지만, 비동기 판(fs.promises)은 호출마다 libuv 의 스레드 풀에
// 일을 맡기고 결과를 돌려받는 왕복이 붙는다. 작은 파일 하나에 여섯 번인 이 왕복이 응답 하나의 가장 큰
// 비용이었다(scripts/bench-ports.mjs 가 잰다). 대가: 디스크가 느리면(네트워크 드라이브 등) 호출이 끝날
// 때까지 다른 연결도 기다린다. 항목 수만큼 호출이 늘어나는 디렉터리 목록만 비동기로 읽는다.
import fs from 'node:fs';
import path from 'node:path';
import { BaseHTTPRequestHandler } from './base.mjs';
import { fsDecode, fsEncode } from './surrogates.mjs';
import {
  BadPathError,
  decodeUrlPath,
  htmlEscape,
  pyRepr,
  quote,
  unquote,
} from './text.mjs';

/**
 * 확장자 → Content-Type. 파이썬은 mimetypes 모듈이 /etc/mime.types 를 읽어서 컴퓨터마다 결과가 다르다.
 * 우리는 표를 고정해서 어디서 돌려도 같은 답을 낸다(값은 파이썬 3.11 이 흔히 내는 것과 같게 골랐다).
 */
export const EXTENSIONS_MAP = {
  '.gz': 'application/gzip',
  '.Z': 'application/octet-stream',
  '.bz2': 'application/x-bzip2',
  '.xz': 'application/x-xz',
  '.html': 'text/html',
  '.htm': 'text/html',
  '.txt': 'text/plain',
  '.css': 'text/css',
  '.csv': 'text/csv',
  '.md': 'text/markdown',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.py': 'text/x-python',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/vnd.microsoft.icon',
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
  '.tar': 'application/x-tar',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
};

const COPY_CHUNK = 64 * 1024;

export class SimpleHTTPRequestHandler extends BaseHTTPRequestHandler {
  serverVersion = 'SimpleHTTP/0.6';
  extensionsMap = EXTENSIONS_MAP;

  constructor(socket, server) {
    super(socket, server);
    this.directory = path.resolve(server.options.directory ?? process.cwd());
  }

  async doGET() {
    const source = await this.sendHead();
    if (source === null) return;
    try {
      await this.copyfile(source);
    } finally {
      if (!Buffer.isBuffer(source)) fs.closeSync(source);
    }
  }

  async doHEAD() {
    // 헤더는 GET 과 똑같이 보내고 본문은 보내지 않는다.
    const source = await this.sendHead();
    if (source !== null && !Buffer.isBuffer(source)) fs.closeSync(source);
  }

  /**
   * GET 과 HEAD 가 함께 쓰는 부분: 상태 줄과 헤더를 보내고, 본문이 있으면 그 출처
   * (열린 파일의 파일 기술자(fd, 운영 체제가 붙여 준 번호) 또는 디렉터리 목록 Buffer)를 돌려준다.
   * 이미 다 답했으면 null.
   */
  async sendHead() {
    let local;
    try {
      local = this.translatePath(this.path);
    } catch (err) {
      if (!(err instanceof BadPathError)) throw err;
      this.sendError(400, `Bad request path (${pyRepr(this.path)})`);
      return null;
    }
    let found = this.lookup(local);
    if (found?.stats.isDirectory()) {
      const parts = urlsplit(this.path);
      if (!parts.path.endsWith('/')) {
        // 브라우저가 상대 링크를 올바로 풀도록 끝에 / 를 붙인 주소로 보낸다. 질의 문자열은 그대로 둔다.
        this.sendResponse(301);
        this.sendHeader(
          'Location',
          safeLocation(urlunsplit({ ...parts, path: `${parts.path}/` })),
        );
        this.sendHeader('Content-Length', '0');
        this.endHeaders();
        return null;
      }
      let index = null;
      for (const name of ['index.html', 'index.htm']) {
        const candidate = this.lookup(path.join(local, name));
        if (candidate?.stats.isFile()) {
          index = candidate;
          local = path.join(local, name);
          break;
        }
      }
      if (!index) return this.listDirectory(found.realPath);
      found = index;
    }
    const ctype = this.guessType(local);
    // 파일 이름 뒤에 / 를 붙인 요청("/a.txt/")은 404(파이썬 Issue17324).
    if (local.endsWith('/') || !found?.stats.isFile()) {
      this.sendError(404, 'File not found');
      return null;
    }
    let file;
    try {
      file = fs.openSync(fsEncode(found.realPath), 'r');
    } catch {
      this.sendError(404, 'File not found');
      return null;
    }
    try {
      // 연 파일의 크기와 시각을 쓴다(열기 전의 stat 과 그사이 파일이 바뀌었을 수 있다).
      const stats = fs.fstatSync(file);
      if (this.headers.has('If-Modified-Since') && !this.headers.has('If-None-Match')) {
        const since = parseHttpDate(this.headers.get('If-Modified-Since'));
        // HTTP 날짜는 초 단위라서 파일 시각도 초 단위로 잘라 비교한다. 같으면 "바뀌지 않음".
        if (since !== null && Math.floor(stats.mtimeMs / 1000) * 1000 <= since) {
          this.sendResponse(304);
          this.endHeaders();
          fs.closeSync(file);
          return null;
        }
      }
      this.sendResponse(200);
      this.sendHeader('Content-type', ctype);
      this.sendHeader('Content-Length', String(stats.size));
      this.sendHeader('Last-Modified', this.dateTimeString(stats.mtimeMs));
      this.endHeaders();
      return file;
    } catch (err) {
      fs.closeSync(file);
      throw err;
    }
  }

  /**
   * 본문을 소켓으로 흘려 보낸다: 64 KiB 씩 읽어 쓰고, 소켓의 버퍼가 차면 비워질 때까지 기다린다.
   * 클라이언트가 중간에 끊으면 조용히 그만둔다. (stream.pipeline 은 keep-alive 연결에서 요청마다
   * 같은 소켓에 리스너를 더하므로 쓰지 않는다.)
   */
  async copyfile(source) {
    if (Buffer.isBuffer(source)) {
      this.wfile.write(source);
      return;
    }
    for (let position = 0; !this.socket.destroyed;) {
      // 조각마다 새 Buffer: 소켓이 앞 조각을 다 보내기 전까지 그 Buffer 를 붙들고 있다.
      const buffer = Buffer.allocUnsafe(COPY_CHUNK);
      const bytesRead = fs.readSync(source, buffer, 0, COPY_CHUNK, position);
      if (bytesRead === 0) return;
      position += bytesRead;
      if (!this.wfile.write(buffer.subarray(0, bytesRead))) await this.#drained();
      // 보통 파일에서 덜 채워진 읽기는 파일 끝이다: 0 바이트를 돌려받으려고 한 번 더 읽지 않는다.
      if (bytesRead < COPY_CHUNK) return;
    }
  }

  /** 소켓의 쓰기 버퍼가 비거나 연결이 끝날 때까지 기다린다. */
  #drained() {
    return new Promise((resolve) => {
      const done = () => {
        this.socket.off('drain', done);
        this.socket.off('close', done);
        resolve();
      };
      this.socket.on('drain', done);
      this.socket.on('close', done);
    });
  }

  /**
   * 파이썬과 같은 모양의 HTML 디렉터리 목록. 이름은 바이트로 읽어 UTF-8 이 아닌 이름도 잃지 않는다:
   * 화면에는 원래 바이트가 그대로, 링크에는 파이썬과 같은 %-인코딩이 들어간다(surrogates.mjs).
   */
  async listDirectory(directory) {
    let names;
    try {
      names = (
        await fs.promises.readdir(fsEncode(directory), { encoding: 'buffer' })
      ).map(fsDecode);
    } catch {
      this.sendError(404, 'No permission to list directory');
      return null;
    }
    // 파이썬은 str.lower() 로 정렬하고 코드 포인트를 비교한다(localeCompare 가 아니다).
    names.sort((a, b) => compareCodePoints(a.toLowerCase(), b.toLowerCase()));
    const title = `Directory listing for ${htmlEscape(unquote(this.path))}`;
    const lines = [
      '<!DOCTYPE HTML>',
      '<html lang="en">',
      '<head>',
      '<meta charset="utf-8">',
      `<title>${title}</title>\n</head>`,
      `<body>\n<h1>${title}</h1>`,
      '<hr>\n<ul>',
    ];
    for (const name of names) {
      const fullname = path.join(directory, name);
      let displayName = name;
      let linkName = name;
      // 디렉터리는 끝에 / 를, 심볼릭 링크는 @ 를 붙여 보여 준다(디렉터리 링크는 "이름@" 로 보이고 "이름/" 로 연결).
      if (await isDirectory(fullname)) {
        displayName = `${name}/`;
        linkName = `${name}/`;
      }
      if (await isSymlink(fullname)) displayName = `${name}@`;
      lines.push(`<li><a href="${quote(linkName)}">${htmlEscape(displayName)}</a></li>`);
    }
    lines.push('</ul>\n<hr>\n</body>\n</html>\n');
    const body = fsEncode(lines.join('\n'));
    this.sendResponse(200);
    this.sendHeader('Content-type', 'text/html; charset=utf-8');
    this.sendHeader('Content-Length', String(body.length));
    this.endHeaders();
    return body;
  }

  /**
   * URL 경로 → 이 컴퓨터의 파일 경로(파이썬 translate_path).
   * 질의와 조각을 떼고, 엄격하게 디코딩하고(잘못되면 BadPathError), . 과 .. 을 정리한 뒤
   * 내보내는 폴더 아래에 붙인다. 이것만으로는 심볼릭 링크를 막지 못하므로 lookup() 이 한 번 더 확인한다.
   */
  translatePath(urlPath) {
    const withoutQuery = urlPath.split('?', 1)[0].split('#', 1)[0];
    const trailingSlash = withoutQuery.trimEnd().endsWith('/');
    return this.localPath(decodeUrlPath(withoutQuery), trailingSlash);
  }

  /** 이미 디코딩된 URL 경로를 파일 경로로 바꾼다. */
  localPath(decodedPath, trailingSlash = false) {
    const words = path.posix
      .normalize(decodedPath)
      .split('/')
      // 윈도에서 'a\\b' 나 'C:' 처럼 경로 구분자를 품은 조각은 버린다(파이썬과 같은 규칙).
      .filter(
        (word) => word && word !== '.' && word !== '..' && path.dirname(word) === '.',
      );
    let local = path.join(this.directory, ...words);
    if (trailingSlash) local += '/';
    return local;
  }

  /**
   * 파일 경로의 실제 위치(심볼릭 링크를 모두 푼 경로)가 내보내는 폴더 안에 있을 때만
   * { realPath, stats } 를 돌려준다. 없거나 밖을 가리키면 null(→ 404).
   */
  lookup(localPath) {
    let realPath;
    try {
      realPath = fsDecode(
        fs.realpathSync.native(fsEncode(localPath), { encoding: 'buffer' }),
      );
    } catch {
      return null;
    }
    if (!isInside(realPath, this.realDirectory())) return null;
    try {
      return { realPath, stats: fs.statSync(fsEncode(realPath)) };
    } catch {
      return null;
    }
  }

  /** 내보내는 폴더의 실제 경로. 서버가 폴더마다 한 번만 알아 둔다(요청마다 다시 풀지 않는다). */
  realDirectory() {
    this.server.realDirectories ??= new Map();
    let found = this.server.realDirectories.get(this.directory);
    if (found === undefined) {
      try {
        found = fs.realpathSync.native(this.directory);
      } catch {
        found = this.directory;
      }
      this.server.realDirectories.set(this.directory, found);
    }
    return found;
  }

  guessType(filePath) {
    const ext = path.extname(filePath);
    if (Object.hasOwn(this.extensionsMap, ext)) return this.extensionsMap[ext];
    const lower = ext.toLowerCase();
    if (Object.hasOwn(this.extensionsMap, lower)) return this.extensionsMap[lower];
    return 'application/octet-stream';
  }
}

function isInside(child, root) {
  return (
    child === root || child.startsWith(root.endsWith(path.sep) ? root : root + path.sep)
  );
}

async function isDirectory(fullname) {
  return fs.promises.stat(fsEncode(fullname)).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

async function isSymlink(fullname) {
  return fs.promises.lstat(fsEncode(fullname)).then(
    (s) => s.isSymbolicLink(),
    () => false,
  );
}

function compareCodePoints(a, b) {
  const x = Array.from(a, (c) => c.codePointAt(0));
  const y = Array.from(b, (c) => c.codePointAt(0));
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i] - y[i];
  }
  return x.length - y.length;
}

/** urllib.parse.urlsplit 의 경로·질의·조각 부분. (요청 대상은 이미 origin-form 으로 정리되어 있다.) */
export function urlsplit(target) {
  const hash = target.indexOf('#');
  const fragment = hash >= 0 ? target.slice(hash + 1) : '';
  const beforeHash = hash >= 0 ? target.slice(0, hash) : target;
  const question = beforeHash.indexOf('?');
  return {
    path: question >= 0 ? beforeHash.slice(0, question) : beforeHash,
    query: question >= 0 ? beforeHash.slice(question + 1) : '',
    fragment,
  };
}

export function urlunsplit({ path: urlPath, query, fragment }) {
  return urlPath + (query ? `?${query}` : '') + (fragment ? `#${fragment}` : '');
}

/** Location 헤더에는 보이는 ASCII 만 남긴다. 나머지 바이트는 %XX 로 바꾼다. */
function safeLocation(location) {
  return location.replace(/[^\x21-\x7e]/g, (char) => {
    const code = char.charCodeAt(0);
    return code <= 0xff
      ? `%${code.toString(16).toUpperCase().padStart(2, '0')}`
      : encodeURIComponent(char);
  });
}

const MONTHS = [
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
];

/**
 * If-Modified-Since 의 날짜를 읽는다: RFC 9110 의 세 형식(IMF-fixdate, RFC 850, asctime).
 * 파이썬처럼 시간대가 GMT(UTC) 가 아니면 무시한다. 읽을 수 없으면 null.
 */
export function parseHttpDate(text) {
  const value = String(text).trim();
  let parts =
    /^(?:[A-Za-z]+,\s*)?(\d{1,2})[ -]([A-Za-z]{3})[ -](\d{2}|\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s+(\S+))?$/.exec(
      value,
    );
  let day, month, year, hours, minutes, seconds, zone;
  if (parts) {
    [, day, month, year, hours, minutes, seconds, zone] = parts;
  } else {
    parts =
      /^[A-Za-z]{3}\s+([A-Za-z]{3})\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})\s+(\d{4})$/.exec(
        value,
      );
    if (!parts) return null;
    [, month, day, hours, minutes, seconds, year] = parts;
  }
  const monthIndex = MONTHS.indexOf(month.toLowerCase());
  if (monthIndex < 0) return null;
  if (zone !== undefined && !/^(GMT|UTC?|Z|[+-]0000)$/i.test(zone)) return null;
  let fullYear = Number(year);
  if (year.length === 2) fullYear += fullYear > 68 ? 1900 : 2000;
  const [d, h, m, s] = [day, hours, minutes, seconds ?? '0'].map(Number);
  if (d < 1 || d > 31 || h > 23 || m > 59 || s > 60) return null;
  return Date.UTC(fullYear, monthIndex, d, h, m, s);
}
