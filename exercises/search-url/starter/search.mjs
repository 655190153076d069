// 검색어와 쪽 번호로 검색 결과 페이지의 주소를 만듭니다.
//   node search.mjs '웹 서버' 2
const [query = '', page = '1'] = process.argv.slice(2);

// TODO: 문자열을 이어 붙이지 말고 URL과 URLSearchParams로 만드세요.
//       지금은 공백, 한글, &, = 가 그대로 들어가 주소가 깨집니다.
const address = 'https://book.example/search?q=' + query + '&page=' + page;

console.log(address);

// 만든 주소를 다시 읽어, 원래 값이 돌아오는지 확인합니다.
const back = new URL(address).searchParams;
console.log(`다시 읽은 q: ${back.get('q')}`);
console.log(`다시 읽은 page: ${back.get('page')}`);
