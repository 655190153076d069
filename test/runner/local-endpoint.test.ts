// The local runtime's endpoint against real Node processes: who it refuses, what it runs, the limits
// it enforces, the process trees it kills and the folders it removes. The attacks of issue #12 have
// files of their own (local-trust, local-loopback, local-process-tree, local-preview, local-limits).
import { existsSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRunnerOptions } from '../../src/integrations/local-runner/endpoint.ts';
import type { WireEvent } from '../../src/runner/protocol.ts';
import { alive, startHarness, type Harness } from './local-harness.ts';

let h: Harness;
let runner: Harness['runner'];
let port = 0;

async function startRunner(options: LocalRunnerOptions = {}) {
	h = await startHarness(options);
	runner = h.runner;
	port = h.port;
}

const stopRunner = () => h.stop();
const call: Harness['call'] = (...args) => h.call(...args);

async function openSession() {
	const s = await h.openSession();
	return {
		...s,
		spawnNode: (code: string, extra?: Record<string, unknown>) => s.spawn(code, extra),
	};
}

describe('local runner endpoint: who may call it', () => {
	beforeAll(() => startRunner());
	afterAll(() => stopRunner());

	it('answers the probe from its own page', async () => {
		const res = await call('GET', '/__runner/probe', {
			headers: { 'sec-fetch-site': 'same-origin' },
		});
		expect(res.status).toBe(200);
		expect(JSON.parse(res.body)).toMatchObject({
			runner: 'local',
			node: expect.stringMatching(/^v\d+/),
			token: expect.stringMatching(/^[\w-]{43}$/),
		});
	});

	it('refuses a foreign Origin, on reads and writes', async () => {
		const post = await call('POST', '/__runner/sessions', {
			headers: { origin: 'http://evil.example' },
		});
		expect(post.status).toBe(403);
		expect(post.body).toContain('foreign origin');
		const get = await call('GET', '/__runner/probe', { headers: { origin: 'http://localhost:1' } });
		expect(get.status).toBe(403);
		expect(runner.stats().sessions).toBe(0);
	});

	it('refuses a write without Origin, a cross-site read and a non-loopback Host', async () => {
		expect((await call('POST', '/__runner/sessions', { headers: { origin: '' } })).status).toBe(
			403,
		);
		expect(
			(await call('GET', '/__runner/probe', { headers: { 'sec-fetch-site': 'cross-site' } }))
				.status,
		).toBe(403);
		// DNS rebinding: a page on another site whose name now points at 127.0.0.1.
		const rebound = await call('POST', '/__runner/sessions', {
			headers: { host: `evil.example:${port}`, origin: `http://evil.example:${port}` },
		});
		expect(rebound.status).toBe(403);
		expect(runner.stats().sessions).toBe(0);
	});

	it('passes other paths on to the next handler', async () => {
		const res = await call('GET', '/01-web/');
		expect(res.body).toBe('next');
	});
});

describe('local runner endpoint: running snippets', () => {
	afterEach(() => stopRunner());

	it('runs node in the session folder, streams output, takes stdin, reports the exit code', async () => {
		await startRunner();
		const s = await openSession();
		const pid = await s.spawnNode(
			`process.stdin.setEncoding('utf8');
			 console.log('ready in', process.cwd().split('/').slice(-2).join('/'));
			 process.stdin.on('data', (d) => { console.log('got:' + d.trim()); process.exit(3); });`,
		);
		await s.waitFor((e): e is WireEvent => e.t === 'out' && e.d.includes('ready in snippets/t'));
		expect(
			(await call('POST', `${s.base}processes/${pid}/stdin`, { body: { data: 'hello\n' } })).status,
		).toBe(204);
		const exit = await s.exitOf(pid);
		expect(exit.code).toBe(3);
		expect(s.output(pid)).toContain('got:hello');
		s.close();
	});

	it('refuses paths that leave the session folder and programs other than node', async () => {
		await startRunner();
		const s = await openSession();
		const escape = await call('POST', `${s.base}files`, {
			body: { files: [{ path: '../../escape.txt', content: 'x' }] },
		});
		expect(escape.status).toBe(400);
		const sh = await call('POST', `${s.base}processes`, {
			body: { argv: ['sh', '-c', 'echo hi'], cwd: '.' },
		});
		expect(sh.status).toBe(400);
		s.close();
	});

	it('writes a file executable only when told (a CGI script Python runs as a program), and nothing else for it', async () => {
		await startRunner();
		const s = await openSession();
		const cgi =
			'#!/usr/bin/env node\nconsole.log("Content-Type: text/plain\\n\\nfrom the script");\n';
		const mounted = await call('POST', `${s.base}files`, {
			body: {
				files: [
					{ path: 'snippets/t/cgi-bin/run.mjs', content: cgi, executable: true },
					{ path: 'snippets/t/cgi-bin/plain.mjs', content: cgi },
				],
			},
		});
		expect(mounted.status).toBe(204);
		// Asked of the OS by a program the page runs, as CGIHTTPRequestHandler asks before it runs one.
		const pid = await s.spawn(
			`import os\nfor f in ('run.mjs', 'plain.mjs'):\n    print(f, os.access(f'cgi-bin/{f}', os.X_OK), oct(os.stat(f'cgi-bin/{f}').st_mode & 0o777))\n`,
			{},
			'python3',
		);
		await s.exitOf(pid);
		expect(s.output(pid)).toContain('run.mjs True 0o755');
		expect(s.output(pid)).toContain('plain.mjs False 0o644');
		// Executable or not, only node and python3 are programs the endpoint starts.
		const direct = await call('POST', `${s.base}processes`, {
			body: { argv: ['cgi-bin/run.mjs'], cwd: 'snippets/t' },
		});
		expect(direct.status).toBe(400);
		const bad = await call('POST', `${s.base}files`, {
			body: { files: [{ path: 'snippets/t/x.mjs', content: '', executable: 'yes' }] },
		});
		expect(bad.status).toBe(400);
		expect(bad.body).toContain('executable must be true or false');
		s.close();
	});

	it('kills the whole process tree on Stop, within 2 s, even in a busy loop', async () => {
		await startRunner();
		const s = await openSession();
		const pid = await s.spawnNode(
			`import { spawn } from 'node:child_process';
			 const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
			 console.log('child ' + child.pid);
			 setTimeout(() => { for (;;) {} }, 50);`,
		);
		const line = await s.waitFor(
			(e): e is Extract<WireEvent, { t: 'out' }> => e.t === 'out' && /child \d+/.test(e.d),
		);
		const childPid = Number(/child (\d+)/.exec(line.d)?.[1]);
		expect(alive(childPid)).toBe(true);
		await new Promise((r) => setTimeout(r, 150));
		const started = Date.now();
		expect((await call('POST', `${s.base}processes/${pid}/kill`)).status).toBe(204);
		expect(Date.now() - started).toBeLessThan(2000);
		const exit = await s.exitOf(pid);
		expect(exit.reason).toBe('stopped');
		await new Promise((r) => setTimeout(r, 100));
		expect(alive(Number(pid))).toBe(false);
		expect(alive(childPid)).toBe(false);
		s.close();
	});

	it('ends a process that prints more than the output limit, keeping no more than the limit', async () => {
		await startRunner({ maxOutputBytes: 20_000 });
		const s = await openSession();
		// Writes as fast as the pipe drains (a bare loop of console.log would only fill Node's own queue).
		const pid = await s.spawnNode(
			`const line = 'x'.repeat(99) + '\\n';
			 const go = () => { while (process.stdout.write(line)); process.stdout.once('drain', go); };
			 go();`,
		);
		const exit = await s.exitOf(pid);
		expect(exit.reason).toBe('output-limit');
		const bytes = Buffer.byteLength(s.output(pid));
		expect(bytes).toBeGreaterThan(10_000);
		expect(bytes).toBeLessThanOrEqual(20_000);
		s.close();
	});

	it('ends a process that runs past the time limit', async () => {
		await startRunner({ maxRunMs: 400 });
		const s = await openSession();
		const started = Date.now();
		const pid = await s.spawnNode(`for (;;) {}`);
		const exit = await s.exitOf(pid);
		expect(exit.reason).toBe('time-limit');
		expect(Date.now() - started).toBeLessThan(3000);
		s.close();
	});

	it('limits concurrent processes per page', async () => {
		await startRunner({ maxProcessesPerSession: 1 });
		const s = await openSession();
		await s.spawnNode(`setInterval(() => {}, 1000)`);
		const second = await call('POST', `${s.base}processes`, {
			body: { argv: ['node', 'main.mjs'], cwd: 'snippets/t' },
		});
		expect(second.status).toBe(429);
		s.close();
	});

	it('proxies an open port of the page, with the headers COEP needs, and nothing else', async () => {
		await startRunner();
		const s = await openSession();
		const free = JSON.parse((await call('POST', `${s.base}free-port`)).body) as { port: number };
		await s.spawnNode(
			`import { createServer } from 'node:http';
			 createServer((req, res) => {
			   if (req.url === '/old') { res.writeHead(301, { Location: '/new' }); return res.end(); }
			   res.end('hello from ' + req.url);
			 }).listen(Number(process.env.PORT));`,
			{ env: { PORT: String(free.port) }, watchPorts: [free.port] },
		);
		await s.waitFor(
			(e): e is WireEvent => e.t === 'port' && e.port === free.port && e.type === 'open',
		);
		const page = await call('GET', `${s.base}p/${free.port}/a/b?x=1`, {
			headers: { 'sec-fetch-site': 'same-origin' },
		});
		expect(page.status).toBe(200);
		expect(page.body).toBe('hello from /a/b?x=1');
		expect(page.headers['cross-origin-embedder-policy']).toBe('require-corp');
		const moved = await call('GET', `${s.base}p/${free.port}/old`);
		expect(moved.headers.location).toBe(`${s.base}p/${free.port}/new`);
		// The dev server's own port is not the page's to reach through the proxy.
		expect((await call('GET', `${s.base}p/${port}/`)).status).toBe(404);
		s.close();
	});

	it('removes the session folder and kills its processes on teardown, and after the page goes away', async () => {
		await startRunner({ idleMs: 200 });
		const a = await openSession();
		const pidA = await a.spawnNode(`setInterval(() => {}, 1000)`);
		const folderA = runner.stats().folders[0] ?? '';
		expect(existsSync(folderA)).toBe(true);
		expect((await call('POST', `${a.base}teardown`)).status).toBe(204);
		expect(existsSync(folderA)).toBe(false);
		expect(alive(Number(pidA))).toBe(false);

		const b = await openSession();
		const pidB = await b.spawnNode(`setInterval(() => {}, 1000)`);
		const folderB = runner.stats().folders[0] ?? '';
		b.close(); // the page closed its event stream (navigated away)
		const until = Date.now() + 3000;
		while ((runner.stats().sessions > 0 || existsSync(folderB)) && Date.now() < until)
			await new Promise((r) => setTimeout(r, 50));
		expect(runner.stats().sessions).toBe(0);
		expect(existsSync(folderB)).toBe(false);
		expect(alive(Number(pidB))).toBe(false);
	});
});
