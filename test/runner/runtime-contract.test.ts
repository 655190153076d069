// The runtime contract, held against both live runtimes: the WebContainer adapter (over a stand-in
// for the API) and the local runtime (over the real endpoint). Then a whole snippet run with its
// service and the inspector's helper, on the local runtime.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snippetBundle } from '../../src/lib/snippets/bundle.ts';
import { loadSnippet } from '../../src/lib/snippets/load.ts';
import { createLocalRuntime, probeLocal } from '../../src/runner/runtime/local.ts';
import type { LiveRuntime, PortEvent, SpawnRequest } from '../../src/runner/runtime/types.ts';
import { createWebContainerRuntime } from '../../src/runner/runtime/webcontainer.ts';
import { filesToMount, inspect, prepareRun, startRun } from '../../src/runner/session.ts';
import { fakeWebContainerApi } from './fake-webcontainer.ts';
import { startHarness, type Harness } from './local-harness.ts';

let harness: Harness;
beforeAll(async () => {
	harness = await startHarness();
});
afterAll(() => harness.stop());

const pageFetch: typeof fetch = (input, init) => harness.pageFetch(input, init);

const script = `
console.log('hello ' + process.env.GREETING);
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d) => { if (d.includes('bye')) { console.log('ok bye'); process.exit(4); } });
`;

async function until<T>(get: () => T | undefined, ms = 5000): Promise<T> {
	const end = Date.now() + ms;
	for (;;) {
		const v = get();
		if (v !== undefined) return v;
		if (Date.now() > end) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 20));
	}
}

function contract(name: string, make: () => LiveRuntime) {
	describe(`runtime contract: ${name}`, () => {
		let runtime: LiveRuntime;
		beforeAll(async () => {
			runtime = make();
			await runtime.boot();
		});
		afterAll(() => runtime.teardown());

		it('mounts files in folders, spawns with env, streams output, takes stdin, reports the exit code', async () => {
			await runtime.mount([{ path: 'snippets/a/main.mjs', content: script }]);
			const proc = await runtime.spawn({
				argv: ['node', 'main.mjs'],
				cwd: 'snippets/a',
				env: { GREETING: 'world' },
				ports: [],
			});
			let out = '';
			proc.onOutput((t) => (out += t));
			await until(() => (out.includes('hello world') ? true : undefined));
			proc.write('bye\n');
			const exit = await proc.exited;
			expect(exit.code).toBe(4);
			expect(out).toContain('ok bye');
		});

		it('announces a port when the server opens it, and stops it on kill', async () => {
			const spec = { name: 'web', default: 18_000 + Math.floor(Math.random() * 2000), env: 'PORT' };
			const port = await runtime.allocatePort(spec);
			const events: PortEvent[] = [];
			const off = runtime.onPort((e) => events.push(e));
			await runtime.mount([
				{
					path: 'snippets/b/server.mjs',
					content: `import { createServer } from 'node:http'; createServer((q, s) => s.end('hi')).listen(Number(process.env.PORT));`,
				},
			]);
			const proc = await runtime.spawn({
				argv: ['node', 'server.mjs'],
				cwd: 'snippets/b',
				env: { PORT: String(port) },
				ports: [port],
			});
			const open = await until(() => events.find((e) => e.port === port && e.type === 'open'));
			expect(open.url).toBeTruthy();
			const started = Date.now();
			await proc.kill();
			expect(Date.now() - started).toBeLessThan(2000);
			const exit = await proc.exited;
			expect(exit.code === 0).toBe(false);
			off();
		});
	});
}

contract('WebContainer adapter (stand-in API)', () =>
	createWebContainerRuntime({ load: async () => fakeWebContainerApi().api }),
);
contract('local runtime (real endpoint)', () => createLocalRuntime('/__runner/', pageFetch));

describe('a whole run on the local runtime', () => {
	it('answers the probe as a page would see it', async () => {
		expect(await probeLocal('/__runner/', pageFetch)).toMatchObject({ runner: 'local' });
		expect(await probeLocal('/nowhere/', pageFetch)).toBeUndefined();
	});

	it('ends a Stop for the reader even when the answer to the kill is held up on the way', async () => {
		let held = false;
		// The kill reaches the endpoint; its answer never reaches the page.
		const holdingKills: typeof fetch = (input, init) => {
			const sent = pageFetch(input, init);
			if (!String(input).endsWith('/kill')) return sent;
			held = true;
			return new Promise<Response>(() => undefined);
		};
		const runtime = createLocalRuntime('/__runner/', holdingKills);
		await runtime.boot();
		await runtime.mount([
			{ path: 'snippets/held/main.mjs', content: 'setInterval(() => {}, 1000);' },
		]);
		const proc = await runtime.spawn({
			argv: ['node', 'main.mjs'],
			cwd: 'snippets/held',
			env: {},
			ports: [],
		});
		const started = Date.now();
		await proc.kill();
		expect(held).toBe(true);
		expect(Date.now() - started).toBeLessThan(4000);
		// The exit event still comes on the stream: the run ends as stopped.
		expect((await proc.exited).reason).toBe('stopped');
		await runtime.teardown();
	});

	it('starts a server snippet, reports its port, and the inspector round-trips a raw request', async () => {
		const runtime = createLocalRuntime('/__runner/', pageFetch);
		await runtime.boot();
		const bundle = snippetBundle(loadSnippet('example-com'));
		let output = '';
		const run = await startRun(
			runtime,
			bundle,
			{},
			{ output: (t) => (output += t), status: () => {}, port: () => {} },
		);
		const web = run.ports[0];
		expect(web?.shown).toBe(8080);
		await until(() => web?.url);
		const result = await inspect(
			runtime,
			web?.port ?? 0,
			'GET /nothing-here HTTP/1.1\r\nHost: localhost:8080\r\nConnection: close\r\n\r\n',
		);
		expect(result.request).toContain('GET /nothing-here HTTP/1.1');
		expect(result.response).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
		await until(() => (output.includes('GET /nothing-here') ? true : undefined));
		await run.stop();
		await runtime.teardown();
	});

	it("starts a client's services on intent, so Run starts only the client, with edits made since", async () => {
		const runtime = createLocalRuntime('/__runner/', pageFetch);
		await runtime.boot();
		const spawned: string[] = [];
		const mounted: string[][] = [];
		const watched: LiveRuntime = {
			...runtime,
			spawn: (request: SpawnRequest) => (spawned.push(request.cwd), runtime.spawn(request)),
			mount: (files) => (mounted.push(files.map((f) => f.path)), runtime.mount(files)),
		};
		const bundle = snippetBundle(loadSnippet('curl'));
		const service = '_services/snippets/example-com';
		const prepared = await prepareRun(watched, bundle, {});
		await until(() => (spawned.includes(service) ? true : undefined));
		spawned.length = 0;
		mounted.length = 0;

		const source = bundle.files.find((f) => f.path === 'curl.mjs')?.content ?? '';
		const edited = source.replace("'curl.mjs/1.0'", "'edited-after-intent/1.0'");
		expect(edited).not.toBe(source);
		let output = '';
		const run = await startRun(
			watched,
			bundle,
			{ 'curl.mjs': edited },
			{ output: (t, from) => (output += `${from}: ${t}`), status: () => {}, port: () => {} },
			{ prepared },
		);
		expect((await run.exited).code).toBe(0);
		expect(spawned.slice(0, 1)).toEqual(['snippets/curl']);
		expect(mounted[0]).toEqual(['snippets/curl/curl.mjs']);
		expect(output).toContain('main: HTTP/1.1 200 OK');
		// What the service printed while it waited, and what it printed during the run, both reach the run.
		expect(output).toContain('example-com: www.example.com 대역 서버');
		expect(output).toContain('example-com: GET / HTTP/1.1 — edited-after-intent/1.0');
		// The service went with the run, and a fresh one waits for the next.
		await until(() => (spawned.includes(service) ? true : undefined));
		await runtime.teardown();
	});

	it("runs the Python code instead, with the reader's Python edit, beside the Node service it talks to", async () => {
		const runtime = createLocalRuntime('/__runner/', pageFetch);
		await runtime.boot();
		const bundle = snippetBundle(loadSnippet('curl'));
		// A Node run mounts no Python; a Python run mounts the Python file as edited.
		expect(filesToMount(bundle, {}).some((f) => f.path.endsWith('.py'))).toBe(false);
		const source = bundle.files.find((f) => f.path === 'curl.py')?.content ?? '';
		const edits = { 'curl.py': `${source}\nprint('파이썬을 고쳐 실행했습니다')\n` };
		expect(filesToMount(bundle, edits, 'python')).toContainEqual({
			path: 'snippets/curl/curl.py',
			content: edits['curl.py'],
		});
		let output = '';
		const run = await startRun(
			runtime,
			bundle,
			edits,
			{ output: (t, from) => (output += `${from}: ${t}`), status: () => {}, port: () => {} },
			{ variant: 'python' },
		);
		expect((await run.exited).code).toBe(0);
		expect(output).toContain('main: HTTP/1.1 200 OK');
		expect(output).toContain('파이썬을 고쳐 실행했습니다');
		expect(output).toContain('example-com: GET / HTTP/1.1');
		await runtime.teardown();
	});

	it("runs a Python CGI server that runs the snippet's executable scripts and the shared Python ones", async () => {
		const runtime = createLocalRuntime('/__runner/', pageFetch);
		await runtime.boot();
		const bundle = snippetBundle(loadSnippet('cgi-http-server'));
		let output = '';
		const run = await startRun(
			runtime,
			bundle,
			{},
			{ output: (t) => (output += t), status: () => {}, port: () => {} },
			{ variant: 'python' },
		);
		const web = run.ports.find((p) => p.owner === 'main');
		await until(() => web?.url);
		const ask = (raw: string) => inspect(runtime, web?.port ?? 0, raw);
		// env.py runs the shared Python script (python.shared), mounted beside the snippet.
		const env = await ask(
			'GET /cgi-bin/env.py?q=1 HTTP/1.1\r\nHost: localhost:8888\r\nConnection: close\r\n\r\n',
		);
		expect(env.response).toMatch(/^HTTP\/1\.0 200 Script output follows\r\n/);
		expect(env.response).toContain('QUERY_STRING=q=1');
		// form.mjs is a Node script that Python runs itself: only because it was written executable.
		const body = 'name=web&message=hello+cgi';
		const form = await ask(
			`POST /cgi-bin/form.mjs HTTP/1.1\r\nHost: localhost:8888\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
		);
		expect(form.response).toContain('<tr><th>message</th><td>hello cgi</td></tr>');
		expect(output).toContain('"POST /cgi-bin/form.mjs HTTP/1.1" 200');
		await run.stop();
		await runtime.teardown();
	});

	it('starts no service ahead of Run where every program uses its default port', async () => {
		const runtime = createWebContainerRuntime({ load: async () => fakeWebContainerApi().api });
		await runtime.boot();
		const spawned: string[] = [];
		const watched: LiveRuntime = {
			...runtime,
			spawn: (request: SpawnRequest) => (spawned.push(request.cwd), runtime.spawn(request)),
		};
		const prepared = await prepareRun(watched, snippetBundle(loadSnippet('curl')), {});
		await new Promise((r) => setTimeout(r, 200));
		expect(prepared.ports.size).toBe(0);
		expect(spawned).toEqual([]);
		await runtime.teardown();
	});
});
