// 강의의 example.py 를 Node 로 옮긴 것입니다.
// 파이썬의 urllib.request.urlopen(url).read().decode('utf-8') 한 줄이
// Node 에서는 fetch(url) 와 response.text() 두 단계가 됩니다.
const url = process.argv[2] ?? 'http://localhost:8080/';

const response = await fetch(url);
console.log(await response.text());
