// How connections begin and end, beside CPython's server: clients that half-close after their request
// (`nc -N`, `printf … | nc -q0`), and `-p HTTP/1.1`, where one connection carries many requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { difference } from '../../src/lib/ports/differences';
import { FIXED_MTIME, makeDocroot, type Docroot } from './docroot';
import { Connection, rawRequest, simpleGet, sendToBoth } from './raw-client';
import { startOurHttpServer, startPythonHttpServer, stopAll, type ServerProcess } from './servers';

let docroot: Docroot | undefined;
/** The default protocol, HTTP/1.0: one request per connection. */
let plain: { ours: ServerProcess; python: ServerProcess };
/** `-p HTTP/1.1`: connections stay open. Ours closes an idle one after 2 s. */
let kept: { ours: ServerProcess; python: ServerProcess };

beforeAll(async () => {
	docroot = makeDocroot();
	const args = ['0', '-b', '127.0.0.1', '-d', docroot.root, '--cgi'];
	const keep = [...args, '-p', 'HTTP/1.1'];
	const [a, b, c, d] = await Promise.all([
		startOurHttpServer(args),
		startPythonHttpServer(args),
		startOurHttpServer([...keep, '--timeout', '2']),
		startPythonHttpServer(keep),
	]);
	plain = { ours: a, python: b };
	kept = { ours: c, python: d };
});

afterAll(async () => {
	await stopAll();
	docroot?.remove();
});

const get = (path: string, extra = '') => `GET ${path} HTTP/1.1\r\nHost: x\r\n${extra}\r\n`;

describe('a client that half-closes after sending its request', () => {
	const cases: Array<[string, string, number, string]> = [
		['a file', simpleGet('/a.txt'), 200, 'hello from a.txt\n'],
		['a listing', simpleGet('/dir/'), 200, 'Directory listing for /dir/'],
		['an error', simpleGet('/missing.txt'), 404, 'Nothing matches the given URI'],
		['a CGI script', simpleGet('/cgi-bin/env.mjs'), 200, 'GATEWAY_INTERFACE=CGI/1.1'],
		[
			'a CGI POST',
			'POST /cgi-bin/form.mjs HTTP/1.0\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 6\r\n\r\nname=x',
			200,
			'<tr><th>name</th><td>x</td></tr>',
		],
		['a request line without CRLF', 'GET /a.txt HTTP/1.0', 200, 'hello from a.txt\n'],
	];

	it.each(cases)(
		'gets the whole response for %s, every time, like Python',
		async (_, request, status, text) => {
			for (let i = 0; i < 5; i++) {
				const { ours: o, python: p } = await sendToBoth(plain, request, { halfClose: true });
				expect(p.status, `python, try ${i}`).toBe(status);
				expect(o.status, `ours, try ${i}`).toBe(status);
				expect(o.text).toContain(text);
				expect(o.header('Content-Length') ?? String(o.body.length)).toBe(String(o.body.length));
			}
		},
	);

	it('a half-close before anything is sent ends the connection quietly', async () => {
		const response = await rawRequest(plain.ours.port, '', { halfClose: true });
		expect(response.dropped).toBe(true);
		expect(response.timedOut).toBe(false);
	});
});

describe('-p HTTP/1.1: one connection, many requests', () => {
	const forBoth = async (run: (port: number) => Promise<void>) => {
		await run(kept.ours.port);
		await run(kept.python.port);
	};

	it('answers file, listing, HEAD, redirect and 304 on one connection, each with its length', async () => {
		await forBoth(async (port) => {
			const connection = await Connection.open(port);
			const steps: Array<[string, number, boolean]> = [
				[get('/a.txt'), 200, false],
				[get('/dir/'), 200, false],
				[`HEAD /a.txt HTTP/1.1\r\nHost: x\r\n\r\n`, 200, true],
				[get('/dir'), 301, false],
				[get('/a.txt', `If-Modified-Since: ${FIXED_MTIME.toUTCString()}\r\n`), 304, false],
				[get('/data.json'), 200, false],
			];
			for (const [request, status, head] of steps) {
				connection.send(request);
				const response = await connection.next({ head });
				expect(response?.statusLine, `${port} ${request}`).toBe(
					`HTTP/1.1 ${status} ${{ 200: 'OK', 301: 'Moved Permanently', 304: 'Not Modified' }[status]}`,
				);
				if (status !== 304) expect(response?.header('Content-Length'), request).toBeDefined();
			}
			expect(await connection.closesWithin(200)).toBe(false);
			connection.destroy();
		});
	});

	it('answers pipelined requests in order', async () => {
		await forBoth(async (port) => {
			const connection = await Connection.open(port);
			connection.send(get('/a.txt') + get('/page.html') + get('/data.json'));
			const bodies = [];
			for (let i = 0; i < 3; i++) bodies.push((await connection.next())?.text);
			expect(bodies).toEqual([
				'hello from a.txt\n',
				'<!DOCTYPE html><title>page</title>\n',
				'{"ok": true}\n',
			]);
			connection.destroy();
		});
	});

	it('closes after a request that says Connection: close, and after an HTTP/1.0 request', async () => {
		await forBoth(async (port) => {
			for (const request of [
				get('/a.txt', 'Connection: close\r\n'),
				'GET /a.txt HTTP/1.0\r\n\r\n',
			]) {
				const connection = await Connection.open(port);
				connection.send(request + get('/page.html'));
				expect((await connection.next())?.text).toBe('hello from a.txt\n');
				expect(await connection.closesWithin(1000)).toBe(true);
				expect(await connection.next()).toBeNull();
			}
		});
	});

	it('error pages carry their length and close the connection', async () => {
		await forBoth(async (port) => {
			const connection = await Connection.open(port);
			connection.send(get('/missing.txt') + get('/a.txt'));
			const response = await connection.next();
			expect(response?.status).toBe(404);
			expect(response?.header('Connection')).toBe('close');
			expect(Number(response?.header('Content-Length'))).toBe(response?.body.length);
			expect(await connection.closesWithin(1000)).toBe(true);
		});
	});

	it('a CGI response ends the connection, where Python leaves the client waiting', async () => {
		expect(difference('cgi-keepalive-close').area).toBe('cgi');
		const request = get('/cgi-bin/status.mjs');
		const ours = await Connection.open(kept.ours.port);
		ours.send(request);
		const mine = await ours.next();
		expect(mine?.statusLine).toBe('HTTP/1.1 404 Not Here');
		expect(mine?.header('Connection')).toBe('close');
		expect(mine?.text).toBe('missing\n');
		expect(await ours.closesWithin(1000)).toBe(true);

		const python = await Connection.open(kept.python.port);
		python.send(request);
		// No length and no close: the client cannot tell where the body ends.
		await expect(python.next({ timeoutMs: 1500 })).rejects.toThrow(/no complete response/);
		python.destroy();
	});

	it('closes an idle connection after --timeout, where Python keeps it forever', async () => {
		expect(difference('client-timeouts').ours).toContain('keep-alive');
		const ours = await Connection.open(kept.ours.port);
		const python = await Connection.open(kept.python.port);
		for (const connection of [ours, python]) {
			connection.send(get('/a.txt'));
			expect((await connection.next())?.status).toBe(200);
		}
		expect(await ours.closesWithin(4000)).toBe(true);
		expect(await python.closesWithin(500)).toBe(false);
		python.destroy();
	});

	it('never reads an unread request body as the next request', async () => {
		expect(difference('keepalive-unread-body').area).toBe('http.server');
		// A GET with a body that smuggles a second request inside it.
		const smuggled = get('/page.html');
		const request = `GET /a.txt HTTP/1.1\r\nHost: x\r\nContent-Length: ${smuggled.length}\r\n\r\n${smuggled}`;
		const ours = await Connection.open(kept.ours.port);
		ours.send(request);
		expect((await ours.next())?.text).toBe('hello from a.txt\n');
		expect(await ours.closesWithin(1000)).toBe(true);
		expect(await ours.next()).toBeNull();

		const python = await Connection.open(kept.python.port);
		python.send(request);
		expect((await python.next())?.text).toBe('hello from a.txt\n');
		// Python ignores the body, so its bytes are answered as a request of their own.
		expect((await python.next())?.text).toBe('<!DOCTYPE html><title>page</title>\n');
		python.destroy();
	});
});
