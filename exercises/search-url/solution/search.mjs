// 검색어와 쪽 번호로 검색 결과 페이지의 주소를 만듭니다.
//   node search.mjs '웹 서버' 2
const [query = '', page = '1'] = process.argv.slice(2);

// searchParams.set()이 값을 알맞게 인코딩합니다: 한글은 %XX, 공백은 +, &와 =는 %26, %3D.
const url = new URL('/search', 'https://book.example');
url.searchParams.set('q', query);
url.searchParams.set('page', page);
const address = url.href;

console.log(address);

// 만든 주소를 다시 읽어, 원래 값이 돌아오는지 확인합니다.
const back = new URL(address).searchParams;
console.log(`다시 읽은 q: ${back.get('q')}`);
console.log(`다시 읽은 page: ${back.get('page')}`);
