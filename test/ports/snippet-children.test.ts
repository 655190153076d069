// Snippet servers that start other servers as children must not leave them running when they die,
// even by SIGKILL (issue #17): the web server + application server pair of `web-app-servers`, in Node
// (an IPC channel the children watch) and in Python (a stdin pipe they watch).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pythonBinary, snippetNode } from '../../src/lib/process/snippet-node';
import { freePort } from '../../src/lib/scenario/node-host';
import type { WireEvent } from '../../src/runner/protocol';
import { startHarness, type Harness } from '../runner/local-harness';
import { isAlive } from './processes';
import { PROJECT_ROOT, waitUntil } from './servers';

const cleanups: Array<() => void> = [];
afterEach(() => {
	for (const cleanup of cleanups.splice(0)) cleanup();
});

describe('web-app-servers (start.mjs or start.py, and its two servers)', () => {
	it.each([
		['start.mjs', snippetNode()],
		['start.py', pythonBinary()],
	])('SIGKILL to %s alone: both servers exit within 2 s', async (file, program) => {
		const [web, app] = [await freePort(), await freePort()];
		const start = spawn(program, [file], {
			cwd: path.join(PROJECT_ROOT, 'snippets/web-app-servers'),
			env: { PATH: process.env['PATH'], PORT: String(web), APP_PORT: String(app) },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let out = '';
		start.stdout.setEncoding('utf8').on('data', (text: string) => (out += text));
		const pids = () => [...out.matchAll(/\(pid (\d+)\)/g)].map((m) => Number(m[1]));
		cleanups.push(() => {
			for (const pid of [start.pid ?? 0, ...pids()]) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
		});
		expect(await waitUntil(() => pids().length === 2, 10_000)).toBe(true);
		const servers = pids();
		expect(servers.every(isAlive)).toBe(true);

		start.kill('SIGKILL');
		expect(await waitUntil(() => servers.every((pid) => !isAlive(pid)), 2000)).toBe(true);
	});
});

// The book's CGI server keeps its scripts in its own process group, as CPython's CGI handler does:
// a crash of the server alone leaves a script that is still running until it finishes. Run by the
// local runtime, the server is a run's leader, and the run ends as a whole when its leader exits.
describe('cgi-server, run by the local runtime', () => {
	let h: Harness | undefined;
	afterEach(async () => {
		await h?.stop();
		h = undefined;
	});

	it.each([
		[
			'node',
			'server.mjs',
			'hang.mjs',
			'console.error("script " + process.pid); setInterval(() => {}, 1000);',
		],
		[
			'python3',
			'cgi_server.py',
			'hang.py',
			'import os, sys, time\nprint("script", os.getpid(), file=sys.stderr, flush=True)\nwhile True: time.sleep(1)',
		],
	] as const)(
		'%s %s killed with SIGKILL mid-request: its script ends within 2 s',
		async (program, server, script, code) => {
			h = await startHarness();
			const s = await h.openSession();
			const dir = path.join(PROJECT_ROOT, 'snippets/cgi-server');
			const mounted = await h.call('POST', `${s.base}files`, {
				body: {
					files: [
						{ path: `c/${server}`, content: readFileSync(path.join(dir, server), 'utf8') },
						{ path: `c/cgi-bin/${script}`, content: code },
					],
				},
			});
			expect(mounted.status).toBe(204);
			const port = await freePort();
			const started = await h.call('POST', `${s.base}processes`, {
				body: {
					argv: [program, server],
					cwd: 'c',
					env: { PORT: String(port) },
					watchPorts: [port],
				},
			});
			expect(started.status, started.body).toBe(201);
			const { pid } = JSON.parse(started.body) as { pid: string };
			await s.waitFor((e): e is WireEvent => e.t === 'port' && e.port === port, 10_000);
			const client = net.connect(port, '127.0.0.1');
			client.on('error', () => {});
			client.write(`GET /cgi-bin/${script.replace(/\.\w+$/, '')} HTTP/1.0\r\n\r\n`);
			const scriptPid = () => Number(/script (\d+)/.exec(s.output(pid))?.[1] ?? 0);
			expect(await waitUntil(() => scriptPid() > 0, 8000)).toBe(true);
			expect(isAlive(scriptPid())).toBe(true);

			process.kill(Number(pid), 'SIGKILL');
			expect(await waitUntil(() => !isAlive(scriptPid()), 2000)).toBe(true);
			client.destroy();
			s.close();
		},
	);
});
