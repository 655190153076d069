// The page's ScenarioHost, held to what the scenario runner needs on both live runtimes: the local
// runtime over the real endpoint, and the WebContainer adapter over its stand-in. Every snippet's
// scenario runs through it (the self-test's own code, a few at a time), as it will in the page, and
// exercises check the same way there as under `npm run check`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/lib/scenario/node-host.ts';
import { exerciseBundle } from '../../src/lib/exercises/bundle.ts';
import { checkExercise } from '../../src/lib/exercises/check.ts';
import { exerciseSnippet, loadExercise } from '../../src/lib/exercises/load.ts';
import { verdictOf, type CheckVerdict } from '../../src/lib/exercises/verdict.ts';
import { firstFailure } from '../../src/lib/scenario/korean.ts';
import { runScenarioWithReport } from '../../src/lib/scenario/run.ts';
import { snippetBundle, type SnippetBundle } from '../../src/lib/snippets/bundle.ts';
import { listSnippetIds, loadSnippet } from '../../src/lib/snippets/load.ts';
import { checkOnRuntime } from '../../src/runner/exercise-check.ts';
import { createOutputFilter } from '../../src/runner/plain-output.ts';
import { createLocalRuntime } from '../../src/runner/runtime/local.ts';
import type { LiveRuntime } from '../../src/runner/runtime/types.ts';
import { createWebContainerRuntime } from '../../src/runner/runtime/webcontainer.ts';
import { createPageScenarioHost, mountForScenario } from '../../src/runner/scenario-host.ts';
import { runSelfTest, type SelfTestItem } from '../../src/runner/self-test.ts';
import { fakeWebContainerApi } from './fake-webcontainer.ts';
import { startHarness, until, type Harness } from './local-harness.ts';

let harness: Harness;
beforeAll(async () => {
	harness = await startHarness();
});
afterAll(() => harness.stop());

const pageFetch: typeof fetch = (input, init) => harness.pageFetch(input, init);

/**
 * The WebContainer adapter over the stand-in. A real container is private, so the adapter hands out
 * each port's default; the stand-in's servers share this machine with other test runs, so here the
 * defaults are swapped for free ports. The self-test still schedules by the defaults (it reads
 * `uniquePorts`, which stays false).
 */
function webContainer(): LiveRuntime {
	const runtime = createWebContainerRuntime({ load: async () => fakeWebContainerApi().api });
	return { ...runtime, allocatePort: () => freePort() };
}

const runtimes: Array<[string, () => LiveRuntime]> = [
	['local runtime (real endpoint)', () => createLocalRuntime('/__runner/', pageFetch)],
	['WebContainer adapter (stand-in API)', webContainer],
];

function item(id: string): SelfTestItem {
	const snippet = loadSnippet(id);
	return {
		id,
		title: snippet.manifest.title,
		runnable: snippet,
		bundle: async () => snippetBundle(snippet),
	};
}

describe.each(runtimes)('page ScenarioHost on the %s', (_name, make) => {
	let runtime: LiveRuntime;
	beforeAll(async () => {
		runtime = make();
		await runtime.boot();
	});
	afterAll(() => runtime.teardown());

	it('runs every snippet’s scenario, as in Node', async () => {
		const rows = await runSelfTest(
			runtime,
			listSnippetIds().map((id) => item(id)),
		);
		const failed = rows.filter((r) => r.state !== 'passed');
		expect(failed.map((r) => `${r.id}: ${r.message}`)).toEqual([]);
		for (const row of rows) expect(row.passed).toBe(row.total);
	}, 300_000);

	it('reports a broken expectation with the raw exchange, in Korean', async () => {
		const bundle = snippetBundle(loadSnippet('example-com'));
		const source = bundle.files.find((f) => f.path === 'server.mjs')?.content ?? '';
		const broken = source.replace("req.url !== '/' && req.url !== '/index.html'", 'false');
		expect(broken).not.toBe(source);
		const host = await mountForScenario(runtime, bundle, { 'server.mjs': broken });
		const { transcript, report } = await runScenarioWithReport(loadSnippet('example-com'), host);
		host.dispose();
		expect(transcript.ok).toBe(false);
		expect(transcript.failure).toContain('expected status 404, got 200');
		const step = report.steps.find(
			(s) => s.step.do === 'request' && s.step.path === '/nothing-here',
		);
		expect(step?.state).toBe('failed');
		expect(step?.expectations).toMatchObject([{ key: 'status', passed: false, got: 200 }]);
		expect(step?.exchange?.request).toContain('GET /nothing-here HTTP/1.1');
		expect(step?.exchange?.response).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
		expect(firstFailure(report)).toBe(
			`${(step?.index ?? 0) + 1}단계(요청 GET /nothing-here): 404 상태 코드를 기대했는데 200이 왔습니다.`,
		);
	});

	it('writes a file shared by runs once, even when runs mount at the same time', async () => {
		const writes: string[] = [];
		const watched: LiveRuntime = {
			...runtime,
			mount: (files) => (writes.push(...files.map((f) => f.path)), runtime.mount(files)),
		};
		const bundles = ['curl', 'telnet', 'urlopen-example'].map((id) =>
			snippetBundle(loadSnippet(id)),
		);
		const hosts = await Promise.all(bundles.map((b) => mountForScenario(watched, b)));
		hosts.push(await mountForScenario(watched, bundles[0] as SnippetBundle));
		for (const host of hosts) host.dispose();
		const helper = writes.filter((p) => p.endsWith('inspect-helper.mjs'));
		const service = writes.filter((p) => p === '_services/snippets/example-com/server.mjs');
		expect(helper).toHaveLength(1);
		expect(service).toHaveLength(1);
		expect(writes).toContain('snippets/telnet/telnet.mjs');
	});

	it('finds a port the runtime never announces by probing it from inside', async () => {
		const bundle = snippetBundle(loadSnippet('example-com'));
		const host = await mountForScenario(runtime, bundle, {}, { probeAfterMs: 50 });
		const port = await host.allocatePort({ name: 'quiet', default: 8097, env: 'QUIET_PORT' });
		await runtime.mount([
			{
				path: 'snippets/example-com/quiet.mjs',
				content: `import { createServer } from 'node:net'; createServer((s) => s.end()).listen(Number(process.env.QUIET_PORT));`,
			},
		]);
		// Spawned with no ports to watch and no PORT variable: neither runtime announces it.
		const proc = await host.spawn(['node', 'quiet.mjs'], {
			snippetId: 'example-com',
			env: { QUIET_PORT: String(port) },
		});
		expect(await host.waitForPort(port, 5000)).toBe(true);
		await proc.kill();
		host.dispose();
	});

	it('gives up on a port nobody opens, after the timeout', async () => {
		const snippet = loadSnippet('example-com');
		const bundle = snippetBundle(snippet);
		const host = await mountForScenario(
			runtime,
			bundle,
			{ 'server.mjs': "console.log('듣지 않습니다'); setInterval(() => {}, 1000);" },
			{ probeAfterMs: 100, probeEveryMs: 100 },
		);
		const quick = {
			...snippet,
			manifest: {
				...snippet.manifest,
				scenario: [{ do: 'start' as const, process: 'main', env: {}, timeoutMs: 800 }],
			},
		};
		const started = Date.now();
		const { report } = await runScenarioWithReport(quick, host);
		host.dispose();
		expect(report.steps[0]?.problem).toMatchObject({ code: 'port-timeout', port: 'example' });
		expect(Date.now() - started).toBeLessThan(5000);
	});

	it('checks exercises as npm run check does: the solution passes, the starter fails the same way', async () => {
		for (const id of ['status-404-301', 'cgi-form-post', 'raw-get-request']) {
			const exercise = loadExercise(id);
			const verdicts: Record<string, CheckVerdict> = {};
			for (const files of ['starter', 'solution'] as const) {
				const snippet = exerciseSnippet(exercise, files);
				const host = await mountForScenario(runtime, snippetBundle(snippet));
				const { report } = await runScenarioWithReport(snippet, host, { keepGoing: true });
				host.dispose();
				verdicts[files] = verdictOf(exercise.manifest, report);
			}
			expect(verdicts['solution']?.ok, `${id} solution`).toBe(true);
			expect(verdicts['starter']?.ok, `${id} starter`).toBe(false);
			const inNode = (await checkExercise(exercise, 'starter')).verdict;
			const failed = (v: CheckVerdict | undefined) =>
				v?.items.filter((i) => i.state === 'failed').map((i) => `${i.step}:${i.key}`);
			expect(failed(verdicts['starter']), id).toEqual(failed(inNode));
		}
	}, 120_000);

	it('checks an exercise as the page does: the reader’s files from its bundle, in a folder of its own', async () => {
		const exercise = loadExercise('status-404-301');
		const data = exerciseBundle(exercise);
		const main = exercise.manifest.files[0] ?? '';
		const first = await checkOnRuntime(runtime, data, data.exercise.solution);
		expect(first.ok, JSON.stringify(first.problems)).toBe(true);
		// A Run then writes other code into the reader's folder (the workbench's own mounting, which
		// the check's does not know about): the next check still runs what it was given.
		await runtime.mount([
			{ path: `snippets/${exercise.id}/${main}`, content: 'process.exit(3);\n' },
		]);
		const again = await checkOnRuntime(runtime, data, data.exercise.solution);
		expect(again.ok, JSON.stringify(again.problems)).toBe(true);
		const starter = await checkOnRuntime(runtime, data, {});
		expect(starter.ok).toBe(false);
		const failed = starter.items.filter((i) => i.state === 'failed');
		expect(failed.map((i) => i.says)).toContain(
			'옮긴 주소(/old-about)에는 301 Moved Permanently로 답합니다.',
		);
		expect(failed.find((i) => i.key === 'status')?.outcome).toBe(
			'301 상태 코드를 기대했는데 200이 왔습니다.',
		);
		expect(failed.find((i) => i.exchange)?.exchange?.request).toContain('GET /old-about HTTP/1.1');
	}, 60_000);

	it('asks the runtime for its Node version, and says it has no Python', async () => {
		const host = await mountForScenario(runtime, snippetBundle(loadSnippet('curl')));
		expect(await host.runtimeVersion('node')).toMatch(/^v\d+\.\d+\.\d+$/);
		await expect(host.runtimeVersion('python')).rejects.toThrow(/Python/);
		host.dispose();
	});
});

describe('a stopped self-test', () => {
	it('ends its runs, kills their processes and marks the rest stopped', async () => {
		const runtime = createLocalRuntime('/__runner/', pageFetch);
		await runtime.boot();
		const controller = new AbortController();
		const ids = ['telnet', 'curl', 'echo-request', 'example-com'];
		const seen: string[] = [];
		let aborted = 0;
		const rows = await runSelfTest(
			runtime,
			ids.map((id) => item(id)),
			{
				limit: 1,
				signal: controller.signal,
				onRow: (row) => {
					seen.push(`${row.id}:${row.state}`);
					if (row.state === 'running')
						setTimeout(() => ((aborted = Date.now()), controller.abort()), 150);
				},
			},
		);
		// Stopping ends the running check at once: telnet alone would wait for input until its timeout.
		expect(aborted).toBeGreaterThan(0);
		expect(Date.now() - aborted).toBeLessThan(3000);
		expect(rows.map((r) => r.state)).toEqual(['stopped', 'stopped', 'stopped', 'stopped']);
		expect(seen.filter((s) => s.endsWith(':running'))).toEqual(['telnet:running']);
		// Nothing the stopped run started is still alive (a process tree takes a moment to end).
		await until(() => harness.runner.stats().processes === 0, 5000, 'its processes to end').catch(
			() => {},
		);
		expect(harness.runner.stats().processes).toBe(0);
		await runtime.teardown();
	});
});

describe('output the runtime hands over before the runner listens', () => {
	it('reaches the runner’s first listener', async () => {
		// A runtime replays what a process printed before its spawn answer, to the first subscriber:
		// here at once. The host subscribes right away; the runner only after spawn resolves.
		const replaying: LiveRuntime = {
			...createWebContainerRuntime({ load: async () => fakeWebContainerApi().api }),
			onPort: () => () => {},
			spawn: async () => ({
				onOutput: (listener: (text: string) => void) => (listener('printed early\n'), () => {}),
				write: () => {},
				end: () => {},
				kill: async () => {},
				resize: () => {},
				exited: Promise.resolve({ code: 0, signal: null }),
			}),
		};
		const host = createPageScenarioHost(replaying, { cwdOf: (id) => `snippets/${id}` });
		const proc = await host.spawn(['node', 'x.mjs'], { snippetId: 'x', env: {} });
		await new Promise((r) => setTimeout(r, 20));
		let output = '';
		proc.onOutput((text) => (output += text));
		await proc.exited;
		expect(output).toBe('printed early\n');
		host.dispose();
	});
});

describe('output reads as from a pipe', () => {
	const feed = (terminal: boolean, chunks: string[]) => {
		const filter = createOutputFilter({ terminal });
		return chunks.map((c) => filter.write(c)).join('') + filter.end();
	};

	it('from a terminal: undoes LF → CRLF, keeps a program’s own CRLF, drops colours, across chunk edges', () => {
		const chunks = ['HTTP/1.1 200 OK\r\r', '\nline\r', '\n\x1b[3', '2mgreen\x1b[39m\r\n', 'end\r'];
		expect(feed(true, chunks)).toBe('HTTP/1.1 200 OK\r\nline\ngreen\nend\r');
	});

	it('from a pipe: drops colours only', () => {
		expect(feed(false, ['a\r\n\x1b[33m4', '04\x1b[', '39m Not Found\n'])).toBe(
			'a\r\n404 Not Found\n',
		);
	});
});
