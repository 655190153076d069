// The local runner inside the real `astro dev` and `astro preview` (issue #12, items 1, 3 and 6):
// nothing it started survives the server, whichever signal ends it; it stays off when the server
// listens beyond loopback (`--host`) unless the user opts in, and says so loudly; through preview's
// proxy, under a base path, the page's token is what lets it in.
import { constants } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { alive, otherHostAddress } from '../runner/local-harness.ts';
import { PageClient, sessionFolders, startAstro, type AstroServer } from './astro-servers.ts';

let servers: AstroServer[] = [];
afterEach(async () => {
	await Promise.all(servers.map((s) => s.stop()));
	servers = [];
});
async function server(...args: Parameters<typeof startAstro>) {
	const s = await startAstro(...args);
	servers.push(s);
	return s;
}

/** A run whose child ignores SIGTERM and whose grandchild left for a session of its own. */
const STUBBORN_TREE = `
import { spawn } from 'node:child_process';
const child = spawn(process.execPath, ['-e', \`
  process.on('SIGTERM', () => {});
  process.on('SIGHUP', () => {});
  const { spawn } = require('node:child_process');
  const g = spawn(process.execPath, ['-e', 'process.on("SIGHUP", () => {}); setInterval(() => {}, 1000)'], { detached: true, stdio: 'ignore' });
  console.log('grandchild ' + g.pid);
  setInterval(() => {}, 1000);
\`], { stdio: ['ignore', 'inherit', 'inherit'] });
console.log('child ' + child.pid);
setInterval(() => {}, 1000);
`;

async function waitFor<T>(get: () => T | undefined, ms: number, what: string): Promise<T> {
	const end = Date.now() + ms;
	for (;;) {
		const v = get();
		if (v !== undefined) return v;
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 50));
	}
}

/** STUBBORN_TREE's run, child and grandchild, once the run has printed them. */
function treePids(page: PageClient, pid: string): Promise<number[]> {
	return waitFor(
		() => {
			const out = page.output(pid);
			const child = /\bchild (\d+)/.exec(out)?.[1];
			const grandchild = /\bgrandchild (\d+)/.exec(out)?.[1];
			return child && grandchild ? [Number(pid), Number(child), Number(grandchild)] : undefined;
		},
		10_000,
		'the run to print its pids',
	);
}

// Ctrl+C and a closed terminal on both servers; `kill` (SIGTERM, which Vite handles too) on the
// quicker one to start.
const cases = [
	['dev', 'SIGINT'],
	['dev', 'SIGHUP'],
	['preview', 'SIGINT'],
	['preview', 'SIGHUP'],
	['preview', 'SIGTERM'],
] as const;

describe('nothing the runner started survives the server', () => {
	it.each(cases)('astro %s, after %s', async (command, signal) => {
		// Preview with a base path: the page finds the runner, and its token, under /book/.
		const s = await server(command, command === 'preview' ? { base: '/book/' } : {});
		const page = new PageClient(s);
		await page.open();
		const pid = await page.run(STUBBORN_TREE);
		const pids = await treePids(page, pid);
		expect(pids.every(alive)).toBe(true);
		expect(sessionFolders(s)).toHaveLength(1);
		// As the terminal does: to the whole foreground job (the server's process group).
		process.kill(-s.pid, signal);
		const exit = await Promise.race([
			s.exited,
			new Promise<never>((_, fail) =>
				setTimeout(() => fail(new Error(`still running after ${signal}:\n${s.log()}`)), 20_000),
			),
		]);
		// Exited (after cleaning up) with the status a shell reports for the signal, not killed by it.
		expect(exit).toEqual({ code: 128 + constants.signals[signal], signal: null });
		// The cleanup ran before the server exited: give the kernel a moment to deliver the SIGKILLs.
		await waitFor(
			() => (pids.some(alive) ? undefined : true),
			2000,
			'every run process to end',
		).catch(() => {
			throw new Error(`still alive after ${signal}: ${pids.filter(alive).join(', ')}`);
		});
		expect(sessionFolders(s)).toEqual([]);
		page.close();
	});
});

describe('nothing the runner started survives a server killed with SIGKILL', () => {
	it('astro dev, after SIGKILL to the server process: every run ends within 2 s', async () => {
		const s = await server('dev');
		const page = new PageClient(s);
		await page.open();
		const pid = await page.run(STUBBORN_TREE);
		const pids = await treePids(page, pid);
		expect(pids.every(alive)).toBe(true);
		// The server runs no code at all: each run's watcher sees its lifeline close.
		process.kill(s.pid, 'SIGKILL');
		expect(await s.exited).toEqual({ code: null, signal: 'SIGKILL' });
		// Here a cgroup holds each run, so the grandchild in a session of its own goes too.
		const reach = s.log().includes('(cgroup)') ? pids : pids.slice(0, 2);
		await waitFor(
			() => (reach.some(alive) ? undefined : true),
			2000,
			'every run process to end',
		).catch(() => {
			throw new Error(`still alive after SIGKILL: ${reach.filter(alive).join(', ')}`);
		});
		for (const p of pids) if (alive(p)) process.kill(p, 'SIGKILL');
		page.close();
	});
});

describe('--host: the runner stays off unless opted in', () => {
	it.each(['dev', 'preview'] as const)(
		'astro %s --host refuses everyone, loopback and a spoofed X-Forwarded-For from another host, and says why in the log',
		async (command) => {
			const s = await server(command, { host: true });
			expect(s.log()).toContain('로컬 실행기를 껐습니다');
			expect(s.log()).toContain('WEB_BOOK_RUNNER_NETWORK=1');
			const other = otherHostAddress();
			for (const via of [
				{},
				{
					host: other,
					from: other,
					headers: { 'x-forwarded-for': '127.0.0.1', forwarded: 'for=127.0.0.1' },
				},
			]) {
				const page = new PageClient(s, via);
				const probe = await page.probe();
				expect(probe.body).not.toContain('"runner":"local"');
				const created = await page.post('sessions');
				expect(created.status).not.toBe(201);
			}
			expect(sessionFolders(s)).toEqual([]);
		},
	);

	it('astro preview --host with WEB_BOOK_RUNNER_NETWORK=1 runs for the network and warns loudly', async () => {
		const s = await server('preview', {
			host: true,
			env: { WEB_BOOK_RUNNER_NETWORK: '1' },
		});
		expect(s.log()).toContain('!!! WARNING: WEB_BOOK_RUNNER_NETWORK is set');
		const other = otherHostAddress();
		const page = new PageClient(s, { host: other, from: other, hostHeader: `${other}:${s.port}` });
		await page.open();
		const pid = await page.run(`console.log('ran for ' + 6 * 7)`);
		await waitFor(
			() => (page.output(pid).includes('ran for 42') ? true : undefined),
			10_000,
			'output',
		);
		page.close();
	});
});
