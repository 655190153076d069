// Our wsgiref port beside CPython's wsgiref.simple_server: the same routes (fixtures/wsgi-peer.mjs and
// fixtures/wsgi_peer.py), the same raw requests, compared; plus the validator on apps that break PEP 3333.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pythonBinary, snippetNode } from '../../src/lib/process/snippet-node';
import { difference } from '../../src/lib/ports/differences';
import {
	rawRequest,
	simpleGet,
	type RawRequestOptions,
	sendToBoth,
	headerNames,
} from './raw-client';
import {
	PROJECT_ROOT,
	startFixture,
	startServer,
	stopAll,
	waitUntil,
	type ServerProcess,
} from './servers';

let ours: ServerProcess;
let python: ServerProcess;

beforeAll(async () => {
	[ours, python] = await Promise.all([startFixture('wsgi-peer.mjs'), startFixture('wsgi_peer.py')]);
});

afterAll(stopAll);

const both = (request: string | Buffer, options?: RawRequestOptions) =>
	sendToBoth({ ours, python }, request, options);

const names = headerNames;

interface EnvironDump {
	environ: Record<string, string>;
	hasPATH: boolean;
}

describe('environ', () => {
	const request =
		'POST /caf%E9/%41?q=1&r= HTTP/1.1\r\nHost: example.test\r\nX-A: 1\r\nX-A: 2\r\n' +
		'Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 3\r\n\r\na=1';

	it("has the same keys as Python's (apart from os.environ)", async () => {
		const { ours: o, python: p } = await both(request.replace('/caf%E9/%41', '/environ'));
		const mine = (JSON.parse(o.text) as EnvironDump).environ;
		const theirs = (JSON.parse(p.text) as EnvironDump).environ;
		expect(Object.keys(mine).sort()).toEqual(Object.keys(theirs).sort());
		for (const key of [
			'REQUEST_METHOD',
			'SCRIPT_NAME',
			'PATH_INFO',
			'QUERY_STRING',
			'CONTENT_TYPE',
			'CONTENT_LENGTH',
			'SERVER_NAME',
			'SERVER_PROTOCOL',
			'SERVER_SOFTWARE',
			'GATEWAY_INTERFACE',
			'REMOTE_ADDR',
			'REMOTE_HOST',
			'HTTP_HOST',
			'HTTP_X_A',
			'wsgi.url_scheme',
			'wsgi.multithread',
			'wsgi.multiprocess',
			'wsgi.run_once',
		]) {
			expect(mine[key], key).toBeDefined();
			expect(mine[key], key).toBe(theirs[key]);
		}
		expect(mine['SERVER_PROTOCOL']).toBe('HTTP/1.1');
		expect(mine['HTTP_X_A']).toBe('1,2');
		expect(mine['SERVER_PORT']).toBe(String(ours.port));
	});

	it('decodes PATH_INFO to latin-1 "native strings" like Python', async () => {
		// Unknown routes echo PATH_INFO as latin-1 bytes: %E9 is one byte, é, not UTF-8.
		const { ours: o, python: p } = await both(simpleGet('/caf%E9/%41%2f%ZZ'));
		expect(o.status).toBe(404);
		expect(o.body.equals(Buffer.from('/caf\xe9/A/%ZZ', 'latin1'))).toBe(true);
		expect(o.body.equals(p.body)).toBe(true);
	});

	it('maps Python types to JS ones (wsgi.version is an array)', async () => {
		const { ours: o, python: p } = await both(simpleGet('/environ'));
		expect(difference('wsgi-js-types').area).toBe('wsgiref');
		expect((JSON.parse(p.text) as EnvironDump).environ['wsgi.version']).toBe('tuple');
		expect((JSON.parse(o.text) as EnvironDump).environ['wsgi.version']).toBe('array');
		expect((JSON.parse(o.text) as EnvironDump).environ['wsgi.input']).toBe('InputStream');
	});

	it("does not copy the server's own environment into environ", async () => {
		const { ours: o, python: p } = await both(simpleGet('/environ'));
		expect(difference('wsgi-os-environ').area).toBe('wsgiref');
		expect((JSON.parse(p.text) as EnvironDump).hasPATH).toBe(true);
		expect((JSON.parse(o.text) as EnvironDump).hasPATH).toBe(false);
	});
});

describe('responses', () => {
	it("a one-item list gets a Content-Length; header order is Date, Server, then the app's", async () => {
		const { ours: o, python: p } = await both(simpleGet('/one'));
		expect(o.statusLine).toBe('HTTP/1.0 200 OK');
		expect(o.statusLine).toBe(p.statusLine);
		expect(names(o)).toEqual(['Date', 'Server', 'Content-Type', 'Content-Length']);
		expect(names(o)).toEqual(names(p));
		expect(o.header('Content-Length')).toBe('6');
		expect(o.text).toBe(p.text);
		expect(difference('server-header').ours).toContain('WSGIServer/0.2 Node.js');
		expect(o.header('Server')).toMatch(/^WSGIServer\/0\.2 Node\.js\//);
		expect(p.header('Server')).toMatch(/^WSGIServer\/0\.2 CPython\//);
	});

	it('a generator has no Content-Length; the close marks the end', async () => {
		const { ours: o, python: p } = await both(simpleGet('/gen'));
		expect(o.text).toBe('one\ntwo\n');
		expect(o.text).toBe(p.text);
		expect(o.header('Content-Length')).toBeUndefined();
		expect(names(o)).toEqual(names(p));
	});

	it('the write() callable from start_response sends a body', async () => {
		const { ours: o, python: p } = await both(simpleGet('/write'));
		expect(o.text).toBe('written\n');
		expect(o.text).toBe(p.text);
	});

	it('an exception before the headers becomes the same 500 page', async () => {
		const { ours: o, python: p } = await both(simpleGet('/error'));
		expect(o.statusLine).toBe('HTTP/1.0 500 Internal Server Error');
		expect(o.statusLine).toBe(p.statusLine);
		expect(o.text).toBe('A server error occurred.  Please contact the administrator.');
		expect(o.text).toBe(p.text);
		expect(names(o)).toEqual(names(p));
		expect(await waitUntil(() => ours.stderr().includes('app failed'))).toBe(true);
	});

	it('an exception after the headers truncates the response', async () => {
		const { ours: o, python: p } = await both(simpleGet('/late-error'));
		expect(o.status).toBe(200);
		expect(o.text).toBe('first\n');
		expect(o.text).toBe(p.text);
	});

	it.each([
		['/twice', 'Headers already set!'],
		['/hop', "Hop-by-hop header, 'Connection: close', not allowed"],
		['/str', 'write() argument must be a bytes instance'],
	])('%s breaks the start_response rules → 500', async (path, message) => {
		const { ours: o, python: p } = await both(simpleGet(path));
		expect(o.status).toBe(500);
		expect(p.status).toBe(500);
		expect(
			await waitUntil(() => ours.stderr().includes(message) && python.stderr().includes(message)),
		).toBe(true);
	});

	it('start_response with exc_info replaces the status before the headers are sent', async () => {
		const { ours: o, python: p } = await both(simpleGet('/exc'));
		expect(o.statusLine).toBe('HTTP/1.0 503 Service Unavailable');
		expect(o.statusLine).toBe(p.statusLine);
		expect(o.text).toBe('replaced\n');
	});

	it('always calls close() on the returned iterable', async () => {
		const before = await both(simpleGet('/closed'));
		await both(simpleGet('/close'));
		const after = await both(simpleGet('/closed'));
		expect(Number(after.ours.text)).toBe(Number(before.ours.text) + 1);
		expect(Number(after.python.text)).toBe(Number(before.python.text) + 1);
	});

	it('accepts async iterables and runs their finally block (close → return())', async () => {
		expect(difference('wsgi-iterables').area).toBe('wsgiref');
		const before = Number((await rawRequest(ours.port, simpleGet('/closed'))).text);
		const response = await rawRequest(ours.port, simpleGet('/async-gen'));
		expect(response.text).toBe('async one\nasync two\n');
		expect(Number((await rawRequest(ours.port, simpleGet('/closed'))).text)).toBe(before + 1);
	});

	it('refuses a header value with CR/LF that Python would send', async () => {
		const { ours: o, python: p } = await both(simpleGet('/crlf'));
		expect(difference('header-crlf').ours).toContain('500');
		expect(p.status).toBe(200);
		expect(p.header('Injected')).toBe('yes');
		expect(o.status).toBe(500);
		expect(o.header('Injected')).toBeUndefined();
	});

	it('drops the body of a HEAD response but keeps its length', async () => {
		const { ours: o, python: p } = await both('HEAD /one HTTP/1.0\r\n\r\n');
		expect(difference('wsgi-head-body').area).toBe('wsgiref');
		expect(p.text).toBe('hello\n');
		expect(o.body.length).toBe(0);
		expect(o.header('Content-Length')).toBe(p.header('Content-Length'));
	});

	it('wsgi.input reads the body and stops at CONTENT_LENGTH', async () => {
		expect(difference('wsgi-input-async').area).toBe('wsgiref');
		const { ours: o, python: p } = await both(
			'POST /post HTTP/1.0\r\nContent-Length: 5\r\n\r\nhello',
		);
		expect(o.text).toBe('got hello');
		expect(o.text).toBe(p.text);
		// read() without a size returns at CONTENT_LENGTH even though more bytes follow.
		const extra = await rawRequest(
			ours.port,
			'POST /post HTTP/1.0\r\nContent-Length: 5\r\n\r\nhelloEXTRA',
		);
		expect(extra.text).toBe('got hello');
	});

	it('answers a malformed request line with a status line (Python: body only)', async () => {
		const { ours: o, python: p } = await both('GET / HTTP/1.x\r\n\r\n');
		expect(difference('error-status-line').python).toContain('wsgiref');
		expect(p.statusLine).toBeNull();
		expect(o.status).toBe(400);
		expect(o.text).toBe(p.text);
	});
});

describe('validator', () => {
	it('lets a valid app through', async () => {
		const { ours: o, python: p } = await both(simpleGet('/validate/ok'));
		expect(o.status).toBe(200);
		expect(p.status).toBe(200);
		// Python's observed side effect, kept: the wrapper hides len(), so no Content-Length.
		expect(o.header('Content-Length')).toBeUndefined();
		expect(p.header('Content-Length')).toBeUndefined();
	});

	it.each([
		['str-chunk', 'Iterator yielded non-bytestring'],
		['no-content-type', 'No Content-Type header found in headers'],
		['bad-status', 'Status codes must be three characters'],
		['bad-header-name', "Names may not end in '-' or '_'"],
		['no-start-response', 'start_response has not yet been called'],
		['content-type-204', 'Content-Type header found in a 204 response'],
		['string-result', 'You should not return a string as your application iterator'],
	])('flags %s like wsgiref.validate (500)', async (kind, message) => {
		const { ours: o, python: p } = await both(simpleGet(`/validate/${kind}`));
		expect(o.status).toBe(500);
		expect(p.status).toBe(500);
		expect(
			await waitUntil(() => ours.stderr().includes(message) && python.stderr().includes(message)),
		).toBe(true);
	});

	it('allows read() without an argument, as PEP 3333 does', async () => {
		const { ours: o, python: p } = await both(
			'POST /validate/read-no-arg HTTP/1.0\r\nContent-Length: 2\r\n\r\nhi',
		);
		expect(difference('wsgi-validator-read').area).toBe('wsgiref');
		expect(p.status).toBe(500);
		expect(o.status).toBe(200);
	});
});

describe('demoApp', () => {
	it("prints environ like Python's demo_app", async () => {
		const demo = await startServer(snippetNode(), [
			`${PROJECT_ROOT}snippets/_shared/wsgiref.mjs`,
			'0',
		]);
		const pyDemo = await startServer(pythonBinary(), [
			'-u',
			'-c',
			[
				'from wsgiref.simple_server import make_server, demo_app',
				"s = make_server('127.0.0.1', 0, demo_app)",
				"print('Serving HTTP on 127.0.0.1 port', s.server_port, flush=True)",
				's.serve_forever()',
			].join('\n'),
		]);
		const [o, p] = await Promise.all([
			rawRequest(demo.port, simpleGet('/xyz?abc')),
			rawRequest(pyDemo.port, simpleGet('/xyz?abc')),
		]);
		expect(o.text.startsWith('Hello world!\n\n')).toBe(true);
		const lines = (text: string) => text.split('\n');
		for (const line of [
			"PATH_INFO = '/xyz'",
			"QUERY_STRING = 'abc'",
			"REQUEST_METHOD = 'GET'",
			"SERVER_PROTOCOL = 'HTTP/1.0'",
		]) {
			expect(lines(o.text)).toContain(line);
			expect(lines(p.text)).toContain(line);
		}
		await Promise.all([demo.stop(), pyDemo.stop()]);
	});
});
