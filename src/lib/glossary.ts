// The book's terms: one Korean word per concept, its English, where it is taught, and the variants
// the book does not use. The glossary page renders this table, and test/content/terms.test.ts fails
// when a chapter, a diagram, a snippet comment or a Korean string uses one of the variants.

export interface GlossaryTerm {
	/** The Korean term the book uses everywhere. */
	term: string;
	/** The English term (what the RFCs and the Python and Node documentation say). */
	english: string;
	/** A one-line Korean explanation. */
	meaning: string;
	/** Where it is taught: a page under `src/content/docs/` (no extension) and a heading on it. */
	taught: { page: string; heading: string };
	/** Spellings or words for the same concept that the book does not use, as patterns over reader-facing text. */
	avoid: RegExp[];
}

/** A Korean word as a pattern (Korean words have no \b boundaries, so it is matched anywhere). */
const word = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g');

const PAGES = {
	messages: '01-web/01-clients-and-messages',
	methods: '01-web/02-methods',
	status: '01-web/03-status-codes',
	urls: '01-web/04-urls',
	routing: '01-web/05-clean-urls-and-routing',
	servers: '01-web/06-web-and-app-servers',
	cgiWays: '01-web/07-cgi-and-alternatives',
	libraries: '01-web/08-python-web-libraries',
	nodeCode: '01-web/00-reading-node-code',
	urlopen: '02-client/02-urlopen',
	baseServer: '03-server/01-base-http-server',
	simpleServer: '03-server/02-simple-http-server',
	cgi: '04-cgi-wsgi/01-cgi',
	wsgi: '04-cgi-wsgi/02-wsgi',
	wsgiref: '04-cgi-wsgi/03-wsgiref',
} as const;

export const glossary: GlossaryTerm[] = [
	{
		term: '웹 클라이언트',
		english: 'web client',
		meaning: 'HTTP 요청을 보내고 응답을 받는 프로그램. 브라우저, curl, 직접 짠 프로그램.',
		taught: { page: PAGES.messages, heading: '웹 프로그래밍이란' },
		avoid: [],
	},
	{
		term: '웹 서버',
		english: 'web server',
		meaning: '요청을 받아 응답을 돌려주는 프로그램. 정적 파일을 직접 보낸다.',
		taught: { page: PAGES.servers, heading: '웹 서버와 웹 애플리케이션 서버' },
		avoid: [],
	},
	{
		term: '웹 애플리케이션 서버',
		english: 'web application server',
		meaning: '요청마다 코드를 실행해 응답을 만드는 서버. 줄여서 앱 서버.',
		taught: { page: PAGES.servers, heading: '웹 서버와 웹 애플리케이션 서버' },
		avoid: [],
	},
	{
		term: '장고',
		english: 'Django',
		meaning: '파이썬의 대표적인 웹 프레임워크.',
		taught: { page: PAGES.messages, heading: '웹 프로그래밍이란' },
		avoid: [/(?<!장고(?:\*\*)?\()\bDjango\b/g],
	},
	{
		term: '플라스크',
		english: 'Flask',
		meaning: '작고 가벼운 파이썬 웹 프레임워크.',
		taught: { page: PAGES.messages, heading: '웹 프로그래밍이란' },
		avoid: [/(?<!플라스크(?:\*\*)?\()\bFlask\b/g],
	},
	{
		term: '자바스크립트',
		english: 'JavaScript',
		meaning: '브라우저와 Node.js가 실행하는 언어. 이 책의 예제가 쓰는 언어.',
		taught: { page: PAGES.nodeCode, heading: 'Node 코드 읽는 법' },
		avoid: [/(?<!자바스크립트(?:\*\*)?\()\bJavaScript\b/g],
	},
	{
		term: '예제',
		english: 'snippet',
		meaning: '페이지 안에서 고쳐서 실행해 볼 수 있는 코드 묶음.',
		taught: { page: PAGES.nodeCode, heading: 'Node 코드 읽는 법' },
		avoid: [word('스니펫')],
	},
	{
		term: '실행 기록',
		english: 'transcript',
		meaning: '예제를 실제로 실행해 남긴 명령, 출력, 요청과 응답.',
		taught: { page: PAGES.nodeCode, heading: 'Node 코드 읽는 법' },
		avoid: [],
	},
	{
		term: '로컬 실행 환경',
		english: 'local runtime',
		meaning: '책을 내 컴퓨터에서 띄웠을 때(npm run dev) 예제를 내 컴퓨터의 Node로 실행하는 방식.',
		taught: { page: PAGES.nodeCode, heading: 'Node 코드 읽는 법' },
		avoid: [],
	},
	{
		term: '파이썬 코드',
		english: 'Python counterpart',
		meaning:
			'예제마다 함께 둔 파이썬 판. 강의가 보여 준 코드는 그대로, 나머지는 책에서 같은 일을 하도록 쓴 것.',
		taught: { page: PAGES.nodeCode, heading: 'Node 코드 읽는 법' },
		avoid: [word('파이썬 원본'), word('강의의 원본')],
	},
	{
		term: '대역 서버',
		english: 'stand-in server',
		meaning: '바깥 서버(www.example.com) 대신 같은 응답을 주도록 책이 띄우는 서버.',
		taught: { page: PAGES.messages, heading: '다양한 웹 클라이언트' },
		avoid: [],
	},
	{
		term: '미리보기',
		english: 'preview',
		meaning: '서버 예제의 응답을 브라우저처럼 보여 주는 창.',
		taught: { page: PAGES.messages, heading: '웹 브라우저' },
		avoid: [word('미리 보기')],
	},
	{
		term: '시작 줄',
		english: 'start line',
		meaning: 'HTTP 메시지의 첫 줄. 요청이면 요청 줄, 응답이면 상태 줄.',
		taught: { page: PAGES.messages, heading: 'HTTP 메시지의 구조' },
		avoid: [word('스타트 라인'), word('스타트라인')],
	},
	{
		term: '요청 줄',
		english: 'request line',
		meaning: '요청의 첫 줄: 메서드, 요청 대상, 프로토콜 버전.',
		taught: { page: PAGES.messages, heading: 'HTTP 메시지의 구조' },
		avoid: [word('요청 라인'), word('요청라인')],
	},
	{
		term: '상태 줄',
		english: 'status line',
		meaning: '응답의 첫 줄: 프로토콜 버전, 상태 코드, 이유 문구.',
		taught: { page: PAGES.messages, heading: 'HTTP 메시지의 구조' },
		avoid: [word('상태 라인'), word('상태라인')],
	},
	{
		term: '헤더',
		english: 'header field',
		meaning: '`이름: 값` 꼴의 줄. 메시지에 대한 정보를 담는다.',
		taught: { page: PAGES.messages, heading: 'HTTP 메시지의 구조' },
		avoid: [],
	},
	{
		term: '본문',
		english: 'body (message body)',
		meaning: '헤더 뒤 빈 줄 다음에 오는, 실제로 주고받는 내용.',
		taught: { page: PAGES.messages, heading: 'HTTP 메시지의 구조' },
		avoid: [word('바디')],
	},
	{
		term: '메서드',
		english: 'method',
		meaning:
			'요청이 서버에 시키는 일의 종류(GET, POST …). 파이썬 클래스의 메서드(do_GET)도 같은 말로 쓴다.',
		taught: { page: PAGES.methods, heading: 'HTTP 처리 방식: 메서드' },
		avoid: [word('메소드')],
	},
	{
		term: '안전한 메서드',
		english: 'safe method',
		meaning: '서버의 상태를 바꾸지 않겠다고 약속한 메서드(GET, HEAD, OPTIONS, TRACE).',
		taught: { page: PAGES.methods, heading: 'HTTP 처리 방식: 메서드' },
		avoid: [],
	},
	{
		term: '멱등',
		english: 'idempotent',
		meaning: '같은 요청을 여러 번 보내도 서버에 남는 결과가 한 번 보낸 것과 같은 성질.',
		taught: { page: PAGES.methods, heading: 'HTTP 처리 방식: 메서드' },
		avoid: [],
	},
	{
		term: '상태 코드',
		english: 'status code',
		meaning: '상태 줄의 세 자리 숫자. 처리 결과를 알린다.',
		taught: { page: PAGES.status, heading: '상태 코드' },
		avoid: [word('응답 코드')],
	},
	{
		term: '이유 문구',
		english: 'reason phrase',
		meaning: '상태 코드 뒤에 사람이 읽으라고 붙이는 말(`Not Found`).',
		taught: { page: PAGES.status, heading: '상태 코드' },
		avoid: [word('사유 구절'), word('응답 문구'), word('상태 텍스트')],
	},
	{
		term: '리다이렉트',
		english: 'redirect',
		meaning: '다른 주소로 다시 요청하라는 3xx 응답과, 그 주소를 따라가는 일.',
		taught: { page: PAGES.status, heading: '리다이렉트: 301, 302, 303, 307, 308' },
		avoid: [word('리디렉션'), word('리다이렉션'), word('리디렉트')],
	},
	{
		term: '스킴',
		english: 'scheme',
		meaning: 'URL 맨 앞의 `http`, `https` 같은 이름. 어떤 프로토콜로 가져올지 정한다.',
		taught: { page: PAGES.urls, heading: 'URL 구성 항목' },
		avoid: [],
	},
	{
		term: '쿼리 문자열',
		english: 'query string',
		meaning: 'URL의 `?` 뒤에 `이름=값` 쌍을 `&`로 이은 부분.',
		taught: { page: PAGES.urls, heading: 'URL 구성 항목' },
		avoid: [word('질의 문자열'), word('쿼리스트링'), word('쿼리 스트링')],
	},
	{
		term: '프래그먼트',
		english: 'fragment',
		meaning: 'URL의 `#` 뒤 부분. 문서 안의 한 위치를 가리키며 서버로 가지 않는다.',
		taught: { page: PAGES.urls, heading: 'URL 구성 항목' },
		avoid: [word('프라그먼트'), /조각[을를이가은는]?\s*`#/g, /`#`\s*뒤의?\s*조각/g],
	},
	{
		term: '출처',
		english: 'origin',
		meaning: '스킴, 호스트, 포트를 합친 것. 브라우저가 보안 경계를 긋는 단위.',
		taught: { page: PAGES.urls, heading: 'URL 구성 항목' },
		avoid: [],
	},
	{
		term: '퍼센트 인코딩',
		english: 'percent-encoding',
		meaning: 'URL에 그대로 쓸 수 없는 바이트를 `%ED`처럼 `%`와 16진수 두 자리로 적는 방법.',
		taught: { page: PAGES.methods, heading: 'GET과 POST' },
		avoid: [],
	},
	{
		term: '리소스',
		english: 'resource',
		meaning: 'URL이 가리키는 대상. 책 한 권, 사용자 한 명, 주문 하나.',
		taught: { page: PAGES.urls, heading: 'REST: URL은 리소스의 이름이다' },
		avoid: [],
	},
	{
		term: '간편 URL',
		english: 'clean URL',
		meaning: '쿼리 문자열 없이 경로만으로 뜻을 나타내는 주소.',
		taught: { page: PAGES.routing, heading: '간편 URL' },
		avoid: [],
	},
	{
		term: '라우팅',
		english: 'routing',
		meaning: '요청의 경로를 URL 패턴 목록에 맞춰 처리할 함수(뷰)를 고르는 일.',
		taught: { page: PAGES.routing, heading: 'URL 패턴' },
		avoid: [],
	},
	{
		term: '정규표현식',
		english: 'regular expression',
		meaning: '글자의 모양을 적는 작은 언어. `re_path()`가 URL 패턴을 적는 데 쓴다.',
		taught: { page: PAGES.routing, heading: 'URL 패턴' },
		avoid: [word('정규 표현식')],
	},
	{
		term: '리버스 프록시',
		english: 'reverse proxy',
		meaning: '클라이언트 대신 뒷단 서버에 요청을 전달하고 받은 응답을 돌려주는 서버.',
		taught: { page: PAGES.servers, heading: '웹 서버와 웹 애플리케이션 서버' },
		avoid: [],
	},
	{
		term: '정적 페이지',
		english: 'static page',
		meaning: '미리 만들어 저장해 둔 문서. 누가 언제 요청해도 같은 바이트.',
		taught: { page: PAGES.servers, heading: '정적 페이지와 동적 페이지' },
		avoid: [],
	},
	{
		term: '동적 페이지',
		english: 'dynamic page',
		meaning: '요청을 받은 뒤에 코드가 만들어 내는 문서.',
		taught: { page: PAGES.servers, heading: '정적 페이지와 동적 페이지' },
		avoid: [],
	},
	{
		term: '이스케이프',
		english: 'escape (HTML escaping)',
		meaning: '`<` 같은 글자를 `&lt;`로 바꿔 태그로 해석되지 않게 하는 일.',
		taught: { page: PAGES.servers, heading: '정적 페이지와 동적 페이지' },
		avoid: [],
	},
	{
		term: 'CGI',
		english: 'Common Gateway Interface',
		meaning: '웹 서버가 요청마다 프로그램을 새 프로세스로 실행하고 그 출력을 응답으로 보내는 약속.',
		taught: { page: PAGES.cgi, heading: 'CGI: 웹 서버와 프로그램 사이의 약속' },
		avoid: [],
	},
	{
		term: '메타변수',
		english: 'meta-variable',
		meaning: 'CGI 서버가 요청 정보를 담아 프로그램에 넘기는 환경 변수(`REQUEST_METHOD` …).',
		taught: { page: PAGES.cgi, heading: 'CGI: 웹 서버와 프로그램 사이의 약속' },
		avoid: [word('메타 변수')],
	},
	{
		term: '대화형 셸',
		english: 'interactive shell (REPL)',
		meaning:
			'한 줄씩 입력하면 바로 실행해 값을 보여 주는 환경. `python3`나 `node`만 입력하면 뜬다.',
		taught: { page: PAGES.libraries, heading: '스크립트로 실행하기와 대화형 셸' },
		avoid: [word('쉘')],
	},
	{
		term: '핸들러',
		english: 'request handler',
		meaning:
			'요청 하나를 읽고 응답을 쓰는 코드. 파이썬에서는 BaseHTTPRequestHandler를 상속한 클래스.',
		taught: {
			page: PAGES.baseServer,
			heading: '간단한 웹 서버: HTTPServer와 BaseHTTPRequestHandler',
		},
		avoid: [],
	},
	{
		term: '디렉터리 목록',
		english: 'directory listing',
		meaning: '폴더를 요청했을 때 그 안의 파일 이름들로 만든 HTML 페이지.',
		taught: { page: PAGES.simpleServer, heading: 'SimpleHTTPRequestHandler' },
		avoid: [word('디렉토리')],
	},
	{
		term: 'WSGI 애플리케이션',
		english: 'WSGI application',
		meaning: '`app(environ, start_response)` 모양으로 불리는 파이썬 함수(호출 가능한 객체).',
		taught: { page: PAGES.wsgi, heading: 'WSGI 애플리케이션 처리 과정' },
		avoid: [],
	},
	{
		term: '이터러블',
		english: 'iterable',
		meaning:
			'`for`로 하나씩 꺼낼 수 있는 것. WSGI 애플리케이션은 본문을 바이트 조각의 이터러블로 돌려준다.',
		taught: { page: PAGES.wsgi, heading: 'WSGI 애플리케이션 처리 과정' },
		avoid: [/\biterables?\b/g],
	},
	{
		term: '미들웨어',
		english: 'middleware',
		meaning:
			'애플리케이션을 감싸 또 하나의 애플리케이션이 되는 층. 서버 쪽에서는 앱, 앱 쪽에서는 서버.',
		taught: { page: PAGES.wsgi, heading: '미들웨어: 양쪽 얼굴을 가진 층' },
		avoid: [],
	},
	{
		term: '참조 구현',
		english: 'reference implementation',
		meaning: '규격대로 하면 이렇게 동작한다는 기준을 보여 주려고 만든 구현(wsgiref).',
		taught: { page: PAGES.wsgiref, heading: 'wsgiref.simple_server 모듈' },
		avoid: [],
	},
	{
		term: '타임아웃',
		english: 'timeout',
		meaning: '정해 둔 시간 안에 아무것도 오지 않으면 기다리기를 그만두는 것.',
		taught: { page: PAGES.urlopen, heading: 'urllib.request.urlopen()' },
		avoid: [],
	},
];
