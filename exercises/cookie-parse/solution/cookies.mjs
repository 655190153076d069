// Cookie 헤더의 값을 이름과 값으로 나눠 보여 줍니다.
//   node cookies.mjs 'theme=dark; token=a=b; name=%ED%99%8D'
const header = process.argv[2] ?? '';

/** 잘못된 퍼센트 인코딩이어도 멈추지 않고, 그때는 받은 그대로 둡니다. */
function decode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

for (const pair of header.split(';')) {
  if (!pair.trim()) continue; // ;; 처럼 빈 쌍
  // 첫 번째 '='에서만 나눕니다. 값 안의 '='는 값의 일부입니다.
  const at = pair.indexOf('=');
  const name = (at === -1 ? pair : pair.slice(0, at)).trim();
  const value = at === -1 ? '' : pair.slice(at + 1).trim();
  if (!name) continue;
  console.log(`${name} → ${decode(value)}`);
}
