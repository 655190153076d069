// The one table of deliberate differences between our Node ports and CPython 3.11's http.server,
// CGIHTTPRequestHandler and wsgiref. The chapter renders it; every comparison test that checks a
// difference names its id through difference(), and test/ports/differences.test.ts fails when an id
// is unused or unknown, so the table and the tests cannot drift apart.

export type PortArea = 'http.server' | 'cgi' | 'wsgiref';

export interface PortDifference {
	/** Stable kebab-case id that tests refer to. */
	id: string;
	area: PortArea;
	/** What the difference is about (Korean). */
	topic: string;
	/** What CPython 3.11 does (Korean; observed, checked by the tests). */
	python: string;
	/** What our port does (Korean). */
	ours: string;
	/** Why we differ (Korean). */
	why: string;
	/**
	 * Tests of CPython's own suites (`test_httpservers.Class.method`) that this difference makes fail
	 * on our port. test/ports/cpython-suites.test.ts runs those suites against the port and checks that
	 * each named test fails there and passes on CPython's own server, and that no other test fails.
	 */
	cpythonTests?: Array<string>;
}

export const portDifferences: Array<PortDifference> = [
	{
		id: 'default-bind',
		area: 'http.server',
		topic: '기본 바인드 주소',
		python: '`-b` 를 주지 않으면 모든 인터페이스(`::`, IPv4 포함)에서 듣는다.',
		ours: '기본은 `127.0.0.1`. 모두에게 열려면 `-b 0.0.0.0` 또는 `-b ::` 를 준다.',
		why: '노트북에서 배우며 돌리는 서버라서, 같은 와이파이의 다른 사람이 내 폴더를 들여다볼 수 없게 이 컴퓨터에서만 접속되도록 했다.',
	},
	{
		id: 'port-env',
		area: 'http.server',
		topic: '포트 인자가 없을 때',
		python: '언제나 8000 번을 쓴다.',
		ours: '`PORT` 환경 변수가 있으면 그 포트, 없으면 8000 번.',
		why: '책의 실행 환경(브라우저 안의 Node 등)이 `PORT` 로 포트를 정해 준다.',
	},
	{
		id: 'server-header',
		area: 'http.server',
		topic: 'Server 헤더와 SERVER_SOFTWARE',
		python: '`SimpleHTTP/0.6 Python/3.11.7`, wsgiref 는 `WSGIServer/0.2 CPython/3.11.7`.',
		ours: '`SimpleHTTP/0.6 Node.js/20.x`, `WSGIServer/0.2 Node.js/20.x`. 앞부분과 헤더 순서는 같다.',
		why: '응답을 만든 프로그램을 정직하게 밝힌다.',
		cpythonTests: [
			'test_wsgiref.IntegrationTests.test_plain_hello',
			'test_wsgiref.IntegrationTests.test_validated_hello',
			'test_wsgiref.IntegrationTests.test_bytes_validation',
		],
	},
	{
		id: 'error-status-line',
		area: 'http.server',
		topic: '요청 줄이 망가졌을 때의 오류 응답',
		python:
			'버전이 틀리거나(`HTTP/1.x`) `HTTP/2.0` 이거나 낱말이 하나뿐이면, 상태 줄과 헤더 없이 HTML 본문만 보낸다(HTTP/0.9 방식). wsgiref 도 같다.',
		ours: '언제나 `HTTP/1.0 400 …`(또는 505) 상태 줄과 헤더를 붙인다. 본문과 메시지는 파이썬과 같다.',
		why: '본문만 오면 클라이언트는 그것이 오류인지조차 알 수 없다(`http.client` 는 BadStatusLine, Node 는 파싱 오류). 요즘 HTTP 에 HTTP/0.9 응답은 없다.',
	},
	{
		id: 'http09-response',
		area: 'http.server',
		topic: 'HTTP/0.9 요청(`GET /path`, 또는 `GET / HTTP/0.9`)',
		python: '파일 내용만 보낸다. 상태 줄도 헤더도 없다.',
		ours: '같은 요청을 받아 주되 `HTTP/1.0 200 OK` 와 헤더를 갖춘 응답을 보낸다(wsgiref 포트도 같다).',
		why: 'HTTP/0.9 는 RFC 9112 에서 사라졌다. 텔넷으로 버전을 빼먹은 독자도 응답의 구조를 볼 수 있다.',
		cpythonTests: ['test_httpservers.BaseHTTPRequestHandlerTestCase.test_http_0_9'],
	},
	{
		id: 'bad-path-400',
		area: 'http.server',
		topic: 'NUL, 잘못된 %-이스케이프, UTF-8 이 아닌 경로, 제어 문자',
		python:
			'`%00` 이나 날것의 NUL 은 처리되지 않은 ValueError 로 응답 없이 연결을 끊는다. `%ZZ` 같은 잘못된 이스케이프는 글자 그대로 두어 404 가 된다.',
		ours: '모두 `400 Bad request path` 로 답한다. 경로는 바이트로 보고 UTF-8 로 엄격하게 디코딩한다. 단, 디렉터리 목록이 UTF-8 이 아닌 파일 이름에 붙이는 링크(파이썬과 같은 `%ED%B3%A9` 꼴)는 받아서 그 파일을 보낸다.',
		why: '잘못된 요청에는 잘못되었다고 답해야 한다. 응답 없이 끊긴 연결은 서버가 죽었는지 요청이 틀렸는지 알려 주지 않는다.',
	},
	{
		id: 'symlink-containment',
		area: 'http.server',
		topic: '내보내는 폴더 밖을 가리키는 심볼릭 링크',
		python: '링크를 따라가 폴더 밖의 파일도 200 으로 보낸다(문서의 보안 주의 사항에 적혀 있다).',
		ours: '링크를 모두 푼 실제 경로가 폴더 안에 있을 때만 보낸다. 밖이면 404. 목록에는 `이름@` 으로 보인다.',
		why: '어떤 인코딩(`%2e%2e`, `%2f`, 이중 인코딩)이나 링크로도 폴더 밖은 절대 나가지 않는다는 한 가지 규칙을 지킨다.',
	},
	{
		id: 'backslash-redirect',
		area: 'http.server',
		topic: '`/\\host` 로 시작하는 경로의 301 리다이렉트',
		python:
			'`//` 는 `/` 로 줄이지만(CVE-2021-28861) `/\\example.com/…` 은 그대로 `Location: /\\example.com/…/` 로 보낸다. 브라우저는 이것을 `//example.com` 처럼 다른 사이트로 읽는다.',
		ours: '앞에 붙은 `/` 와 `\\` 를 모두 `/` 하나로 줄이고, Location 의 보이지 않는 바이트는 %XX 로 바꾼다.',
		why: '열린 리다이렉트(open redirect)의 변형까지 막는다. CPython 은 #132826 을 "invalid" 로 닫았다.',
	},
	{
		id: 'absolute-form',
		area: 'http.server',
		topic: '`GET http://host/file.txt HTTP/1.1` (absolute-form 요청 대상)',
		python:
			'`http:/host/file.txt` 라는 경로로 보고 404. 그 경로가 디렉터리면 301 의 Location 에 `https://host/…/` 를 그대로 되돌려 준다.',
		ours: '경로 부분(`/file.txt`)만 쓴다. 호스트 부분은 무시하므로 리다이렉트의 Location 도 `/…/` 경로뿐이다.',
		why: 'RFC 9112 §3.2.2: 서버는 absolute-form 을 받아들여야 한다.',
		cpythonTests: [
			'test_httpservers.SimpleHTTPServerTestCase.test_get_dir_redirect_location_domain_injection_bug',
		],
	},
	{
		id: 'bad-header-400',
		area: 'http.server',
		topic: '망가진 헤더 줄',
		python: '콜론 없는 줄이나 이름 뒤 공백을 너그럽게 넘긴다(그 뒤 헤더가 사라지기도 한다).',
		ours: '콜론이 없거나, 이름이 token 이 아니거나(이름과 콜론 사이 공백 포함), NUL·CR 이 든 헤더 줄은 400.',
		why: 'RFC 9112 §5.1 은 이름과 콜론 사이의 공백을 400 으로 거절하라고 한다. 헤더를 다르게 읽는 서버 사이의 틈이 요청 밀반입(smuggling)의 원인이다.',
	},
	{
		id: 'client-timeouts',
		area: 'http.server',
		topic: '느리거나 멈춘 클라이언트',
		python:
			'기본 시간 한도가 없다. 요청을 한 바이트씩 보내는 클라이언트(Slowloris)가 연결을 끝없이 붙잡는다.',
		ours: '요청 줄과 헤더는 30초(`--timeout`) 안에 모두 와야 하고, 그동안 아무것도 오가지 않아도 끊는다. 보내다 만 요청에는 408. `-p HTTP/1.1` 의 keep-alive 연결도 다음 요청 없이 그만큼 지나면 닫는다.',
		why: '한 클라이언트가 서버의 자원을 붙잡아 다른 요청을 막지 못하게 한다.',
	},
	{
		id: 'keepalive-unread-body',
		area: 'http.server',
		topic: '`-p HTTP/1.1` 에서 읽지 않은 요청 본문',
		python:
			'GET 요청에 본문이 붙어 있어도 읽지 않고 넘어가므로, 그 본문 바이트를 같은 연결의 다음 요청으로 읽어 답한다.',
		ours: '핸들러가 본문을 끝까지 읽지 않았거나 `Transfer-Encoding` 본문이면, 응답을 보낸 뒤 연결을 닫는다.',
		why: '본문 속에 숨긴 요청이 따로 처리되면 앞단 프록시를 속이는 요청 밀반입(smuggling)이 된다.',
	},
	{
		id: 'connection-limit',
		area: 'http.server',
		topic: '동시에 열린 연결 수',
		python: '한도가 없다. 연결마다 스레드를 하나씩 만들며, 파일 기술자가 바닥날 때까지 받는다.',
		ours: '1000 개(라이브러리 옵션 `maxConnections`). 그보다 많으면 새 연결은 받자마자 닫는다. 요청 줄·헤더의 길이 한도(65536 바이트, 100 줄)는 파이썬과 같다.',
		why: '느린 클라이언트 수백 개가 서버의 파일 기술자를 다 써 버리면 정상 요청도 받을 수 없다.',
	},
	{
		id: 'unexpected-error-500',
		area: 'http.server',
		topic: '핸들러 안의 예상하지 못한 예외',
		python: '트레이스백을 stderr 에 찍고 응답 없이 연결을 닫는다.',
		ours: '같은 형식으로 기록하고, 아직 아무것도 보내지 않았다면 `500 Internal Server Error` 로 답한다.',
		why: '클라이언트는 응답 없는 끊김보다 500 에서 더 많이 알 수 있다(RFC 9110 §15.6.1).',
	},
	{
		id: 'header-crlf',
		area: 'http.server',
		topic: '헤더 값 안의 CR/LF (`sendHeader`, WSGI `startResponse`)',
		python:
			'`send_header()` 와 wsgiref 모두 검사하지 않고 그대로 보내, 다른 헤더를 끼워 넣을 수 있다.',
		ours: 'CR, LF, NUL 이 든 이름이나 값은 TypeError/AssertionError 가 되어 500 으로 끝난다.',
		why: '요청에서 온 값을 헤더에 되돌려 쓰는 코드가 흔하다. 헤더 끼워 넣기(response splitting)를 원천에서 막는다.',
	},
	{
		id: 'mime-table',
		area: 'http.server',
		topic: 'Content-Type 을 고르는 표',
		python:
			'`mimetypes` 가 `/etc/mime.types` 를 읽으므로 컴퓨터마다 다르다(예: 이 컴퓨터에서 `.ts` 는 `text/vnd.trolltech.linguist`).',
		ours: '고정된 표 하나(흔한 확장자는 파이썬 3.11 과 같은 값). 표에 없으면 `application/octet-stream`.',
		why: '책의 예제가 어느 컴퓨터에서나, 브라우저 안에서도 같은 결과를 내야 한다.',
	},
	{
		id: 'cgi-status-header',
		area: 'cgi',
		topic: '스크립트의 `Status:` 헤더',
		python:
			'실행 전에 `HTTP/1.0 200 Script output follows` 를 보내 버리므로 `Status: 404` 는 200 응답 속의 헤더 한 줄일 뿐이다.',
		ours: '출력 헤더를 먼저 읽어 `Status: 404 Not Here` 를 상태 줄 `HTTP/1.0 404 Not Here` 로 바꾼다.',
		why: 'RFC 3875 §6.3.3. 파이썬 문서도 "스크립트는 200 말고 다른 코드를 보낼 수 없다"고 적고 있다.',
	},
	{
		id: 'cgi-location-redirect',
		area: 'cgi',
		topic: '스크립트의 `Location:` 헤더',
		python: '그대로 흘려보내므로 상태는 200 이다.',
		ours: '절대 URL 이면 `302 Found`, `/경로` 면 서버 안에서 그 경로를 GET 으로 다시 처리한다(지역 리다이렉트).',
		why: 'RFC 3875 §6.2.2–§6.2.3 이 서버에 요구하는 동작이다.',
	},
	{
		id: 'cgi-header-parsing',
		area: 'cgi',
		topic: '스크립트 출력 헤더의 형식',
		python:
			'스크립트가 `print()` 로 쓴 LF 줄 끝이 그대로 나가, Node 의 `fetch`/`http.get` 은 응답을 읽지 못한다.',
		ours: 'LF 와 CRLF 를 모두 받아 CRLF 로 바꿔 쓰고, Server·Date 는 서버가 붙인다. 스크립트의 Content-Length 와 hop-by-hop 헤더는 버린다(응답 끝은 연결 종료로 표시).',
		why: 'RFC 3875 §6.3.4: 서버는 CGI 헤더를 HTTP 로 번역해야 한다.',
	},
	{
		id: 'cgi-invalid-output-502',
		area: 'cgi',
		topic: '헤더 블록이 없거나 망가진 출력, 아무것도 출력하지 않고 죽은 스크립트',
		python:
			'이미 200 상태 줄을 보낸 뒤라, 본문이 헤더 자리에 끼거나 빈 줄 없이 끊긴 응답이 나간다.',
		ours: '`502 Bad CGI response` 로 답하고 이유를 로그와 본문에 남긴다. 스크립트의 종료 코드는 파이썬처럼 기록한다.',
		why: 'RFC 3875 §3.1: 스크립트 출력이 잘못되어도 서버는 올바른 HTTP 응답을 낼 책임이 있다.',
	},
	{
		id: 'cgi-head-body',
		area: 'cgi',
		topic: 'CGI 에 대한 HEAD 요청',
		python: '스크립트 출력을 본문까지 모두 보낸다.',
		ours: '헤더만 보내고 본문은 버린다(스크립트에는 `REQUEST_METHOD=HEAD`).',
		why: 'RFC 3875 §4.3.3, RFC 9110 §9.3.2: HEAD 응답에는 본문이 없다.',
	},
	{
		id: 'cgi-timeout-504',
		area: 'cgi',
		topic: '끝나지 않는 스크립트',
		python: '스크립트가 끝날 때까지 기다린다. 요청마다 프로세스가 쌓인다.',
		ours: '요청마다 시간 한도(기본 30초, `--cgi-timeout`)가 있고, 넘기면 스크립트가 띄운 자식까지 프로세스 그룹 전체를 끝내고 504.',
		why: '스크립트 하나가 서버를 멈추게 해서는 안 된다. 자식 프로세스만 남겨 두면 출력 파이프가 닫히지 않는다.',
	},
	{
		id: 'cgi-script-lifetime',
		area: 'cgi',
		topic: '서버가 죽었을 때 실행 중이던 스크립트',
		python:
			'스크립트를 서버와 같은 프로세스 그룹에 fork 한다. 그룹 전체에 보낸 신호로는 함께 죽지만, 서버만 `kill -9` 하거나 서버가 예외로 죽으면 스크립트는 계속 돈다.',
		ours: '스크립트마다 프로세스 그룹을 따로 만들고, 그 그룹 안의 작은 감시자(`/bin/sh`)가 서버와 이어진 통로를 지켜본다. 서버가 어떻게 끝나든(SIGKILL 포함) 통로가 닫히면 감시자가 그룹 전체를 끝낸다. 스크립트의 자식이 `setsid` 로 그룹을 스스로 떠났다면 시간 한도로도, 감시자로도 닿지 않는다(파이썬에서도 그렇다). WebContainer 에는 프로세스 그룹이 없어 스크립트 자신만 끝낸다.',
		why: '끝나지 않는 스크립트가 서버보다 오래 살아 CPU 를 계속 쓰면 안 된다. 서버가 코드를 한 줄도 실행하지 못하고 죽는 때에도 지키려면 서버 바깥에서 지켜봐야 한다.',
	},
	{
		id: 'cgi-keepalive-close',
		area: 'cgi',
		topic: '`-p HTTP/1.1` 에서의 CGI 응답',
		python:
			'길이도 `Connection: close` 도 없이 보내고 연결을 열어 두므로, 클라이언트는 본문이 어디서 끝나는지 몰라 기다리기만 한다.',
		ours: '`Connection: close` 를 붙이고 응답을 마치면 연결을 닫는다(본문 길이는 스크립트가 끝나야 알 수 있다).',
		why: 'HTTP/1.1 응답은 길이를 밝히거나 연결을 닫아 끝을 알려야 한다(RFC 9112 §6.3).',
	},
	{
		id: 'cgi-limit',
		area: 'cgi',
		topic: '동시에 도는 CGI 스크립트 수',
		python: '한도가 없다. 요청마다 fork 하므로 요청이 몰리면 프로세스가 끝없이 늘어난다.',
		ours: '한 번에 32 개(`--cgi-limit`)까지 돌리고 나머지는 차례를 기다린다. 기다리는 줄이 한도의 네 배를 넘으면 `503 Too many CGI scripts running`.',
		why: '요청 몇백 개로 컴퓨터 전체의 메모리와 프로세스 수를 바닥내지 못하게 한다.',
	},
	{
		id: 'cgi-env-minimal',
		area: 'cgi',
		topic: '스크립트에 주는 환경 변수',
		python:
			'서버의 환경 변수 전체를 복사한 뒤 CGI 변수를 덧붙인다. 서버를 `HTTP_PROXY=…` 로 띄우면 스크립트도 그 값을 받는다.',
		ours: 'CGI 메타변수와 `PATH` 만 준다.',
		why: '서버의 비밀값(토큰, 비밀번호)을 스크립트와, 환경을 출력하는 스크립트를 통해 방문자에게 흘리지 않는다.',
	},
	{
		id: 'cgi-http-headers',
		area: 'cgi',
		topic: '요청 헤더 → `HTTP_*` 변수',
		python:
			'Accept, User-Agent, Cookie, Referer 넷만 넘긴다(`HTTP_HOST` 도 없다). 여러 번 온 Accept 는 `,` 로, Cookie 는 `, ` 로 잇는다. 요청의 `Proxy:` 는 넘기지 않는다.',
		ours: 'RFC 3875 §4.1.18 대로 모든 요청 헤더를 넘기되(여러 번 오면 `, ` 로 이음), `Proxy`(httpoxy), `Authorization`, `Content-*`, hop-by-hop, 밑줄 든 이름은 뺀다. 파이썬이 늘 두는 빈 변수(HTTP_ACCEPT 등)는 같게 둔다.',
		why: '스크립트가 Host 같은 정보를 쓸 수 있게 하면서, `Proxy:` 가 `HTTP_PROXY` 가 되어 스크립트의 HTTP 클라이언트를 공격자의 프록시로 돌리는 httpoxy 를 막는다.',
		cpythonTests: ['test_httpservers.CGIHTTPServerTestCase.test_accept'],
	},
	{
		id: 'cgi-server-protocol',
		area: 'cgi',
		topic: '`SERVER_PROTOCOL` 의 값',
		python: '요청과 상관없이 서버의 `HTTP/1.0`.',
		ours: '요청이 쓴 버전(예: `HTTP/1.1`).',
		why: 'RFC 3875 §4.1.16: 이 요청에 쓰인 프로토콜이다.',
	},
	{
		id: 'cgi-content-type',
		area: 'cgi',
		topic: '`CONTENT_TYPE` 을 두는 때',
		python: '요청에 Content-Type 이 없어도 늘 두며 기본값은 `text/plain`.',
		ours: '요청에 Content-Type 이 있을 때만 둔다.',
		why: 'RFC 3875 §4.1.3: 기본값은 없고, 없을 때는 스크립트가 판단한다.',
	},
	{
		id: 'cgi-path-info',
		area: 'cgi',
		topic: '`PATH_INFO` 와 `PATH_TRANSLATED`',
		python:
			'경로를 두 번 디코딩한다(`%2520` → 공백). PATH_INFO 가 비어도 PATH_TRANSLATED 는 문서 폴더 자체다.',
		ours: '한 번만 디코딩하고, PATH_INFO 가 비면 PATH_TRANSLATED 는 두지 않는다. 쿼리 문자열은 디코딩 전에 떼어 낸다.',
		why: 'RFC 3875 §4.1.5–§4.1.6. 이중 디코딩은 필터를 우회하는 고전적인 방법이다.',
	},
	{
		id: 'cgi-remote-user',
		area: 'cgi',
		topic: '`AUTH_TYPE` 와 `REMOTE_USER`',
		python: 'Authorization 헤더를 검증 없이 풀어서 Basic 사용자 이름을 `REMOTE_USER` 에 넣는다.',
		ours: '두지 않는다(Authorization 도 넘기지 않는다).',
		why: 'RFC 3875 §4.1.11: 서버가 인증했을 때만 둔다. 검증 안 된 이름을 믿는 스크립트는 누구에게나 뚫린다.',
	},
	{
		id: 'cgi-argv',
		area: 'cgi',
		topic: '`?word1+word2` 질의의 명령행 인자',
		python:
			'`+` 만 공백으로 바꾼 문자열 하나를 인자로 준다(%-디코딩 없음). 질의가 없으면 빈 문자열 인자를 준다.',
		ours: 'RFC 3875 §4.4 대로 `+` 로 나누어 각각 디코딩한 여러 인자를 준다. `=` 가 있거나 GET/HEAD 가 아니면 인자가 없다.',
		why: 'RFC 를 따른다. 셸을 거치지 않으므로(spawn) 인자에 무엇이 들어도 명령 주입은 없다.',
	},
	{
		id: 'cgi-cwd',
		area: 'cgi',
		topic: '스크립트의 작업 디렉터리',
		python: '서버를 띄운 디렉터리.',
		ours: '스크립트가 있는 디렉터리.',
		why: 'RFC 3875 §7.2(UNIX): 스크립트 디렉터리에서 실행해야 상대 경로로 옆 파일을 읽을 수 있다.',
	},
	{
		id: 'cgi-body-stdin',
		area: 'cgi',
		topic: '요청 본문 → 스크립트의 stdin',
		python:
			'POSIX 에서는 소켓 자체를 stdin 으로 주므로 끝(EOF)이 오지 않는다. chunked 본문은 스크립트가 0 바이트를 받는다.',
		ours: '정확히 CONTENT_LENGTH 바이트를 넘기고 stdin 을 닫는다. `Transfer-Encoding` 이 있으면 411, 틀린 Content-Length 는 400.',
		why: 'RFC 3875 §4.2: chunked 본문은 풀거나 거절해야 한다. EOF 를 주면 "끝까지 읽는" 스크립트도 멈추지 않는다.',
	},
	{
		id: 'cgi-collapse-indexerror',
		area: 'cgi',
		topic: '`..` 이 너무 많은 경로 (`/cgi-bin/..%2f..%2f..%2fetc/passwd`)',
		python:
			'`_url_collapse_path` 의 IndexError 로 응답 없이 연결을 끊는다(`/../../x` 도 마찬가지).',
		ours: '맨 위(`/`)에서 멈추어 평범한 경로로 처리한다(대개 404).',
		why: '바깥으로 나갈 수 없다는 점은 같지만, 요청마다 올바른 응답을 준다.',
	},
	{
		id: 'cgi-nobody-gid',
		area: 'cgi',
		topic: 'root 로 실행할 때의 스크립트 권한',
		python: '`setuid(nobody)` 만 하고 그룹은 root(0)로 남는다(실패해도 조용히 넘어간다).',
		ours: '사용자와 그룹을 모두 nobody 로 바꾼다. 바꿀 수 없는 곳(root 가 아닐 때, WebContainer, nobody 계정이 없거나 권한을 줄인 컨테이너라 EPERM 일 때)에서는 바꾸지 않고 그대로 실행한다.',
		why: 'root 그룹 권한으로 읽을 수 있는 파일까지 스크립트에서 막는다.',
	},
	{
		id: 'cgi-stderr-log',
		area: 'cgi',
		topic: '스크립트의 stderr',
		python: '서버의 stderr 를 그대로 물려주므로 스크립트가 쓴 제어 문자가 터미널에 그대로 간다.',
		ours: '줄마다 `CGI stderr: …` 로 서버 로그에 남기고, 제어 문자는 요청 로그처럼 `\\xHH` 로 바꾼다.',
		why: 'gh-100001(로그를 통한 터미널 제어 문자 주입) 수정의 취지를 스크립트 출력에도 적용한다.',
	},
	{
		id: 'cgi-node-scripts',
		area: 'cgi',
		topic: '`.js`/`.mjs`/`.cjs` 스크립트',
		python: '실행 권한 비트와 `#!` 줄이 있어야 한다. 없으면 403 `CGI script is not executable`.',
		ours: '서버와 같은 Node(`process.execPath`)로 실행하므로 실행 비트가 없어도 된다. 다른 파일은 파이썬처럼 실행 비트가 필요하다.',
		why: '브라우저 안의 Node 처럼 `#!` 이나 실행 비트가 없는 곳에서도 책의 CGI 예제가 돌아야 한다.',
	},
	{
		id: 'wsgi-os-environ',
		area: 'wsgiref',
		topic: 'environ 에 든 것',
		python:
			'서버 프로세스의 `os.environ` 전체를 복사한 위에 요청 변수를 얹는다(`demo_app` 이 PATH 등까지 보여 준다).',
		ours: '요청에서 온 CGI 변수와 `wsgi.*` 만 있다.',
		why: '애플리케이션과, environ 을 출력하는 예제를 통해 서버의 비밀값이 새지 않게 한다.',
	},
	{
		id: 'wsgi-error-log',
		area: 'wsgiref',
		topic: '애플리케이션의 예외를 기록하는 모양',
		python:
			'파이썬 트레이스백: 호출 위치들이 먼저 나오고 `AssertionError: 메시지` 가 마지막 줄이다.',
		ours: 'Node 의 스택 트레이스: `AssertionError [ERR_ASSERTION]: 메시지` 가 첫 줄이고 호출 위치(`at …`)가 그 아래에 온다. 메시지와 500 응답은 파이썬과 같다.',
		why: '독자가 보는 것은 JS 코드이므로 JS 가 평소에 보여 주는 모양 그대로 둔다.',
		cpythonTests: [
			'test_wsgiref.IntegrationTests.test_simple_validation_error',
			'test_wsgiref.IntegrationTests.test_status_validation_errors',
		],
	},
	{
		id: 'wsgi-head-body',
		area: 'wsgiref',
		topic: 'HEAD 요청',
		python: '애플리케이션이 내놓은 본문을 그대로 보낸다.',
		ours: '애플리케이션은 똑같이 돌리고(Content-Length 도 같게) 본문만 보내지 않는다.',
		why: 'RFC 9110 §9.3.2: HEAD 응답에는 본문이 없다.',
	},
	{
		id: 'wsgi-input-async',
		area: 'wsgiref',
		topic: '`wsgi.input` 으로 본문 읽기',
		python: '소켓 파일을 그대로 준다: `read()` 는 블록되며 Content-Length 를 넘어 읽으면 멈춘다.',
		ours: '`read(n)`/`readline()`/`readlines()` 는 Promise 를 돌려주고 `for await` 로 줄을 읽는다. CONTENT_LENGTH 에서 끝(빈 Buffer)을 알린다.',
		why: 'Node 의 입출력은 비동기다. PEP 3333 은 Content-Length 너머를 읽으려 하면 EOF 를 흉내 내라고 권한다.',
	},
	{
		id: 'wsgi-iterables',
		area: 'wsgiref',
		topic: '애플리케이션이 돌려주는 것',
		python: '바이트 문자열의 이터러블(리스트, 제너레이터). `close()` 가 있으면 부른다.',
		ours: 'Buffer/Uint8Array 의 배열, 제너레이터, 비동기 이터러블(`async function*`), 또는 그것의 Promise. `close()` 가 없으면 제너레이터의 `return()` 을 불러 `finally` 를 실행한다.',
		why: '파이썬 제너레이터의 `close()` 에 해당하는 JS 의 방법이 `return()` 이다. 비동기 이터러블이 있어야 본문을 기다리며 읽을 수 있다.',
	},
	{
		id: 'wsgi-js-types',
		area: 'wsgiref',
		topic: '파이썬 타입의 JS 대응',
		python:
			'`wsgi.version` 은 튜플 `(1, 0)`, 헤더는 `(이름, 값)` 튜플의 리스트, `exc_info` 는 `sys.exc_info()` 튜플.',
		ours: '`wsgi.version` 은 `[1, 0]`, 헤더는 `[이름, 값]` 배열의 배열, `excInfo` 는 잡은 Error 객체. 이름은 camelCase(`makeServer`, `startResponse`).',
		why: 'JS 에는 튜플이 없고, 예외 정보는 Error 객체 하나에 다 들어 있다.',
	},
	{
		id: 'wsgi-validator-read',
		area: 'wsgiref',
		topic: '검사기(validator)의 `wsgi.input.read()` 규칙',
		python:
			'`wsgiref.validate` 는 `read()` 에 인자를 정확히 하나 요구한다(인자 없는 `read()` 는 AssertionError → 500).',
		ours: '인자 없는 `read()` 도 허용한다(인자가 둘 이상이면 오류).',
		why: 'PEP 3333 은 인자 없는 `read()` 를 허용한다. 파이썬 검사기의 규칙은 PEP 3333 이전의 것이다.',
		cpythonTests: ['test_wsgiref.IntegrationTests.test_wsgi_input'],
	},
];

/** The difference with this id; throws when the id is not in the table (so tests cannot cite a missing row). */
export function difference(id: string): PortDifference {
	const found = portDifferences.find((entry) => entry.id === id);
	if (!found) throw new Error(`No port difference with id '${id}' in src/lib/ports/differences.ts`);
	return found;
}
