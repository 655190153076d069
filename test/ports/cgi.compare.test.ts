// Our --cgi port beside CPython's `python3 -m http.server --cgi`, running the same scripts
// (the book's examples and the test fixtures) and comparing responses and CGI environments.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { difference } from '../../src/lib/ports/differences';
import { makeDocroot, type Docroot } from './docroot';
import { rawRequest, simpleGet, type RawRequestOptions, sendToBoth } from './raw-client';
import {
	startOurHttpServer,
	startPythonHttpServer,
	stopAll,
	waitUntil,
	type ServerProcess,
} from './servers';

let docroot: Docroot | undefined;
let ours: ServerProcess;
let python: ServerProcess;
// Both servers start with this in their own environment: Python hands it to every script.
const SERVER_PROXY = 'http://proxy.invalid:3128';

beforeAll(async () => {
	docroot = makeDocroot();
	const args = ['0', '-b', '127.0.0.1', '-d', docroot.root, '--cgi'];
	// Started from the parent folder, so "the server's cwd" and "the script's folder" differ.
	const options = { cwd: docroot.base, env: { ...process.env, HTTP_PROXY: SERVER_PROXY } };
	[ours, python] = await Promise.all([
		startOurHttpServer(args, options),
		startPythonHttpServer(args, options),
	]);
});

afterAll(async () => {
	await stopAll();
	docroot?.remove();
});

const both = (request: string | Buffer, options?: RawRequestOptions) =>
	sendToBoth({ ours, python }, request, options);

interface EnvDump {
	vars: Map<string, string>;
	/** Names of the variables the dumper lists without values (inherited from the server). */
	others: string[];
}

/** Parses the output of cgi-bin-examples/env.mjs and env.py. */
function parseEnvDump(text: string): EnvDump {
	const [meta = '', rest = ''] = text.split('\n\n');
	const vars = new Map<string, string>();
	for (const line of meta.split('\n')) {
		const equals = line.indexOf('=');
		if (equals > 0) vars.set(line.slice(0, equals), line.slice(equals + 1));
	}
	const others = rest.split('\n').slice(1).filter(Boolean);
	return { vars, others };
}

const ENV_REQUEST = (script: string) =>
	[
		`GET /cgi-bin/${script}/extra/a%20b?x=1&y=%20 HTTP/1.1`,
		'Host: example.test',
		'User-Agent: raw-client/1.0',
		'Accept: text/plain',
		'Cookie: a=1',
		'Cookie: b=2',
		'Referer: http://example.test/from',
		'X-Custom: custom value',
		'Proxy: http://attacker.invalid:8080',
		`Authorization: Basic ${Buffer.from('alice:secret').toString('base64')}`,
		'',
		'',
	].join('\r\n');

describe('the CGI environment (env.py, env.mjs)', () => {
	it.each(['env.py', 'env.mjs'])('%s: the variables both servers agree on', async (script) => {
		const { ours: o, python: p } = await both(ENV_REQUEST(script));
		expect(o.status).toBe(200);
		expect(p.status).toBe(200);
		const mine = parseEnvDump(o.text).vars;
		const theirs = parseEnvDump(p.text).vars;
		for (const name of [
			'GATEWAY_INTERFACE',
			'REQUEST_METHOD',
			'SCRIPT_NAME',
			'PATH_INFO',
			'QUERY_STRING',
			'REMOTE_ADDR',
			'REMOTE_HOST',
			'SERVER_NAME',
			'CONTENT_LENGTH',
			'HTTP_USER_AGENT',
			'HTTP_ACCEPT',
			'HTTP_COOKIE',
			'HTTP_REFERER',
		]) {
			expect(mine.get(name), name).toBeDefined();
			expect(mine.get(name), name).toBe(theirs.get(name));
		}
		expect(mine.get('SCRIPT_NAME')).toBe(`/cgi-bin/${script}`);
		expect(mine.get('PATH_INFO')).toBe('/extra/a b');
		expect(mine.get('QUERY_STRING')).toBe('x=1&y=%20');
		expect(mine.get('HTTP_COOKIE')).toBe('a=1, b=2');
		expect(mine.get('SERVER_PORT')).toBe(String(ours.port));
		expect(theirs.get('SERVER_PORT')).toBe(String(python.port));
		expect(mine.get('SERVER_SOFTWARE')).toMatch(/^SimpleHTTP\/0\.6 Node\.js\//);
		expect(theirs.get('SERVER_SOFTWARE')).toMatch(/^SimpleHTTP\/0\.6 Python\//);
	});

	it("sets SERVER_PROTOCOL to the request's version", async () => {
		const { ours: o, python: p } = await both(ENV_REQUEST('env.py'));
		expect(difference('cgi-server-protocol').area).toBe('cgi');
		expect(parseEnvDump(p.text).vars.get('SERVER_PROTOCOL')).toBe('HTTP/1.0');
		expect(parseEnvDump(o.text).vars.get('SERVER_PROTOCOL')).toBe('HTTP/1.1');
	});

	it('sets CONTENT_TYPE only when the request has one', async () => {
		const { ours: o, python: p } = await both(ENV_REQUEST('env.py'));
		expect(difference('cgi-content-type').area).toBe('cgi');
		expect(parseEnvDump(p.text).vars.get('CONTENT_TYPE')).toBe('text/plain');
		expect(parseEnvDump(o.text).vars.has('CONTENT_TYPE')).toBe(false);
		const post = await both(
			'POST /cgi-bin/env.py HTTP/1.0\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}',
		);
		expect(parseEnvDump(post.ours.text).vars.get('CONTENT_TYPE')).toBe('application/json');
		expect(parseEnvDump(post.ours.text).vars.get('CONTENT_LENGTH')).toBe('2');
		expect(parseEnvDump(post.ours.text).vars.get('CONTENT_LENGTH')).toBe(
			parseEnvDump(post.python.text).vars.get('CONTENT_LENGTH'),
		);
	});

	it('passes every request header as HTTP_*, but never Proxy (httpoxy)', async () => {
		const { ours: o, python: p } = await both(ENV_REQUEST('env.mjs'));
		expect(difference('cgi-http-headers').area).toBe('cgi');
		const mine = parseEnvDump(o.text).vars;
		const theirs = parseEnvDump(p.text).vars;
		expect(mine.get('HTTP_HOST')).toBe('example.test');
		expect(mine.get('HTTP_X_CUSTOM')).toBe('custom value');
		expect(theirs.has('HTTP_HOST')).toBe(false);
		expect(theirs.has('HTTP_X_CUSTOM')).toBe(false);
		expect(mine.has('HTTP_PROXY')).toBe(false);
		expect(mine.has('HTTP_AUTHORIZATION')).toBe(false);
		// Python never maps the request's Proxy header either...
		expect(theirs.get('HTTP_PROXY')).not.toBe('http://attacker.invalid:8080');
	});

	it("gives scripts the CGI variables and PATH, not the server's environment", async () => {
		const { ours: o, python: p } = await both(ENV_REQUEST('env.mjs'));
		expect(difference('cgi-env-minimal').area).toBe('cgi');
		// ...but it copies its own environment, so the server's HTTP_PROXY reaches the script.
		expect(parseEnvDump(p.text).vars.get('HTTP_PROXY')).toBe(SERVER_PROXY);
		expect(parseEnvDump(p.text).others.length).toBeGreaterThan(3);
		expect(parseEnvDump(o.text).vars.has('HTTP_PROXY')).toBe(false);
		expect(parseEnvDump(o.text).others).toEqual(['PATH']);
	});

	it('does not trust an unverified Authorization header for REMOTE_USER', async () => {
		const { ours: o, python: p } = await both(ENV_REQUEST('env.py'));
		expect(difference('cgi-remote-user').area).toBe('cgi');
		expect(parseEnvDump(p.text).vars.get('REMOTE_USER')).toBe('alice');
		expect(parseEnvDump(p.text).vars.get('AUTH_TYPE')).toBe('Basic');
		expect(parseEnvDump(o.text).vars.has('REMOTE_USER')).toBe(false);
		expect(parseEnvDump(o.text).vars.has('AUTH_TYPE')).toBe(false);
	});

	it('decodes PATH_INFO once and leaves PATH_TRANSLATED unset without PATH_INFO', async () => {
		expect(difference('cgi-path-info').area).toBe('cgi');
		const encoded = await both(simpleGet('/cgi-bin/env.py/x%2520y'));
		expect(parseEnvDump(encoded.python.text).vars.get('PATH_INFO')).toBe('/x y');
		expect(parseEnvDump(encoded.ours.text).vars.get('PATH_INFO')).toBe('/x%20y');
		expect(parseEnvDump(encoded.ours.text).vars.get('PATH_TRANSLATED')).toBe(
			path.join(docroot?.root ?? '', 'x%20y'),
		);
		const bare = await both(simpleGet('/cgi-bin/env.py'));
		expect(parseEnvDump(bare.python.text).vars.get('PATH_TRANSLATED')).toBe(docroot?.root);
		expect(parseEnvDump(bare.ours.text).vars.has('PATH_TRANSLATED')).toBe(false);
	});
});

describe('finding the script', () => {
	it('resolves CGI paths like Python', async () => {
		const cases: Array<[string, number, string | null]> = [
			['/cgi-bin%2fenv.py', 200, 'GATEWAY_INTERFACE=CGI/1.1'],
			['/dir/../cgi-bin/env.py', 200, 'GATEWAY_INTERFACE=CGI/1.1'],
			['/cgi-bin/./env.py', 200, 'GATEWAY_INTERFACE=CGI/1.1'],
			['/htbin/env.mjs', 200, 'SCRIPT_NAME=/htbin/env.mjs'],
			['/cgi-bin/sub/env.mjs/more', 200, 'SCRIPT_NAME=/cgi-bin/sub/env.mjs'],
			['/cgi-bin/%2e%2e/a.txt', 200, 'hello from a.txt'],
			['/cgi-bin', 301, null],
			['/cgi-bin/', 403, null],
			['/cgi-bin/sub', 403, null],
			['/cgi-bin/nothing.py', 404, null],
		];
		for (const [target, status, needle] of cases) {
			const { ours: o, python: p } = await both(simpleGet(target));
			expect(o.status, target).toBe(status);
			expect(p.status, target).toBe(status);
			if (needle) {
				expect(o.text, target).toContain(needle);
				expect(p.text, target).toContain(needle);
			}
			if (status >= 400) expect(o.statusLine, target).toBe(p.statusLine);
		}
	});

	it('POST outside the CGI folders is 501 on both', async () => {
		const { ours: o, python: p } = await both('POST /a.txt HTTP/1.0\r\nContent-Length: 0\r\n\r\n');
		expect(o.statusLine).toBe('HTTP/1.0 501 Can only POST to CGI scripts');
		expect(o.statusLine).toBe(p.statusLine);
	});

	it('stops at the top on too many .. where Python drops the connection', async () => {
		expect(difference('cgi-collapse-indexerror').area).toBe('cgi');
		for (const target of ['/cgi-bin/..%2f..%2f..%2fetc/passwd', '/../../x']) {
			const { ours: o, python: p } = await both(simpleGet(target));
			expect(p.dropped, target).toBe(true);
			expect(o.status, target).toBe(404);
		}
	});

	it('runs .mjs scripts with Node even without the execute bit', async () => {
		const { ours: o, python: p } = await both(simpleGet('/cgi-bin/noexec.mjs'));
		expect(difference('cgi-node-scripts').area).toBe('cgi');
		expect(p.statusLine).toBe("HTTP/1.0 403 CGI script is not executable ('/cgi-bin/noexec.mjs')");
		expect(o.status).toBe(200);
	});
});

describe('running the script', () => {
	it('form.py and form.mjs read the POSTed form from stdin', async () => {
		const body = 'name=%ED%99%8D%EA%B8%B8%EB%8F%99&message=%3Cb%3Ehi%3C%2Fb%3E+there';
		for (const script of ['form.py', 'form.mjs']) {
			const request =
				`POST /cgi-bin/${script} HTTP/1.0\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
				`Content-Length: ${body.length}\r\n\r\n${body}`;
			const { ours: o, python: p } = await both(request);
			expect(o.status, script).toBe(200);
			expect(p.status, script).toBe(200);
			expect(o.text).toContain('<tr><th>name</th><td>홍길동</td></tr>');
			expect(o.text).toContain('<tr><th>message</th><td>&lt;b&gt;hi&lt;/b&gt; there</td></tr>');
			expect(o.text).toBe(p.text);
		}
	});

	it('turns Status: into the status line, where Python sends 200 and the header', async () => {
		const { ours: o, python: p } = await both(simpleGet('/cgi-bin/status.mjs'));
		expect(difference('cgi-status-header').area).toBe('cgi');
		expect(p.statusLine).toBe('HTTP/1.0 200 Script output follows');
		expect(p.header('Status')).toBe('404 Not Here');
		expect(o.statusLine).toBe('HTTP/1.0 404 Not Here');
		expect(o.header('Status')).toBeUndefined();
		expect(o.header('X-Script')).toBe('yes');
		expect(o.text).toBe('missing\n');
		expect(o.text).toBe(p.text);
	});

	it('rewrites LF-only script headers as CRLF after its own Server and Date', async () => {
		const { ours: o, python: p } = await both(simpleGet('/cgi-bin/status.mjs'));
		expect(difference('cgi-header-parsing').area).toBe('cgi');
		expect(p.crlf).toBe(false);
		expect(o.crlf).toBe(true);
		expect(o.headers.map(([name]) => name)).toEqual(['Server', 'Date', 'Content-Type', 'X-Script']);
	});

	it('turns an absolute Location into 302 and a local one into an internal redirect', async () => {
		expect(difference('cgi-location-redirect').area).toBe('cgi');
		const client = await both(simpleGet('/cgi-bin/client-redirect.mjs'));
		expect(client.python.status).toBe(200);
		expect(client.python.header('Location')).toBe('http://example.com/elsewhere');
		expect(client.ours.statusLine).toBe('HTTP/1.0 302 Found');
		expect(client.ours.header('Location')).toBe('http://example.com/elsewhere');
		const local = await both(simpleGet('/cgi-bin/local-redirect.mjs'));
		expect(local.python.header('Location')).toBe('/a.txt');
		expect(local.python.text).toBe('');
		expect(local.ours.status).toBe(200);
		expect(local.ours.header('Location')).toBeUndefined();
		expect(local.ours.text).toBe('hello from a.txt\n');
	});

	it("redirect.mjs (the book's example) sends 303 with a relative Location", async () => {
		const { ours: o, python: p } = await both(
			'POST /cgi-bin/redirect.mjs HTTP/1.0\r\nContent-Length: 0\r\n\r\n',
		);
		expect(o.statusLine).toBe('HTTP/1.0 303 See Other');
		expect(o.header('Location')).toBe('/cgi-bin/form.mjs');
		expect(p.status).toBe(200);
		expect(p.header('Status')).toBe('303 See Other');
		expect(o.text).toBe(p.text);
	});

	it('answers broken script output with 502, where Python has already said 200', async () => {
		expect(difference('cgi-invalid-output-502').area).toBe('cgi');
		for (const target of [
			'/cgi-bin/crash.mjs',
			'/cgi-bin/garbage.mjs?mode=binary',
			'/cgi-bin/garbage.mjs?mode=empty',
		]) {
			const { ours: o, python: p } = await both(simpleGet(target));
			expect(p.statusLine, target).toBe('HTTP/1.0 200 Script output follows');
			expect(o.statusLine, target).toBe('HTTP/1.0 502 Bad CGI response');
		}
		// Both log the failing exit code the same way.
		const logged = 'CGI script exit code 1';
		expect(
			await waitUntil(() => ours.stderr().includes(logged) && python.stderr().includes(logged)),
		).toBe(true);
	});

	it('drops the body of a HEAD response', async () => {
		const { ours: o, python: p } = await both('HEAD /cgi-bin/env.py HTTP/1.0\r\n\r\n');
		expect(difference('cgi-head-body').area).toBe('cgi');
		expect(p.text).toContain('REQUEST_METHOD=HEAD');
		expect(o.status).toBe(200);
		expect(o.header('Content-Type')).toBe('text/plain; charset=utf-8');
		expect(o.body.length).toBe(0);
	});

	it('builds argv from an indexed query the RFC 3875 way', async () => {
		expect(difference('cgi-argv').area).toBe('cgi');
		const words = await both(simpleGet('/cgi-bin/info.mjs?a+b%21+c'));
		expect(JSON.parse(words.python.text).argv).toEqual(['a b%21 c']);
		expect(JSON.parse(words.ours.text).argv).toEqual(['a', 'b!', 'c']);
		const none = await both(simpleGet('/cgi-bin/info.mjs'));
		expect(JSON.parse(none.python.text).argv).toEqual(['']);
		expect(JSON.parse(none.ours.text).argv).toEqual([]);
		const form = await both(simpleGet('/cgi-bin/info.mjs?a=b'));
		expect(JSON.parse(form.ours.text).argv).toEqual(JSON.parse(form.python.text).argv);
	});

	it('runs the script in its own folder', async () => {
		const { ours: o, python: p } = await both(simpleGet('/cgi-bin/info.mjs'));
		expect(difference('cgi-cwd').area).toBe('cgi');
		expect(JSON.parse(p.text).cwd).toBe(docroot?.base);
		expect(JSON.parse(o.text).cwd).toBe(path.join(docroot?.root ?? '', 'cgi-bin'));
	});

	it('drops root privileges for scripts, group included', async () => {
		const { ours: o, python: p } = await both(simpleGet('/cgi-bin/info.mjs'));
		expect(difference('cgi-nobody-gid').area).toBe('cgi');
		const mine = JSON.parse(o.text) as { uid: number; gid: number };
		const theirs = JSON.parse(p.text) as { uid: number; gid: number };
		if (process.getuid?.() === 0) {
			expect(theirs.uid).not.toBe(0);
			expect(theirs.gid).toBe(0);
			expect(mine.uid).toBe(theirs.uid);
			expect(mine.gid).not.toBe(0);
		} else {
			// Not root: neither server can change users; both scripts run as us.
			expect(mine.uid).toBe(process.getuid?.());
			expect(theirs.uid).toBe(mine.uid);
		}
	});

	it('ends stdin after CONTENT_LENGTH bytes and refuses chunked bodies', async () => {
		expect(difference('cgi-body-stdin').area).toBe('cgi');
		const eof = await rawRequest(
			ours.port,
			'POST /cgi-bin/stdin.mjs HTTP/1.0\r\nContent-Length: 5\r\n\r\nhelloEXTRA',
		);
		expect(eof.text).toBe('read 5 bytes until EOF\n');
		const chunked =
			'POST /cgi-bin/form.py HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n' +
			'Transfer-Encoding: chunked\r\n\r\n6\r\nname=x\r\n0\r\n\r\n';
		const { ours: o, python: p } = await both(chunked);
		expect(p.status).toBe(200);
		expect(p.text).toContain('(받은 값이 없습니다)');
		expect(o.status).toBe(411);
	});

	it('logs script stderr with control characters escaped', async () => {
		await both(simpleGet('/cgi-bin/stderr.mjs'));
		expect(difference('cgi-stderr-log').area).toBe('cgi');
		expect(
			await waitUntil(() => ours.stderr().includes('CGI stderr: \\x1b[31mred alert\\x1b[0m')),
		).toBe(true);
		expect(await waitUntil(() => python.stderr().includes('\x1b[31mred alert'))).toBe(true);
		expect(ours.stderr()).not.toContain('\x1b');
	});
});
