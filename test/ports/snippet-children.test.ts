// Snippet servers that start other servers as children must not leave them running when they die,
// even by SIGKILL (issue #17): the web server + application server pair of `web-app-servers`.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { snippetNode } from '../../src/lib/process/snippet-node';
import { freePort } from '../../src/lib/scenario/node-host';
import { isAlive } from './processes';
import { PROJECT_ROOT, waitUntil } from './servers';

const cleanups: Array<() => void> = [];
afterEach(() => {
	for (const cleanup of cleanups.splice(0)) cleanup();
});

describe('web-app-servers (start.mjs and its two servers)', () => {
	it('SIGKILL to start.mjs alone: both servers exit within 2 s', async () => {
		const [web, app] = [await freePort(), await freePort()];
		const start = spawn(snippetNode(), ['start.mjs'], {
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
