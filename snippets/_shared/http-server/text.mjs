// 파이썬 표준 라이브러리의 문자열 도우미(urllib.parse.quote/unquote, html.escape, repr)를 옮긴 것.
// 결과가 파이썬과 글자 하나까지 같아야 디렉터리 목록과 오류 메시지를 파이썬 서버와 비교할 수 있다.
import { decodeSurrogatePass, encodeSurrogatePass } from './surrogates.mjs';

const ALWAYS_SAFE = /^[A-Za-z0-9_.\-~]$/;

/**
 * urllib.parse.quote(text, safe, errors='surrogatepass'): UTF-8 바이트마다 %XX(대문자)로 바꾸고, 안전한 글자는
 * 그대로 둔다. UTF-8 이 아닌 파일 이름의 바이트(외톨이 서로게이트, surrogates.mjs)도 파이썬과 같게 인코딩한다.
 */
export function quote(text, safe = '/') {
  let out = '';
  for (const byte of encodeSurrogatePass(text)) {
    const char = String.fromCharCode(byte);
    // encodeURIComponent와 달리 ( ) ! * ' 도 바꾸고, / 는 남긴다: 파이썬과 같은 href를 만들기 위해서다.
    if (byte < 0x80 && (ALWAYS_SAFE.test(char) || safe.includes(char))) out += char;
    else out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** html.escape(text, quote=False): & < > 만 바꾼다. */
export function htmlEscape(text) {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** 요청 경로가 잘못되었을 때(잘못된 %-이스케이프, NUL, UTF-8이 아닌 바이트) 던지는 오류. 서버는 400으로 답한다. */
export class BadPathError extends Error {
  name = 'BadPathError';
}

const HEX2 = /^[0-9A-Fa-f]{2}$/;

/**
 * %XX 를 바이트로 푼다. text는 요청 줄에서 온 문자열(latin-1로 읽었으므로 글자 하나가 바이트 하나)이다.
 * strict가 true면 잘못된 이스케이프(%ZZ, 끝의 %)에서 BadPathError를 던지고,
 * false면 파이썬 unquote처럼 글자 그대로 둔다.
 */
export function percentDecodeBytes(text, { strict = false } = {}) {
  const bytes = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x25 /* % */) {
      const hex = text.slice(i + 1, i + 3);
      if (HEX2.test(hex)) {
        bytes.push(parseInt(hex, 16));
        i += 2;
        continue;
      }
      if (strict) {
        throw new BadPathError(
          `invalid percent-escape near ${JSON.stringify(text.slice(i, i + 3))}`,
        );
      }
    }
    if (code > 0xff) {
      // 선로에서 온 문자열이 아니면(예: 이미 디코딩된 이름) UTF-8로 바꿔 넣는다.
      bytes.push(...Buffer.from(text[i], 'utf8'));
    } else {
      bytes.push(code);
    }
  }
  return Buffer.from(bytes);
}

const lenientUtf8 = new TextDecoder('utf-8');

/**
 * 요청 경로를 엄격하게 디코딩한다: %-이스케이프 → 바이트 → UTF-8.
 * 디렉터리 목록이 UTF-8 이 아닌 파일 이름에 붙인 링크(%ED%B3%..)는 받아들여 원래 바이트로 되돌린다.
 * 파이썬은 잘못된 이스케이프를 글자 그대로 두고 NUL에서 예외로 연결을 끊지만,
 * 우리는 어느 쪽이든 BadPathError(→ 400)로 처리한다.
 */
export function decodeUrlPath(text) {
  const decoded = decodeSurrogatePass(percentDecodeBytes(text, { strict: true }));
  if (decoded === null) throw new BadPathError('path is not valid UTF-8');
  if (decoded.includes('\0')) throw new BadPathError('NUL byte in path');
  return decoded;
}

/**
 * urllib.parse.unquote(text, errors='surrogatepass'): 화면 표시용. 잘못된 이스케이프는 그대로 두고,
 * 파일 이름의 바이트는 외톨이 서로게이트로, 그 밖의 깨진 UTF-8 은 U+FFFD 로.
 */
export function unquote(text) {
  const bytes = percentDecodeBytes(text);
  return decodeSurrogatePass(bytes) ?? lenientUtf8.decode(bytes);
}

/** urllib.parse.unquote(text, 'iso-8859-1'): WSGI의 PATH_INFO처럼 바이트를 latin-1 글자로 둔다. */
export function unquoteLatin1(text) {
  return percentDecodeBytes(text).toString('latin1');
}

/** 파이썬 str.isprintable()을 latin-1 범위에서 흉내 낸다. */
function isPrintable(code) {
  if (code <= 0xff) {
    return (code >= 0x20 && code <= 0x7e) || (code >= 0xa1 && code !== 0xad);
  }
  return !/[\p{C}\p{Z}]/u.test(String.fromCodePoint(code));
}

/** 파이썬 repr(str): 오류 메시지 "Bad request version ('HTTP/1.x')" 를 똑같이 만들기 위해 쓴다. */
export function pyRepr(text) {
  const quoteChar = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quoteChar;
  for (const char of text) {
    const code = char.codePointAt(0);
    if (char === quoteChar || char === '\\') out += '\\' + char;
    else if (char === '\t') out += '\\t';
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (isPrintable(code)) out += char;
    else if (code <= 0xff) out += '\\x' + code.toString(16).padStart(2, '0');
    else if (code <= 0xffff) out += '\\u' + code.toString(16).padStart(4, '0');
    else out += '\\U' + code.toString(16).padStart(8, '0');
  }
  return out + quoteChar;
}

/**
 * 로그에 쓰기 전에 제어 문자를 \xHH 로 바꾼다(gh-100001).
 * 요청 줄에 터미널 제어 시퀀스를 넣어 관리자의 터미널을 조작하는 공격을 막는다.
 */
export function escapeControl(text) {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0);
    if (code < 0x20 || (code >= 0x7f && code < 0xa0)) {
      out += '\\x' + code.toString(16).padStart(2, '0');
    } else if (char === '\\') {
      out += '\\\\';
    } else {
      out += char;
    }
  }
  return out;
}
