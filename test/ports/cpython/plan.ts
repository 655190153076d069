// Which tests of CPython's own suites do not apply to a server in another process, and why. Every other
// test must pass on our port, or fail for a difference row in src/lib/ports/differences.ts that names
// it (`cpythonTests`). Tests that exercise CPython's own functions in-process pass whatever the server
// is, so counting them as passes would be dishonest: they are listed here too. Where our port has the
// same function, the test's vectors are translated in test/ports/cpython-units.test.ts.

/** The suites, as CPython names them (`Lib/test/<name>.py`). */
export const CPYTHON_SUITES = ['test_httpservers', 'test_wsgiref'] as const;
export type CpythonSuite = (typeof CPYTHON_SUITES)[number];

const IN_PROCESS = 'calls CPython’s own';
const PORTED = 'its vectors run against our port in cpython-units.test.ts';

/** Test id (`suite.Class.method`) → one-line reason it is not run. */
export const NOT_APPLICABLE: Record<string, string> = {
	// test_httpservers
	'test_httpservers.BaseHTTPRequestHandlerTestCase.test_unprintable_not_logged': `${IN_PROCESS} BaseHTTPRequestHandler.log_message with a mock stderr; our escaping is checked by http-server.compare.test.ts`,
	'test_httpservers.BaseHTTPRequestHandlerTestCase.test_header_buffering_of_send_error':
		'counts write() calls on an in-memory wfile; a TCP stream keeps no write boundaries',
	'test_httpservers.BaseHTTPRequestHandlerTestCase.test_header_buffering_of_send_response_only':
		'counts write() calls on an in-memory wfile; a TCP stream keeps no write boundaries',
	'test_httpservers.BaseHTTPRequestHandlerTestCase.test_header_buffering_of_send_header':
		'counts write() calls on an in-memory wfile; a TCP stream keeps no write boundaries',
	'test_httpservers.BaseHTTPRequestHandlerTestCase.test_close_connection':
		'replaces handle_one_request() on a handler object in the test process',
	'test_httpservers.BaseHTTPRequestHandlerTestCase.test_date_time_string': `${IN_PROCESS} date_time_string() on a handler object; ${PORTED}`,
	'test_httpservers.SimpleHTTPRequestHandlerTestCase.test_query_arguments': `${IN_PROCESS} translate_path() on handler objects; ${PORTED}`,
	'test_httpservers.SimpleHTTPRequestHandlerTestCase.test_start_with_double_slash': `${IN_PROCESS} translate_path() on handler objects; ${PORTED}`,
	'test_httpservers.SimpleHTTPRequestHandlerTestCase.test_windows_colon':
		'swaps os.path for ntpath inside CPython’s module; the port has no Windows path mode to switch to',
	'test_httpservers.CGIHTTPServerTestCase.test_url_collapse_path': `${IN_PROCESS} http.server._url_collapse_path; ${PORTED}`,
	'test_httpservers.CGIHTTPServerTestCase.test_os_environ_is_not_altered':
		'checks the server process’s os.environ, which a test in another process cannot see',
	'test_httpservers.MiscTestCase.test_all':
		'checks http.server.__all__, a property of CPython’s module',
	'test_httpservers.ScriptTestCase.test_server_test_unspec': `${IN_PROCESS} http.server.test() with a mocked server class`,
	'test_httpservers.ScriptTestCase.test_server_test_localhost': `${IN_PROCESS} http.server.test() with a mocked server class`,
	'test_httpservers.ScriptTestCase.test_server_test_ipv6': `${IN_PROCESS} http.server.test() with a mocked server class`,
	'test_httpservers.ScriptTestCase.test_server_test_ipv4': `${IN_PROCESS} http.server.test() with a mocked server class`,

	// test_wsgiref
	'test_wsgiref.IntegrationTests.test_interrupted_write':
		'interrupts send() in the server’s own thread with SIGUSR1; needs the server in the test process',
	'test_wsgiref.UtilityTests.testSimpleShifts': `${IN_PROCESS} wsgiref.util, which the port does not have (the book never uses it)`,
	'test_wsgiref.UtilityTests.testNormalizedShifts': `${IN_PROCESS} wsgiref.util, which the port does not have (the book never uses it)`,
	'test_wsgiref.UtilityTests.testDefaults': `${IN_PROCESS} wsgiref.util, which the port does not have (the book never uses it)`,
	'test_wsgiref.UtilityTests.testCrossDefaults': `${IN_PROCESS} wsgiref.util, which the port does not have (the book never uses it)`,
	'test_wsgiref.UtilityTests.testGuessScheme': `${IN_PROCESS} wsgiref.util, which the port does not have (the book never uses it)`,
	'test_wsgiref.UtilityTests.testAppURIs': `${IN_PROCESS} wsgiref.util, which the port does not have (the book never uses it)`,
	'test_wsgiref.UtilityTests.testReqURIs': `${IN_PROCESS} wsgiref.util, which the port does not have (the book never uses it)`,
	'test_wsgiref.UtilityTests.testFileWrapper': `${IN_PROCESS} wsgiref.util.FileWrapper; ${PORTED}`,
	'test_wsgiref.UtilityTests.testHopByHop': `${IN_PROCESS} wsgiref.util.is_hop_by_hop; ${PORTED}`,
	'test_wsgiref.HeaderTests.testMappingInterface': `${IN_PROCESS} wsgiref.headers.Headers, which the port does not have (applications pass header arrays)`,
	'test_wsgiref.HeaderTests.testRequireList': `${IN_PROCESS} wsgiref.headers.Headers, which the port does not have (applications pass header arrays)`,
	'test_wsgiref.HeaderTests.testExtras': `${IN_PROCESS} wsgiref.headers.Headers, which the port does not have (applications pass header arrays)`,
	'test_wsgiref.HeaderTests.testRaisesControlCharacters': `${IN_PROCESS} wsgiref.headers.Headers, which the port does not have (applications pass header arrays)`,
	'test_wsgiref.HandlerTests.testEnviron': `${IN_PROCESS} wsgiref.handlers on in-memory streams; the port has only the HTTP server's handler`,
	'test_wsgiref.HandlerTests.testCGIEnviron': `${IN_PROCESS} BaseCGIHandler; the port has no CGI-mode WSGI handler`,
	'test_wsgiref.HandlerTests.testScheme': `${IN_PROCESS} wsgiref.handlers with an HTTPS variable; the port serves plain HTTP only`,
	'test_wsgiref.HandlerTests.testAbstractMethods': `${IN_PROCESS} wsgiref.handlers.BaseHandler's abstract methods`,
	'test_wsgiref.HandlerTests.testContentLength': `${IN_PROCESS} BaseCGIHandler ("Status:" output); the port has no CGI-mode WSGI handler`,
	'test_wsgiref.HandlerTests.testBasicErrorOutput': `${IN_PROCESS} BaseCGIHandler ("Status:" output); the same 500 page is checked by wsgiref.test.ts`,
	'test_wsgiref.HandlerTests.testErrorAfterOutput': `${IN_PROCESS} BaseCGIHandler; a late error truncating the response is checked by wsgiref.test.ts`,
	'test_wsgiref.HandlerTests.testHeaderFormats': `${IN_PROCESS} BaseCGIHandler's origin_server switch; the port is always an origin server`,
	'test_wsgiref.HandlerTests.testBytesData': `${IN_PROCESS} BaseCGIHandler ("Status:" output); the port has no CGI-mode WSGI handler`,
	'test_wsgiref.HandlerTests.testCloseOnError': `${IN_PROCESS} BaseCGIHandler on in-memory streams; ${PORTED}`,
	'test_wsgiref.HandlerTests.testPartialWrite':
		'gives the handler a stream that takes 7 bytes per write(); Node sockets always take whole writes',
	'test_wsgiref.HandlerTests.testClientConnectionTerminations': `${IN_PROCESS} SimpleHandler with a writer that raises; ${PORTED}`,
	'test_wsgiref.HandlerTests.testDontResetInternalStateOnException': `${IN_PROCESS} SimpleHandler's attributes after an exception`,
};

/** The not-applicable ids of one suite. */
export function notApplicable(suite: CpythonSuite): string[] {
	return Object.keys(NOT_APPLICABLE).filter((id) => id.startsWith(`${suite}.`));
}
