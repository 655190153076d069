// 파이썬 html.escape()를 옮긴 것입니다. 책의 예제들은 HTML에 글자를 끼워 넣을 때 모두 이 함수를 씁니다.
// 사용자가 보낸 글자가 태그로 해석되지 않도록 특수 문자를 문자 참조로 바꿉니다(XSS 막기).

/**
 * html.escape(text, quote=True)와 같은 결과를 돌려줍니다.
 * & < > 는 언제나, quote가 true면 속성값을 닫을 수 있는 " 와 ' 도 바꿉니다.
 */
export function escapeHtml(text, quote = true) {
  let out = String(text)
    .replaceAll('&', '&amp;') // &를 가장 먼저: 뒤에서 만든 &lt; 의 &까지 바꾸지 않도록
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
  if (quote) out = out.replaceAll('"', '&quot;').replaceAll("'", '&#x27;');
  return out;
}
