// 이름=값 쌍들을 폼 형식 본문으로 POST하고, 받은 본문을 보여 줍니다.
//   node post.mjs http://localhost:8888/echo q=forms lang=ko
const [url = 'http://localhost:8888/echo', ...pairs] = process.argv.slice(2);

// ['q=forms', 'lang=ko'] → q=forms&lang=ko (값은 알맞게 인코딩됩니다)
const body = new URLSearchParams();
for (const pair of pairs) {
  const at = pair.indexOf('='); // 첫 '='에서만 나눕니다
  body.append(pair.slice(0, at), pair.slice(at + 1));
}

try {
  // body 가 URLSearchParams 이면 fetch 가 Content-Type 을 폼 형식으로 붙입니다.
  const response = await fetch(url, {
    method: 'POST',
    body,
    signal: AbortSignal.timeout(1000), // urlopen(..., timeout=1)
  });
  console.log(await response.text());
} catch (error) {
  if (error.name !== 'TimeoutError') throw error;
  console.error('시간 초과: 1초 안에 답이 오지 않았습니다.');
  process.exit(2);
}
