// Bounds and refusals (issue #12, items 7 and 8): events waiting for a page are capped in bytes and
// what was dropped is accounted for to the byte; interpreter options, loader variables and scripts
// outside the session are refused; an oversized body gets a 413 the client really receives; error
// messages never show the machine's temp folder. Python 3.11+ runs beside Node, under the same rules.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TOKEN_HEADER, type WireEvent } from '../../src/runner/protocol.ts';
import { eventsRequest, startHarness, until, type Harness } from './local-harness.ts';
import { readEvents } from './runner-wire.ts';

let h: Harness | undefined;
afterEach(async () => {
	await h?.stop();
	h = undefined;
});

/** Prints `total` bytes as fast as the pipe takes them, then exits. */
const FLOOD = (total: number) => `
const line = 'x'.repeat(99) + '\\n';
let left = ${total / 100};
const go = () => {
  while (left > 0) { left--; if (!process.stdout.write(line)) return process.stdout.once('drain', go); }
};
go();`;

/** A new session whose event stream nobody reads yet; its base path. */
async function sessionWithoutPage(h: Harness): Promise<string> {
	const created = await h.call('POST', '/__runner/sessions');
	const { id } = JSON.parse(created.body) as { id: string };
	return `/__runner/sessions/${id}/`;
}

/**
 * Runs FLOOD(total) in the session at `base` until it has ended (within `timeoutMs`), watching the
 * runner's queue meanwhile: its pid, and the most bytes that ever waited for the page.
 */
async function runFlood(h: Harness, base: string, total: number, timeoutMs: number) {
	await h.call('POST', `${base}files`, {
		body: { files: [{ path: 'f/main.mjs', content: FLOOD(total) }] },
	});
	const spawned = await h.call('POST', `${base}processes`, {
		body: { argv: ['node', 'main.mjs'], cwd: 'f' },
	});
	const { pid } = JSON.parse(spawned.body) as { pid: string };
	let highest = 0;
	await until(
		() => {
			highest = Math.max(highest, h.runner.stats().queuedBytes);
			return h.runner.stats().processes === 0;
		},
		timeoutMs,
		'the flood to end',
	);
	return { pid, highest };
}

/** Bytes of `pid`'s output that arrived, and bytes reported dropped. */
function accounting(events: WireEvent[], pid: string) {
	let arrived = 0;
	let dropped = 0;
	for (const e of events) {
		if (e.t === 'out' && e.pid === pid) arrived += Buffer.byteLength(e.d);
		if (e.t === 'dropped' && e.pid === pid) dropped += e.bytes;
	}
	return { arrived, dropped };
}

describe('local runner: memory stays bounded', () => {
	it('caps what waits for an absent page in bytes, drops the rest and accounts for every byte', async () => {
		const cap = 64 * 1024;
		h = await startHarness({ maxQueuedBytes: cap });
		const base = await sessionWithoutPage(h);
		// No page reads this session's events: everything waits, up to the cap.
		const { pid, highest } = await runFlood(h, base, 2_000_000, 15_000);
		// One chunk of output may pass the cap when the queue was empty; never more.
		expect(highest).toBeLessThanOrEqual(cap + 70 * 1024);
		const stream = readEvents(eventsRequest(h.port, base, h.token));
		await stream.opened;
		await until(() => stream.events.some((e) => e.t === 'exit'), 5000, 'the exit event');
		const { arrived, dropped } = accounting(stream.events, pid);
		expect(dropped).toBeGreaterThan(1_000_000);
		expect(arrived + dropped).toBe(2_000_000);
		stream.close();
	});

	it('writes no faster than a slow page reads, holding at most the cap meanwhile', async () => {
		const cap = 128 * 1024;
		// More than the kernel's socket buffers hold (several MB on loopback), so the page's pause is felt.
		const total = 40_000_000;
		h = await startHarness({ maxQueuedBytes: cap, maxOutputBytes: 2 * total });
		const base = await sessionWithoutPage(h);
		const stream = readEvents(eventsRequest(h.port, base, h.token));
		await stream.opened;
		stream.pause();
		const { pid, highest } = await runFlood(h, base, total, 30_000);
		expect(highest).toBeLessThanOrEqual(cap + 70 * 1024);
		stream.resume();
		await until(() => stream.events.some((e) => e.t === 'exit'), 15_000, 'the exit event');
		const { arrived, dropped } = accounting(stream.events, pid);
		expect(dropped).toBeGreaterThan(0);
		expect(arrived + dropped).toBe(total);
		stream.close();
	});
});

describe('local runner: what it refuses', () => {
	it.each([
		[['node', '--inspect', 'main.mjs']],
		[['node', '--inspect-brk=0', 'main.mjs']],
		[['node', '--require', '/etc/passwd', 'main.mjs']],
		[['node', '--import', 'file:///tmp/x.mjs', 'main.mjs']],
		[['node', '-e', 'console.log(1)']],
		[['node', '-p', '1']],
		[['node', '../../../../etc/passwd']],
		[['node', '/etc/passwd']],
		[['node']],
		[['python3', '-c', 'print(1)']],
		[['python3', '-m', 'http.server']],
		[['python3', '-X', 'importtime', 'main.py']],
		[['python3', '/etc/passwd']],
		[['sh', '-c', 'echo hi']],
		[['/usr/bin/node', 'main.mjs']],
	])('%j', async (argv) => {
		h ??= await startHarness();
		const s = await h.openSession();
		await h.call('POST', `${s.base}files`, {
			body: {
				files: [
					{ path: 'snippets/t/main.mjs', content: 'console.log(1)' },
					{ path: 'snippets/t/main.py', content: 'print(1)' },
				],
			},
		});
		const res = await h.call('POST', `${s.base}processes`, {
			body: { argv, cwd: 'snippets/t' },
		});
		expect(res.status, res.body).toBe(400);
		expect(h.runner.stats().processes).toBe(0);
		s.close();
	});

	it.each([
		['NODE_OPTIONS'],
		['NODE_REPL_EXTERNAL_MODULE'],
		['PYTHONSTARTUP'],
		['LD_PRELOAD'],
		['PATH'],
	])('the variable %s from the page', async (name) => {
		h ??= await startHarness();
		const s = await h.openSession();
		await h.call('POST', `${s.base}files`, {
			body: { files: [{ path: 'snippets/t/main.mjs', content: 'console.log(1)' }] },
		});
		const res = await h.call('POST', `${s.base}processes`, {
			body: { argv: ['node', 'main.mjs'], cwd: 'snippets/t', env: { [name]: '--inspect' } },
		});
		expect(res.status).toBe(400);
		expect(JSON.parse(res.body)).toEqual({ error: `env ${name} cannot be set from the page` });
		s.close();
	});

	it('a NUL byte in a file name, a folder, an argument or a variable: a 400 that says so, not a 500', async () => {
		h ??= await startHarness();
		const s = await h.openSession();
		await h.call('POST', `${s.base}files`, {
			body: { files: [{ path: 'snippets/t/main.mjs', content: 'console.log(1)' }] },
		});
		const spawn = (body: Record<string, unknown>) =>
			h!.call('POST', `${s.base}processes`, {
				body: { argv: ['node', 'main.mjs'], cwd: 'snippets/t', ...body },
			});
		for (const res of [
			await h.call('POST', `${s.base}files`, {
				body: { files: [{ path: 'snippets/t/a\u0000.mjs', content: 'x' }] },
			}),
			await spawn({ cwd: 'snippets/t\u0000' }),
			await spawn({ argv: ['node', 'main.mjs\u0000'] }),
			await spawn({ argv: ['node', 'main.mjs', 'an\u0000argument'] }),
			await spawn({ env: { NAME: 'a\u0000value' } }),
		]) {
			expect(res.status, res.body).toBe(400);
			expect(JSON.parse(res.body).error).toContain('NUL');
		}
		expect(h.runner.stats().processes).toBe(0);
		s.close();
	});

	it('answers a body over the limit with a 413 the client receives, with or without Content-Length', async () => {
		h = await startHarness({ maxBodyBytes: 10_000 });
		const s = await h.openSession();
		const big = JSON.stringify({ files: [{ path: 'a.txt', content: 'x'.repeat(200_000) }] });
		const declared = await h.call('POST', `${s.base}files`, {
			rawBody: big,
			headers: { 'content-type': 'application/json' },
		});
		expect(declared.status).toBe(413);
		expect(declared.body).toContain('request body over 10000 bytes');
		// Chunked: the size is known only while reading.
		const chunked = await new Promise<number>((resolve, reject) => {
			const req = request(
				{
					host: '127.0.0.1',
					port: h!.port,
					method: 'POST',
					path: `${s.base}files`,
					headers: {
						host: `localhost:${h!.port}`,
						origin: h!.origin,
						[TOKEN_HEADER]: h!.token,
						'transfer-encoding': 'chunked',
					},
				},
				(res) => {
					res.resume();
					resolve(res.statusCode ?? 0);
				},
			);
			req.on('error', reject);
			for (let i = 0; i < 20; i++) req.write(big.slice(i * 10_000, (i + 1) * 10_000));
			req.end();
		});
		expect(chunked).toBe(413);
		// The session still works after both.
		expect((await h.call('POST', `${s.base}free-port`)).status).toBe(200);
		s.close();
	});

	it('never shows the temp folder in an error', async () => {
		h = await startHarness();
		const s = await h.openSession();
		await h.call('POST', `${s.base}files`, {
			body: { files: [{ path: 'snippets/a', content: 'a file where a folder will be wanted' }] },
		});
		const res = await h.call('POST', `${s.base}files`, {
			body: { files: [{ path: 'snippets/a/b.txt', content: 'x' }] },
		});
		expect(res.status).toBe(500);
		const { error } = JSON.parse(res.body) as { error: string };
		expect(error).toMatch(/ENOTDIR|EEXIST/);
		expect(error).toContain('./snippets/a');
		expect(error).not.toContain(tmpdir());
		expect(error).not.toContain('web-book-run-');
		s.close();
	});
});

describe('local runner: python3 beside node', () => {
	it('reports Python in the probe and runs a script, a REPL for both, with the same rules', async () => {
		h = await startHarness();
		const probe = JSON.parse((await h.call('GET', '/__runner/probe')).body) as { python?: string };
		expect(probe.python).toMatch(/^3\.(1[1-9]|[2-9]\d)\.\d+$/);
		const s = await h.openSession();
		const py = await s.spawn(
			`import sys\nprint('python', sys.version_info[:2] >= (3, 11))\n`,
			{},
			'python3',
		);
		expect((await s.exitOf(py)).code).toBe(0);
		expect(s.output(py)).toContain('python True');
		// The book's interactive shells: `node -i` and `python3 -i`, fed on stdin.
		for (const [program, input, expected] of [
			['node', '6 * 7\n.exit\n', '42'],
			['python3', '6 * 7\n', '42'],
		] as const) {
			const res = await h.call('POST', `${s.base}processes`, {
				body: { argv: [program, '-i'], cwd: '.' },
			});
			expect(res.status, res.body).toBe(201);
			const { pid } = JSON.parse(res.body) as { pid: string };
			await h.call('POST', `${s.base}processes/${pid}/stdin`, { body: { data: input, end: true } });
			expect((await s.exitOf(pid)).code).toBe(0);
			expect(s.output(pid)).toContain(expected);
		}
		s.close();
	});

	it('refuses python3 where the machine has only an older Python, and says so in the probe', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'old-python-'));
		const fake = join(dir, 'python3');
		writeFileSync(fake, '#!/bin/sh\necho "Python 3.10.12"\n');
		chmodSync(fake, 0o755);
		try {
			h = await startHarness({ python: fake });
			const probe = JSON.parse((await h.call('GET', '/__runner/probe')).body) as Record<
				string,
				unknown
			>;
			expect(probe).not.toHaveProperty('python');
			const s = await h.openSession();
			await h.call('POST', `${s.base}files`, {
				body: { files: [{ path: 'main.py', content: 'print(1)' }] },
			});
			const res = await h.call('POST', `${s.base}processes`, {
				body: { argv: ['python3', 'main.py'], cwd: '.' },
			});
			expect(res.status).toBe(400);
			expect(res.body).toContain('no Python 3.11 or later');
			s.close();
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
