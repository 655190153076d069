// Our http.server port beside CPython's `python3 -m http.server`: the same raw requests to both,
// comparing what must agree, and checking each deliberate difference by its id in the table.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { difference } from '../../src/lib/ports/differences';
import {
	AWKWARD_NAMES,
	FIXED_MTIME,
	makeDocroot,
	SECRET,
	UNDECODABLE_NAMES,
	type Docroot,
} from './docroot';
import {
	rawRequest,
	simpleGet,
	type RawRequestOptions,
	sendToBoth,
	headerNames,
} from './raw-client';
import {
	startFixture,
	startOurHttpServer,
	startPythonHttpServer,
	stopAll,
	waitUntil,
	type ServerProcess,
} from './servers';

let docroot: Docroot | undefined;
let ours: ServerProcess;
let python: ServerProcess;

beforeAll(async () => {
	docroot = makeDocroot();
	const args = ['0', '-b', '127.0.0.1', '-d', docroot.root];
	[ours, python] = await Promise.all([
		startOurHttpServer(args, { cwd: docroot.root }),
		startPythonHttpServer(args, { cwd: docroot.root }),
	]);
});

afterAll(async () => {
	await stopAll();
	docroot?.remove();
});

const both = (request: string | Buffer, options?: RawRequestOptions) =>
	sendToBoth({ ours, python }, request, options);

const names = headerNames;

describe('files', () => {
	const files = [
		'/a.txt',
		'/page.html',
		'/UPPER.HTML',
		'/style.css',
		'/data.json',
		'/image.png',
		'/arch.tar.gz',
		'/script.js',
		'/notes.md',
		'/noext',
		'/file.unknownext',
	];

	it.each(files)('GET %s: same status line, headers and body', async (path) => {
		const { ours: o, python: p } = await both(simpleGet(path));
		expect(o.statusLine).toBe('HTTP/1.0 200 OK');
		expect(o.statusLine).toBe(p.statusLine);
		// Python's order: Server, Date, then the handler's headers (with its lower-case "Content-type").
		expect(names(o)).toEqual(['Server', 'Date', 'Content-type', 'Content-Length', 'Last-Modified']);
		expect(names(o)).toEqual(names(p));
		expect(o.header('Content-type')).toBe(p.header('Content-type'));
		expect(o.header('Content-Length')).toBe(p.header('Content-Length'));
		expect(o.header('Last-Modified')).toBe(FIXED_MTIME.toUTCString());
		expect(o.header('Last-Modified')).toBe(p.header('Last-Modified'));
		expect(o.body.equals(p.body)).toBe(true);
	});

	it('names the server like Python, with Node.js in place of Python', async () => {
		const { ours: o, python: p } = await both(simpleGet('/a.txt'));
		expect(difference('server-header').area).toBe('http.server');
		expect(o.header('Server')).toMatch(/^SimpleHTTP\/0\.6 Node\.js\/\d+\.\d+\.\d+$/);
		expect(p.header('Server')).toMatch(/^SimpleHTTP\/0\.6 Python\/3\.\d+\.\d+$/);
	});

	it('uses a fixed type table where Python reads /etc/mime.types', async () => {
		const { ours: o, python: p } = await both(simpleGet('/types.ts'));
		expect(difference('mime-table').python).toContain('/etc/mime.types');
		expect(o.status).toBe(200);
		expect(o.header('Content-type')).toBe('application/octet-stream');
		// Python's answer depends on the machine; it is whatever mimetypes found.
		expect(p.header('Content-type')).toBeTruthy();
	});

	it('HEAD sends the same headers and no body', async () => {
		const { ours: o, python: p } = await both('HEAD /a.txt HTTP/1.0\r\n\r\n');
		expect(o.statusLine).toBe(p.statusLine);
		expect(names(o)).toEqual(names(p));
		expect(o.header('Content-Length')).toBe('17');
		expect(o.body.length).toBe(0);
		expect(p.body.length).toBe(0);
	});

	it('answers If-Modified-Since like Python', async () => {
		const cases = [
			FIXED_MTIME.toUTCString(), // equal: not modified
			new Date(FIXED_MTIME.getTime() + 3600_000).toUTCString(), // later: not modified
			new Date(FIXED_MTIME.getTime() - 3600_000).toUTCString(), // earlier: modified
			'not a date', // ignored
		];
		for (const date of cases) {
			const { ours: o, python: p } = await both(
				simpleGet('/a.txt', `If-Modified-Since: ${date}\r\n`),
			);
			expect(o.status, date).toBe(p.status);
			expect(names(o), date).toEqual(names(p));
		}
		const notModified = await both(simpleGet('/a.txt', `If-Modified-Since: ${cases[0]}\r\n`));
		expect(notModified.ours.status).toBe(304);
		expect(names(notModified.ours)).toEqual(['Server', 'Date']);
		// If-None-Match wins over If-Modified-Since.
		const withEtag = await both(
			simpleGet('/a.txt', `If-Modified-Since: ${cases[0]}\r\nIf-None-Match: "x"\r\n`),
		);
		expect(withEtag.ours.status).toBe(200);
		expect(withEtag.python.status).toBe(200);
	});

	it('404 pages are byte-for-byte the same apart from Server and Date', async () => {
		for (const path of ['/missing.txt', '/a.txt/', '/dir/nothing/']) {
			const { ours: o, python: p } = await both(simpleGet(path));
			expect(o.statusLine, path).toBe('HTTP/1.0 404 File not found');
			expect(o.statusLine, path).toBe(p.statusLine);
			expect(names(o)).toEqual(['Server', 'Date', 'Connection', 'Content-Type', 'Content-Length']);
			expect(names(o)).toEqual(names(p));
			expect(o.text).toBe(p.text);
		}
	});
});

describe('directories', () => {
	it('lists a directory exactly like Python (escaping, quoting, order, / and @)', async () => {
		const { ours: o, python: p } = await both(simpleGet('/dir/'));
		expect(o.status).toBe(200);
		expect(o.header('Content-type')).toBe('text/html; charset=utf-8');
		expect(o.header('Content-type')).toBe(p.header('Content-type'));
		expect(o.text).toBe(p.text);
		// The entries the reader should notice, as both servers produced them.
		expect(o.text).toContain('<li><a href="a%281%29%21%2A%27~%20x.txt">a(1)!*\'~ x.txt</a></li>');
		expect(o.text).toContain('<li><a href="%3Cb%3E%26.txt">&lt;b&gt;&amp;.txt</a></li>');
		expect(o.text).toContain('<li><a href="%ED%95%9C%EA%B8%80.txt">한글.txt</a></li>');
		expect(o.text).toContain('<li><a href="link-sub/">link-sub@</a></li>');
		expect(o.text).toContain('<li><a href="sub/">sub/</a></li>');
		for (const name of AWKWARD_NAMES)
			expect(o.text).toContain(
				`>${name.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')}<`,
			);
	});

	it('lists names that are not UTF-8 byte for byte like Python, with links that open them', async () => {
		const { ours: o, python: p } = await both(simpleGet('/bytes/'));
		expect(o.status).toBe(200);
		expect(o.body.equals(p.body)).toBe(true);
		// Python's surrogateescape: the raw byte in the text, the byte as an escaped surrogate in the link.
		expect(o.body.includes(Buffer.from('>caf\xe9.txt<', 'latin1'))).toBe(true);
		const hrefs = [...o.body.toString('latin1').matchAll(/href="([^"]+)"/g)].map((m) => m[1] ?? '');
		expect(hrefs).toContain('caf%ED%B3%A9.txt');
		expect(hrefs).toHaveLength(UNDECODABLE_NAMES.length);
		for (const href of hrefs) {
			const { ours: file, python: peer } = await both(simpleGet(`/bytes/${href}`));
			expect(file.status, href).toBe(200);
			expect(file.text).toMatch(/^bytes [0-9a-f]+\n$/);
			expect(file.text).toBe(peer.text);
		}
		// The raw byte itself (%E9) is not UTF-8: a bad path for us, a name with U+FFFD (404) for Python.
		expect(difference('bad-path-400').ours).toContain('UTF-8');
		const raw = await both(simpleGet('/bytes/caf%E9.txt'));
		expect(raw.ours.status).toBe(400);
		expect(raw.python.status).toBe(404);
	});

	it('puts the query in the listing title, escaped, like Python', async () => {
		const { ours: o, python: p } = await both(simpleGet('/dir/?q=%3Cb%3E&x=1'));
		expect(o.text).toContain('<title>Directory listing for /dir/?q=&lt;b&gt;&amp;x=1</title>');
		expect(o.text).toBe(p.text);
	});

	it('serves index.html for a directory', async () => {
		const { ours: o, python: p } = await both(simpleGet('/withindex/'));
		expect(o.text).toBe('<p>index</p>\n');
		expect(o.text).toBe(p.text);
	});

	it('redirects to the trailing-slash URL, keeping query and fragment', async () => {
		for (const [path, location] of [
			['/dir', '/dir/'],
			['/sp%20ace?a=%20#f', '/sp%20ace/?a=%20#f'],
			['/withindex?x=1', '/withindex/?x=1'],
		] as const) {
			const { ours: o, python: p } = await both(simpleGet(path));
			expect(o.statusLine, path).toBe('HTTP/1.0 301 Moved Permanently');
			expect(o.statusLine).toBe(p.statusLine);
			expect(o.header('Location'), path).toBe(location);
			expect(o.header('Location')).toBe(p.header('Location'));
			expect(o.header('Content-Length')).toBe('0');
			expect(names(o)).toEqual(names(p));
		}
	});

	it('collapses a leading // so the redirect stays on this site (CVE-2021-28861)', async () => {
		const { ours: o, python: p } = await both(simpleGet('//example.com/..%2f..%2fdir'));
		expect(o.status).toBe(301);
		expect(o.header('Location')).toBe('/example.com/..%2f..%2fdir/');
		expect(o.header('Location')).toBe(p.header('Location'));
	});

	it('closes the /\\host variant that Python leaves open', async () => {
		const { ours: o, python: p } = await both(simpleGet('/\\example.com/%2e%2e%2fdir'));
		expect(difference('backslash-redirect').area).toBe('http.server');
		expect(p.status).toBe(301);
		expect(p.header('Location')).toBe('/\\example.com/%2e%2e%2fdir/');
		expect(o.status).toBe(301);
		expect(o.header('Location')).toBe('/example.com/%2e%2e%2fdir/');
		// A browser resolves Python's Location to another host, ours to this one.
		expect(new URL(p.header('Location') ?? '', 'http://127.0.0.1/').host).toBe('example.com');
		expect(new URL(o.header('Location') ?? '', 'http://127.0.0.1/').host).toBe('127.0.0.1');
	});

	it('follows symlinks inside the folder but not out of it', async () => {
		expect(difference('symlink-containment').area).toBe('http.server');
		const inside = await both(simpleGet('/link-in'));
		expect(inside.ours.status).toBe(200);
		expect(inside.ours.text).toBe(inside.python.text);
		for (const path of ['/link-out', '/link-dir-out/secret.txt']) {
			const { ours: o, python: p } = await both(simpleGet(path));
			expect(p.status, path).toBe(200);
			expect(p.text).toBe(SECRET);
			expect(o.status, path).toBe(404);
			expect(o.text).not.toContain('TOP SECRET');
		}
	});
});

describe('request parsing', () => {
	it('answers unsupported methods with 501 like Python', async () => {
		for (const line of [
			'POST /a.txt HTTP/1.0',
			'get /a.txt HTTP/1.0',
			'BREW /pot HTTP/1.0',
			'PUT /a.txt HTTP/1.1',
		]) {
			const { ours: o, python: p } = await both(`${line}\r\nContent-Length: 0\r\n\r\n`);
			expect(o.status, line).toBe(501);
			expect(o.statusLine).toBe(p.statusLine);
			expect(o.text).toBe(p.text);
		}
	});

	it('sends a status line for early errors, where Python sends only the HTML body', async () => {
		expect(difference('error-status-line').area).toBe('http.server');
		for (const [request, code] of [
			['GET / HTTP/1.x\r\n\r\n', 400],
			['GET / http/1.0\r\n\r\n', 400],
			['GET / HTTP/1\r\n\r\n', 400],
			['GET / HTTP/2.0\r\n\r\n', 505],
			['GET\r\n\r\n', 400],
			['POST /a.txt\r\n\r\n', 400],
		] as const) {
			const { ours: o, python: p } = await both(request);
			expect(p.statusLine, request).toBeNull();
			expect(p.text).toContain(`<p>Error code: ${code}</p>`);
			expect(o.status, request).toBe(code);
			expect(o.header('Connection')).toBe('close');
			// Same page, same message (Python's repr() quoting included).
			expect(o.text).toBe(p.text);
		}
	});

	it("keeps Python's reason phrase when Python does send a status line", async () => {
		const { ours: o, python: p } = await both('GET /a b HTTP/1.0\r\n\r\n');
		expect(o.statusLine).toBe("HTTP/1.0 400 Bad request syntax ('GET /a b HTTP/1.0')");
		expect(o.statusLine).toBe(p.statusLine);
		expect(o.text).toBe(p.text);
	});

	it('answers an HTTP/0.9 request with a full HTTP/1.0 response', async () => {
		const { ours: o, python: p } = await both('GET /a.txt\r\n\r\n');
		expect(difference('http09-response').area).toBe('http.server');
		expect(p.statusLine).toBeNull();
		expect(p.text).toBe('hello from a.txt\n');
		expect(o.statusLine).toBe('HTTP/1.0 200 OK');
		expect(o.text).toBe(p.text);
	});

	it('limits the request line to 65536 bytes (414)', async () => {
		const { ours: o, python: p } = await both(`GET /${'a'.repeat(70_000)} HTTP/1.0\r\n\r\n`);
		expect(o.statusLine).toBe('HTTP/1.0 414 Request-URI Too Long');
		expect(o.statusLine).toBe(p.statusLine);
		expect(o.text).toBe(p.text);
	});

	it('limits a header line to 65536 bytes (431)', async () => {
		const { ours: o, python: p } = await both(
			simpleGet('/a.txt', `X-Big: ${'b'.repeat(70_000)}\r\n`),
		);
		expect(o.statusLine).toBe('HTTP/1.0 431 Line too long');
		expect(o.statusLine).toBe(p.statusLine);
		expect(o.text).toBe(p.text);
	});

	it('counts headers like Python: 99 pass, 100 are too many (the blank line counts)', async () => {
		const headers = (n: number) => Array.from({ length: n }, (_, i) => `X-H${i}: v\r\n`).join('');
		const ok = await both(`GET /a.txt HTTP/1.0\r\n${headers(99)}\r\n`);
		expect(ok.ours.status).toBe(200);
		expect(ok.python.status).toBe(200);
		const tooMany = await both(`GET /a.txt HTTP/1.0\r\n${headers(100)}\r\n`);
		expect(tooMany.ours.statusLine).toBe('HTTP/1.0 431 Too many headers');
		expect(tooMany.ours.statusLine).toBe(tooMany.python.statusLine);
		expect(tooMany.ours.text).toBe(tooMany.python.text);
	});

	it('accepts bare LF line endings and a missing Host, like Python', async () => {
		const { ours: o, python: p } = await both('GET /a.txt HTTP/1.1\nX-A: 1\n\n');
		expect(o.status).toBe(200);
		expect(p.status).toBe(200);
		expect(o.version).toBe('HTTP/1.0');
	});

	it('uses the path of an absolute-form target', async () => {
		const { ours: o, python: p } = await both(
			'GET http://localhost/a.txt HTTP/1.1\r\nHost: localhost\r\n\r\n',
		);
		expect(difference('absolute-form').area).toBe('http.server');
		expect(p.status).toBe(404);
		expect(o.status).toBe(200);
		expect(o.text).toBe('hello from a.txt\n');
	});

	it('answers NUL bytes and broken escapes with 400 instead of a dropped connection or 404', async () => {
		expect(difference('bad-path-400').area).toBe('http.server');
		const nul = await both(simpleGet('/a.txt%00.html'));
		expect(nul.python.dropped).toBe(true);
		expect(nul.ours.status).toBe(400);
		const rawNul = await both(Buffer.from('GET /a\0b HTTP/1.0\r\n\r\n', 'latin1'));
		expect(rawNul.python.dropped).toBe(true);
		expect(rawNul.ours.status).toBe(400);
		const badEscape = await both(simpleGet('/%ZZ'));
		expect(badEscape.python.status).toBe(404);
		expect(badEscape.ours.status).toBe(400);
		const notUtf8 = await both(simpleGet('/%ff.txt'));
		expect(notUtf8.python.status).toBe(404);
		expect(notUtf8.ours.status).toBe(400);
	});

	it('rejects malformed header lines with 400 where Python lets them pass', async () => {
		expect(difference('bad-header-400').area).toBe('http.server');
		for (const header of ['X-A : 1', 'no colon here', 'X-\x7fA: 1']) {
			const { ours: o, python: p } = await both(simpleGet('/a.txt', `${header}\r\n`));
			expect(p.status, header).toBe(200);
			expect(o.status, header).toBe(400);
		}
	});

	it('logs requests like Python, escaping control characters (gh-100001)', async () => {
		await both(simpleGet('/a.txt'));
		await both(simpleGet('/esc\x1b[31mape'));
		const line = '"GET /a.txt HTTP/1.0" 200 -';
		expect(
			await waitUntil(() => ours.stderr().includes(line) && python.stderr().includes(line)),
		).toBe(true);
		// A control character in the target is a 400 for us (bad-path-400) and a 404 for Python;
		// both write it to the log as \x1b, never as a raw escape.
		const escaped = '"GET /esc\\x1b[31mape HTTP/1.0"';
		expect(await waitUntil(() => ours.stderr().includes(`${escaped} 400 -`))).toBe(true);
		expect(await waitUntil(() => python.stderr().includes(`${escaped} 404 -`))).toBe(true);
		expect(ours.stderr()).not.toContain('\x1b');
		// Same line shape: "127.0.0.1 - - [24/Nov/2025 05:44:00] ..."
		expect(ours.stderr()).toMatch(
			/^127\.0\.0\.1 - - \[\d\d\/[A-Z][a-z]{2}\/\d{4} \d\d:\d\d:\d\d\] /m,
		);
	});
});

describe('command line', () => {
	it('binds to 127.0.0.1 by default, where Python binds to every interface', async () => {
		expect(difference('default-bind').area).toBe('http.server');
		const [o, p] = await Promise.all([startOurHttpServer(['0']), startPythonHttpServer(['0'])]);
		expect(o.banner).toBe(
			`Serving HTTP on 127.0.0.1 port ${o.port} (http://127.0.0.1:${o.port}/) ...`,
		);
		// Python picks the wildcard address getaddrinfo() offers first: '::' or '0.0.0.0'.
		expect(p.banner).toMatch(new RegExp(`^Serving HTTP on (::|0\\.0\\.0\\.0) port ${p.port} `));
		await Promise.all([o.stop(), p.stop()]);
	});

	it('takes the port from $PORT when no port argument is given', async () => {
		expect(difference('port-env').area).toBe('http.server');
		const free = await new Promise<number>((resolve) => {
			const probe = net.createServer().listen(0, '127.0.0.1', () => {
				const address = probe.address();
				probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
			});
		});
		const server = await startOurHttpServer(['-d', docroot?.root ?? '.'], {
			env: { ...process.env, PORT: String(free) },
		});
		expect(server.port).toBe(free);
		expect((await rawRequest(free, simpleGet('/a.txt'))).status).toBe(200);
		await server.stop();
	});
});

describe('library use: a BaseHTTPRequestHandler subclass (my_httpserver)', () => {
	let mine: ServerProcess;
	let theirs: ServerProcess;
	beforeAll(async () => {
		[mine, theirs] = await Promise.all([
			startFixture('custom-handler.mjs'),
			startFixture('custom_handler.py'),
		]);
	});

	it("serves the handler's own response the same way", async () => {
		const [o, p] = await Promise.all([
			rawRequest(mine.port, simpleGet('/')),
			rawRequest(theirs.port, simpleGet('/')),
		]);
		expect(o.statusLine).toBe('HTTP/1.0 200 OK');
		expect(o.statusLine).toBe(p.statusLine);
		expect(names(o)).toEqual(names(p));
		expect(o.text).toBe('hello\n');
		expect(o.header('Server')).toMatch(/^BaseHTTP\/0\.6 /);
	});

	it('answers an exception in the handler with 500 where Python drops the connection', async () => {
		expect(difference('unexpected-error-500').area).toBe('http.server');
		const [o, p] = await Promise.all([
			rawRequest(mine.port, simpleGet('/boom')),
			rawRequest(theirs.port, simpleGet('/boom')),
		]);
		expect(p.dropped).toBe(true);
		expect(o.status).toBe(500);
		expect(
			await waitUntil(() =>
				mine.stderr().includes('Exception occurred during processing of request'),
			),
		).toBe(true);
		expect(theirs.stderr()).toContain('Exception occurred during processing of request');
		expect((await rawRequest(mine.port, simpleGet('/'))).status).toBe(200);
	});

	it('refuses a header value with CR/LF where Python lets it inject a header', async () => {
		expect(difference('header-crlf').area).toBe('http.server');
		const [o, p] = await Promise.all([
			rawRequest(mine.port, simpleGet('/inject')),
			rawRequest(theirs.port, simpleGet('/inject')),
		]);
		expect(p.status).toBe(200);
		expect(p.header('Injected')).toBe('yes');
		expect(o.status).toBe(500);
		expect(o.header('Injected')).toBeUndefined();
	});
});
