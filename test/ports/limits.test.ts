// Limits that protect our server where CPython's has none: how many connections stay open at once,
// and how many CGI scripts run at once (the rest wait their turn; past a long queue, 503).
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { difference } from '../../src/lib/ports/differences';
import { makeDocroot, type Docroot } from './docroot';
import { rawRequest, simpleGet } from './raw-client';
import { startFixture, startOurHttpServer, stopAll } from './servers';

let docroot: Docroot;

beforeAll(() => {
	docroot = makeDocroot();
});

afterAll(async () => {
	await stopAll();
	docroot.remove();
});

describe('CGI scripts at once (--cgi-limit)', () => {
	it('runs at most N scripts at a time; the others wait their turn and are answered', async () => {
		expect(difference('cgi-limit').ours).toContain('--cgi-limit');
		const server = await startOurHttpServer(['0', '-d', docroot.root, '--cgi', '--cgi-limit', '2']);
		const responses = await Promise.all(
			Array.from({ length: 4 }, () => rawRequest(server.port, simpleGet('/cgi-bin/slow.mjs'))),
		);
		expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200]);
		const spans = responses.map((r) => r.text.trim().split(' ').map(Number) as [number, number]);
		// At every script's start, fewer than two others were running.
		for (const [start] of spans) {
			const running = spans.filter(([s, e]) => s < start && e > start).length;
			expect(running).toBeLessThan(2);
		}
	});

	it('past a queue four times the limit, answers 503 at once instead of waiting', async () => {
		const server = await startOurHttpServer(['0', '-d', docroot.root, '--cgi', '--cgi-limit', '1']);
		const responses = await Promise.all(
			Array.from({ length: 7 }, () => rawRequest(server.port, simpleGet('/cgi-bin/slow.mjs'))),
		);
		const statuses = responses.map((r) => r.status).sort();
		expect(statuses).toEqual([200, 200, 200, 200, 200, 503, 503]);
		expect(responses.find((r) => r.status === 503)?.statusLine).toBe(
			'HTTP/1.0 503 Too many CGI scripts running',
		);
	});
});

describe('connections at once (maxConnections)', () => {
	it('closes connections past the limit at once, and serves again when one ends', async () => {
		expect(difference('connection-limit').ours).toContain('1000');
		const server = await startFixture('limited-server.mjs', { args: [docroot.root] });
		const idle = await Promise.all(
			Array.from(
				{ length: 3 },
				() =>
					new Promise<net.Socket>((resolve) => {
						const socket = net.connect(server.port, '127.0.0.1', () => resolve(socket));
					}),
			),
		);
		await new Promise((resolve) => setTimeout(resolve, 100));
		const refused = await rawRequest(server.port, simpleGet('/a.txt'));
		expect(refused.dropped).toBe(true);
		idle[0]?.destroy();
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect((await rawRequest(server.port, simpleGet('/a.txt'))).status).toBe(200);
		for (const socket of idle) socket.destroy();
	});
});
