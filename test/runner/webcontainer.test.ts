// The WebContainer adapter's own paths, against the stand-in of `@webcontainer/api` 1.6.4
// (fake-webcontainer.ts models its boot lock, its hidden frame, its API key and its output decoding):
// a slow boot kept, one API boot at a time, a fast fallback when StackBlitz cannot be reached, the
// key passed before boot, Stop's grace and reboot, errors, terminal size, and Korean output intact.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { snippetBundle } from '../../src/lib/snippets/bundle.ts';
import { loadSnippet } from '../../src/lib/snippets/load.ts';
import type { BootStep, ProcessExit } from '../../src/runner/runtime/types.ts';
import {
	BootError,
	createWebContainerRuntime,
	type WebContainerOptions,
} from '../../src/runner/runtime/webcontainer.ts';
import { HELPER_DIR, HELPER_FILE, inspect, startRun } from '../../src/runner/session.ts';
import { fakeWebContainerApi, type FakeOptions } from './fake-webcontainer.ts';

const HELPER_PATH = 'src/runner/inspect-helper.mjs';

const created: Array<{ teardown(): Promise<void> }> = [];
// A failed assertion must not leave the stand-in's processes (real ones) running.
afterEach(async () => {
	await Promise.all(created.splice(0).map((runtime) => runtime.teardown()));
});

function setup(fakeOptions: FakeOptions = {}, options: WebContainerOptions = {}) {
	const fake = fakeWebContainerApi(fakeOptions);
	const runtime = createWebContainerRuntime({
		load: async () => fake.api,
		watchFrame: fake.watchFrame,
		online: () => true,
		...options,
	});
	created.push(runtime);
	return { fake, runtime };
}

async function bootError(boot: Promise<void>): Promise<BootError> {
	const error = await boot.then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(BootError);
	return error as BootError;
}

async function until<T>(get: () => T | undefined, ms = 5000): Promise<T> {
	const end = Date.now() + ms;
	for (;;) {
		const v = get();
		if (v !== undefined) return v;
		if (Date.now() > end) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 20));
	}
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the stand-in behaves like @webcontainer/api 1.6.4', () => {
	it('makes a second boot() wait for a pending one, then refuse', async () => {
		const fake = fakeWebContainerApi({ bootMs: 100 });
		const first = fake.api.WebContainer.boot({});
		const second = fake.api.WebContainer.boot({});
		const instance = await first;
		await expect(second).rejects.toThrow('Only a single WebContainer instance can be booted');
		instance.teardown();
		// teardown() frees the slot.
		(await fake.api.WebContainer.boot({})).teardown();
		expect(() => fake.api.configureAPIKey('late')).toThrow('before `WebContainer.boot`');
	});
});

describe('booting', () => {
	it('gives up on a boot that never settles, within the timeout, saying so', async () => {
		const { runtime } = setup({ hang: true }, { bootTimeoutMs: 300 });
		const started = Date.now();
		const error = await bootError(runtime.boot());
		expect(error.reason).toBe('boot-timeout');
		expect(Date.now() - started).toBeLessThan(1000);
	});

	it('keeps a boot that arrives after the timeout, and announces it', async () => {
		const { fake, runtime } = setup({ bootMs: 600 }, { bootTimeoutMs: 150 });
		let late = 0;
		runtime.onLateBoot(() => late++);
		expect((await bootError(runtime.boot())).reason).toBe('boot-timeout');
		await until(() => (late === 1 ? true : undefined));
		// Ready now, on the instance that came late: nothing torn down, nothing booted again.
		await runtime.boot();
		await runtime.mount([{ path: 'snippets/a/x.mjs', content: 'console.log(1)' }]);
		expect(fake.state).toMatchObject({ boots: 1, booted: 1, teardowns: 0 });
		await runtime.teardown();
	});

	it('never starts a second API boot while one is pending: Retry waits for the first', async () => {
		const { fake, runtime } = setup({ bootMs: 250 }, { bootTimeoutMs: 150 });
		let late = 0;
		runtime.onLateBoot(() => late++);
		expect((await bootError(runtime.boot())).reason).toBe('boot-timeout');
		// Retry while the first boot is still under way (the stand-in would throw on a second boot()).
		await runtime.boot();
		expect(fake.state.boots).toBe(1);
		// The Retry was waiting for it, so it was not late.
		expect(late).toBe(0);
		// Overlapping calls share one attempt.
		await Promise.all([runtime.boot(), runtime.boot()]);
		expect(fake.state.boots).toBe(1);
		await runtime.teardown();
	});

	it('falls back within 3 s when StackBlitz cannot be reached, and says so', async () => {
		const { runtime } = setup({ network: 'down' });
		const steps: BootStep[] = [];
		const started = Date.now();
		const error = await bootError(runtime.boot((s) => steps.push(s)));
		const took = Date.now() - started;
		expect(error.reason).toBe('network-blocked');
		expect(error.message).toContain('stackblitz.com');
		// The default long timeout (20 s) was not waited for.
		expect(took).toBeLessThan(3000);
		expect(took).toBeGreaterThanOrEqual(950);
		expect(steps).toEqual(['load', 'frame']);
	});

	it('falls back at once when the browser is offline', async () => {
		const { runtime } = setup({}, { online: () => false });
		const started = Date.now();
		expect((await bootError(runtime.boot())).reason).toBe('network-blocked');
		expect(Date.now() - started).toBeLessThan(200);
	});

	it('gives a frame that loaded slowly as long again before calling it silent', async () => {
		const { runtime } = setup({ network: 'down', frameMs: 700 }, { frameSilenceMs: 100 });
		const started = Date.now();
		expect((await bootError(runtime.boot())).reason).toBe('network-blocked');
		expect(Date.now() - started).toBeGreaterThanOrEqual(1350);
	});

	it('keeps the long timeout while the boot progresses, reporting each step', async () => {
		const { runtime } = setup({ bootMs: 2000 }, { frameSilenceMs: 100 });
		const steps: BootStep[] = [];
		await runtime.boot((s) => steps.push(s));
		expect(steps).toEqual(['load', 'frame', 'boot', 'ready']);
		await runtime.teardown();
	});

	it('on Retry after the network came back, loads the frame again and boots once', async () => {
		const { fake, runtime } = setup({ network: 'down' }, { frameSilenceMs: 100 });
		expect((await bootError(runtime.boot())).reason).toBe('network-blocked');
		fake.state.network = 'up';
		await runtime.boot();
		expect(fake.frame.loads).toBe(2);
		expect(fake.state.boots).toBe(1);
		await runtime.teardown();
	});

	it('passes the API key with configureAPIKey before boot()', async () => {
		const { fake, runtime } = setup({ acceptKey: 'wc_api_ok' }, { apiKey: 'wc_api_ok' });
		await runtime.boot();
		expect(fake.state.key).toBe('wc_api_ok');
		await runtime.teardown();
		// A reboot after teardown does not configure it again (the API would throw).
		await runtime.boot();
		expect(fake.state.booted).toBe(2);
		await runtime.teardown();
	});

	it('names the key when StackBlitz turns the site away, fast', async () => {
		const wrongKey = setup({ acceptKey: 'wc_api_ok' }, { apiKey: 'wc_api_old' });
		const refused = await bootError(wrongKey.runtime.boot());
		expect(refused.reason).toBe('network-blocked');
		expect(refused.message).toContain('API 키가 거절되었을 수도');
		// No key where one is needed: the same silent frame, without a key to blame.
		const noKey = setup({ acceptKey: 'wc_api_ok' }, { frameSilenceMs: 100 });
		expect((await bootError(noKey.runtime.boot())).message).not.toContain('API 키');
	});

	it('calls a refusal stated in words a refusal', async () => {
		const { runtime } = setup({ bootError: 'Invalid client_id for this site' });
		const error = await bootError(runtime.boot());
		expect(error.reason).toBe('boot-refused');
		expect(error.message).toContain('Invalid client_id');
		const other = setup({ bootError: 'Unable to create more instances' });
		expect((await bootError(other.runtime.boot())).reason).toBe('boot-failed');
	});

	it("ends the wait at once when StackBlitz's page warns that the site is turned away", async () => {
		const { runtime } = setup({ frameWarning: 'This client_id is not allowed on this origin' });
		const started = Date.now();
		const error = await bootError(runtime.boot());
		expect(error.reason).toBe('boot-refused');
		expect(error.message).toContain('not allowed on this origin');
		expect(Date.now() - started).toBeLessThan(500);
	});
});

describe('running', () => {
	const server = `import { createServer } from 'node:http';
createServer((q, s) => s.end('hi')).listen(Number(process.env.PORT));`;
	const cleanup = `import { createServer } from 'node:http';
const server = createServer((q, s) => s.end('hi')).listen(Number(process.env.PORT));
process.on('SIGTERM', () => { console.log('cleaning up'); setTimeout(() => process.exit(0), 800); });
server.on('listening', () => console.log('ready'));`;

	it('reports Stop as stopped, not as an exit code', async () => {
		const { runtime } = setup();
		await runtime.mount([{ path: 'snippets/s/server.mjs', content: server }]);
		const proc = await runtime.spawn({
			argv: ['node', 'server.mjs'],
			cwd: 'snippets/s',
			env: { PORT: '18411' },
			ports: [18411],
		});
		await sleep(200);
		await proc.kill();
		expect(await proc.exited).toMatchObject({ reason: 'stopped' });
		expect((await proc.exited).rebooted).toBeUndefined();
		await runtime.teardown();
	});

	it('waits out the grace for a server that cleans up on SIGTERM, rebooting nothing', async () => {
		const { fake, runtime } = setup();
		let resets = 0;
		runtime.onReset(() => resets++);
		await runtime.mount([{ path: 'snippets/s/slow.mjs', content: cleanup }]);
		const proc = await runtime.spawn({
			argv: ['node', 'slow.mjs'],
			cwd: 'snippets/s',
			env: { PORT: '18412' },
			ports: [18412],
		});
		let out = '';
		proc.onOutput((t) => (out += t));
		// Its SIGTERM handler is in place once it listens.
		await until(() => (out.includes('ready') ? true : undefined));
		const started = Date.now();
		await proc.kill();
		expect(Date.now() - started).toBeGreaterThanOrEqual(700);
		expect(await proc.exited).toMatchObject({ code: 0, reason: 'stopped' });
		expect(out).toContain('cleaning up');
		expect(resets).toBe(0);
		expect(fake.state.teardowns).toBe(0);
		await runtime.teardown();
	});

	it('reboots only when the process does not end, and the other runs can start again', async () => {
		const { fake, runtime } = setup({ unkillable: true }, { killWaitMs: 400 });
		await runtime.boot();
		let resets = 0;
		runtime.onReset(() => resets++);
		// Another snippet's run is going on: the curl client, its example-com service started first.
		const bundle = snippetBundle(loadSnippet('curl'));
		const hooks = { output: () => {}, status: () => {}, port: () => {} };
		await runtime.mount([{ path: 'snippets/c/loop.mjs', content: 'for (;;) {}' }]);
		const loop = await runtime.spawn({
			argv: ['node', 'loop.mjs'],
			cwd: 'snippets/c',
			env: {},
			ports: [],
		});
		const service = await runtime.spawn({
			argv: ['node', '-e', 'setInterval(() => {}, 1000)'],
			cwd: '.',
			env: {},
			ports: [],
		});
		const started = Date.now();
		await loop.kill();
		const took = Date.now() - started;
		expect(took).toBeGreaterThanOrEqual(380);
		expect(took).toBeLessThan(2000);
		expect(await loop.exited).toEqual({
			code: null,
			signal: 'SIGKILL',
			reason: 'stopped',
			rebooted: true,
		});
		expect(await service.exited).toMatchObject({ reason: 'reset' } satisfies Partial<ProcessExit>);
		expect(resets).toBe(1);
		expect(fake.state.teardowns).toBe(1);
		await until(() => (fake.state.alive.size === 0 ? true : undefined), 2000);
		// On the fresh container a run mounts everything again and starts its service first.
		let output = '';
		const run = await startRun(runtime, bundle, {}, { ...hooks, output: (t) => (output += t) });
		expect((await run.exited).code).toBe(0);
		expect(output).toContain('HTTP/1.1 200 OK');
		expect(fake.state.booted).toBe(2);
		await runtime.teardown();
	});

	it("relays the instance's error events", async () => {
		const { fake, runtime } = setup();
		await runtime.boot();
		const errors: string[] = [];
		runtime.onError((message) => errors.push(message));
		fake.emitError('Out of memory');
		expect(errors).toEqual(['Out of memory']);
		await runtime.teardown();
		fake.emitError('after teardown');
		expect(errors).toEqual(['Out of memory']);
	});

	it("resizes the process's terminal", async () => {
		const { fake, runtime } = setup();
		await runtime.mount([{ path: 'snippets/r/wait.mjs', content: 'setTimeout(() => {}, 5000)' }]);
		const proc = await runtime.spawn({
			argv: ['node', 'wait.mjs'],
			cwd: 'snippets/r',
			env: {},
			ports: [],
		});
		proc.resize(72, 18);
		expect(fake.state.sizes).toEqual(['72x18']);
		await proc.kill();
		proc.resize(80, 24);
		expect(fake.state.sizes).toEqual(['72x18']);
		await runtime.teardown();
	});

	it("keeps the inspector's Korean intact when the API splits characters between chunks", async () => {
		const { runtime } = setup({ chunkBytes: 5 });
		const korean = `import { createServer } from 'node:http';
createServer((q, s) => {
	let body = '';
	q.setEncoding('utf8').on('data', (d) => (body += d)).on('end', () => {
		s.setHeader('Content-Type', 'text/plain; charset=utf-8');
		s.end('안녕하세요, ' + body + ' 😀');
	});
}).listen(Number(process.env.PORT));`;
		await runtime.mount([{ path: 'snippets/k/server.mjs', content: korean }]);
		let open = false;
		runtime.onPort((e) => (open ||= e.port === 18413 && e.type === 'open'));
		const server = await runtime.spawn({
			argv: ['node', 'server.mjs'],
			cwd: 'snippets/k',
			env: { PORT: '18413' },
			ports: [18413],
		});
		await until(() => (open ? true : undefined));
		await runtime.mount([
			{ path: `${HELPER_DIR}/${HELPER_FILE}`, content: readFileSync(HELPER_PATH, 'utf8') },
		]);
		const body = '이름=웹의 원리';
		const result = await inspect(
			runtime,
			18413,
			`POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
		);
		expect(result.response).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
		expect(result.response).toContain('안녕하세요, 이름=웹의 원리 😀');
		expect(result.request).toContain(body);
		await server.kill();
		await runtime.teardown();
	});
});
