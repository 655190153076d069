// UTF-8 이 아닌 파일 이름을 문자열로 다루는 파이썬의 방법(surrogateescape)을 옮긴 것.
// 리눅스의 파일 이름은 그냥 바이트라서 UTF-8 로 읽히지 않는 이름(예: EUC-KR 로 저장된 한글)이 있을 수 있다.
// 파이썬은 그런 바이트 하나하나를 U+DC80–U+DCFF 의 외톨이 서로게이트 글자로 바꿔 문자열에 담고,
// 파일을 열 때 다시 원래 바이트로 되돌린다. 목록의 링크에는 그 글자를 UTF-8 처럼 인코딩한 %ED%B3%.. 을 쓴다.
// 우리도 같은 방법을 써서, 목록에 보이는 이름은 그 링크로 언제나 다시 열 수 있다.

const ESCAPE_BASE = 0xdc00;
const isEscape = (code) => code >= 0xdc80 && code <= 0xdcff;
// 짝이 없는 U+DC80–U+DCFF 글자(u 플래그: 제대로 된 서로게이트 쌍의 뒤쪽 반은 여기에 걸리지 않는다).
const ESCAPES = /[\udc80-\udcff]/u;

/** bytes[i] 에서 시작하는 올바른 UTF-8 글자 하나의 [코드 포인트, 길이], 올바르지 않으면 null. */
function readUtf8(bytes, i, { allowEscapes = false } = {}) {
  const lead = bytes[i];
  if (lead < 0x80) return [lead, 1];
  const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 ? 2 : 0;
  if (length === 0 || lead > 0xf4 || i + length > bytes.length) return null;
  let code = lead & (0xff >> (length + 1));
  for (let k = 1; k < length; k++) {
    const next = bytes[i + k];
    if ((next & 0xc0) !== 0x80) return null;
    code = (code << 6) | (next & 0x3f);
  }
  const overlong = (length === 3 && code < 0x800) || (length === 4 && code < 0x10000);
  const surrogate = code >= 0xd800 && code <= 0xdfff;
  if (overlong || code > 0x10ffff || (surrogate && !(allowEscapes && isEscape(code)))) {
    return null;
  }
  return [code, length];
}

/** 파일 이름 바이트 → 문자열(파이썬 os.fsdecode). UTF-8 이 아닌 바이트는 U+DC80–U+DCFF 로 남긴다. */
export function fsDecode(bytes) {
  // 흔한 경우: 올바른 UTF-8 이면 Node 의 디코더가 바꿔 낸 글자(U+FFFD)가 없다. 그대로 쓴다.
  const text = bytes.toString('utf8');
  if (!text.includes('\ufffd')) return text;
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const char = readUtf8(bytes, i);
    if (char) {
      out += String.fromCodePoint(char[0]);
      i += char[1];
    } else {
      out += String.fromCharCode(ESCAPE_BASE + bytes[i]);
      i += 1;
    }
  }
  return out;
}

/** 문자열 → 파일 이름 바이트(파이썬 os.fsencode). fsDecode 의 반대: U+DC80–U+DCFF 는 원래 바이트로. */
export function fsEncode(text) {
  // 흔한 경우: 되돌릴 바이트(U+DC80–U+DCFF)가 없으면 그냥 UTF-8 이다.
  if (!ESCAPES.test(text)) return Buffer.from(text, 'utf8');
  const parts = [];
  for (const char of text) {
    const code = char.codePointAt(0);
    parts.push(
      isEscape(code) ? Buffer.of(code - ESCAPE_BASE) : Buffer.from(char, 'utf8'),
    );
  }
  return Buffer.concat(parts);
}

/** 문자열 → UTF-8 바이트. 외톨이 서로게이트도 3바이트로 그대로 인코딩한다(파이썬 errors='surrogatepass'). */
export function encodeSurrogatePass(text) {
  const parts = [];
  for (const char of text) {
    const code = char.codePointAt(0);
    if (code >= 0xd800 && code <= 0xdfff) {
      parts.push(
        Buffer.of(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)),
      );
    } else {
      parts.push(Buffer.from(char, 'utf8'));
    }
  }
  return Buffer.concat(parts);
}

/**
 * UTF-8 바이트 → 문자열. encodeSurrogatePass 가 만든 U+DC80–U+DCFF 는 받아들이고(파일 이름의 바이트),
 * 그 밖의 잘못된 바이트가 있으면 null.
 */
export function decodeSurrogatePass(bytes) {
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const char = readUtf8(bytes, i, { allowEscapes: true });
    if (!char) return null;
    out += String.fromCodePoint(char[0]);
    i += char[1];
  }
  return out;
}
