// URL 하나를 WHATWG URL 표준(브라우저와 Node가 함께 따르는 규칙)대로 나누어 봅니다.
// 다른 URL을 보려면: node url-parts.mjs 'http://blog.example.com/search?q=test&debug=true'
const input =
  process.argv[2] ??
  'https://user:pw@Blog.Example.com:443/posts/2024/../hello;v=2?q=파이썬 웹&debug=true#comments';

// 포트를 적지 않으면 스킴마다 정해진 기본 포트를 씁니다.
const defaultPorts = {
  'http:': '80',
  'https:': '443',
  'ws:': '80',
  'wss:': '443',
  'ftp:': '21',
};

if (!URL.canParse(input)) {
  // 스킴이 없는 '/search?q=1' 같은 상대 주소는 기준 주소 없이는 URL이 되지 못합니다.
  console.log(`절대 URL이 아니라서 나눌 수 없습니다: ${input}`);
  console.log(
    `기준 주소와 함께라면 됩니다: ${new URL(input, 'http://localhost:8888/').href}`,
  );
  process.exit(1);
}

const url = new URL(input);
const show = (name, value) => console.log(`${name.padEnd(10)} ${value}`);

show('input', input);
show('protocol', url.protocol);
show('username', url.username || '(없음)');
show('password', url.password || '(없음)');
show('hostname', url.hostname);
show('port', url.port || `(비어 있음: 기본 포트 ${defaultPorts[url.protocol] ?? '?'})`);
show('pathname', url.pathname);
show('search', url.search || '(없음)');
show('hash', url.hash || '(없음)');
show('origin', url.origin);
console.log('쿼리 매개변수 (searchParams):');
for (const [name, value] of url.searchParams) console.log(`  ${name} = ${value}`);
// href는 위의 조각들을 표준 형태로 다시 이어 붙인 것입니다. 입력과 비교해 보세요.
show('href', url.href);
