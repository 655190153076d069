// Servers the local runtime starts listen on loopback only (issue #12, item 2): whatever address a
// Node or Python program asks for, it is reachable on 127.0.0.1 and not on this machine's network
// address; a listener that escapes the preload (here: a child started without it) ends the run.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/lib/scenario/node-host.ts';
import type { WireEvent } from '../../src/runner/protocol.ts';
import { otherHostAddress, startHarness, type Harness, type OutEvent } from './local-harness.ts';

let h: Harness;
beforeAll(async () => {
	h = await startHarness();
});
afterAll(() => h.stop());

/** Whether a TCP connection to host:port is accepted. */
function reachable(host: string, port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect({ host, port });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

const opened = (port: number) => (e: WireEvent) =>
	e.t === 'port' && e.port === port && e.type === 'open';

describe('local runner: servers it starts listen on loopback only', () => {
	it.each([
		[
			'node, listen(port)',
			'node',
			`import http from 'node:http';
			 http.createServer((q, s) => s.end('hi')).listen(PORT, () => console.log('listening'));`,
		],
		[
			"node, listen(port, '0.0.0.0')",
			'node',
			`import http from 'node:http';
			 http.createServer((q, s) => s.end('hi')).listen(PORT, '0.0.0.0', () => console.log('listening'));`,
		],
		[
			"node, listen({ port, host: '::' })",
			'node',
			`import net from 'node:net';
			 net.createServer((c) => c.end()).listen({ port: PORT, host: '::' }, () => console.log('listening'));`,
		],
		[
			"python3, HTTPServer(('', port))",
			'python3',
			`from http.server import HTTPServer, BaseHTTPRequestHandler
server = HTTPServer(('', PORT), BaseHTTPRequestHandler)
print('listening')
server.serve_forever()
`,
		],
		[
			"python3, a socket bound to '0.0.0.0'",
			'python3',
			`import socket, time
s = socket.socket()
s.bind(('0.0.0.0', PORT))
s.listen()
print('listening')
time.sleep(60)
`,
		],
	] as const)('%s', async (_name, program, template) => {
		const s = await h.openSession();
		const port = await freePort();
		const pid = await s.spawn(
			template.replaceAll('PORT', String(port)),
			{ watchPorts: [port] },
			program,
		);
		await s.waitFor((e): e is WireEvent => opened(port)(e), 8000);
		await s.waitFor(
			(e): e is OutEvent => e.t === 'out' && e.pid === pid && e.d.includes('listening'),
		);
		expect(await reachable('127.0.0.1', port)).toBe(true);
		expect(await reachable(otherHostAddress(), port)).toBe(false);
		s.close();
	});

	it('ends a run whose tree listens beyond loopback anyway, saying why', async () => {
		const s = await h.openSession();
		const port = await freePort();
		// A child started without the preload (its environment emptied) listens on every interface.
		const pid = await s.spawn(
			`import { spawn } from 'node:child_process';
			 spawn(process.execPath, ['-e', "require('node:net').createServer().listen(${port}, '0.0.0.0'); setInterval(() => {}, 1000)"], { env: {}, stdio: 'inherit' });
			 setInterval(() => {}, 1000);`,
		);
		const exit = await s.exitOf(pid, 10_000);
		expect(exit.code === null || exit.code !== 0).toBe(true);
		expect(s.output(pid)).toContain(`0.0.0.0:${port} 에서 듣기 시작해서 멈췄습니다`);
		expect(await reachable('127.0.0.1', port)).toBe(false);
		s.close();
	});
});
