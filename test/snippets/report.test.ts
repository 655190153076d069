// The report a run returns beside its transcript: a verdict per step and per expectation, what came
// instead, and the raw exchange; `keepGoing` gives every expectation a verdict without changing
// the transcript's first failure.
import { describe, expect, test } from 'vitest';
import { createNodeHost } from '../../src/lib/scenario/node-host.ts';
import { runScenario, runScenarioWithReport } from '../../src/lib/scenario/run.ts';
import { loadSnippet } from '../../src/lib/snippets/load.ts';
import { StepSchema, type Step } from '../../src/lib/snippets/schema.ts';

const host = createNodeHost();
const server = loadSnippet('example-com');

function withScenario(steps: unknown[]) {
	const scenario: Step[] = steps.map((s) => StepSchema.parse(s));
	return { ...server, manifest: { ...server.manifest, scenario } };
}

const broken = withScenario([
	{ do: 'start' },
	{
		do: 'request',
		port: 'example',
		path: '/',
		expect: { status: 404, headers: { 'x-not-sent': 'x' } },
	},
	{ do: 'request', port: 'example', path: '/nothing-here', expect: { status: 404 } },
]);

describe('the report of a run', () => {
	test('stops at the first failing step by default, with each expectation judged', async () => {
		const { transcript, report } = await runScenarioWithReport(broken, host);
		expect(report.ok).toBe(false);
		expect(report.steps.map((s) => s.state)).toEqual(['passed', 'failed', 'not-run']);
		expect(report.steps[1]?.expectations).toMatchObject([
			{ key: 'status', passed: false, got: 200 },
			{ key: 'headers.x-not-sent', passed: false, got: null },
		]);
		expect(report.steps[1]?.exchange?.response).toMatch(/^HTTP\/1\.1 200 OK/);
		expect(transcript.failure).toBe(
			'snippet "example-com" (node), step 2 (request GET /): expected status 404, got 200; expected a x-not-sent header containing "x", got none',
		);
	});

	test('with keepGoing, judges every step; the transcript still names the first failure', async () => {
		const { transcript, report } = await runScenarioWithReport(broken, host, { keepGoing: true });
		expect(report.steps.map((s) => s.state)).toEqual(['passed', 'failed', 'passed']);
		expect(transcript.failure).toContain('step 2 (request GET /)');
		expect(transcript.entries.filter((e) => e.type === 'http')).toHaveLength(2);
	});

	test('the transcript of a passing run is what runScenario records', async () => {
		const a = await runScenario(server, host);
		const { transcript: b, report } = await runScenarioWithReport(server, host);
		// Dates in responses and how output is chunked vary between runs; what was done does not.
		const shape = (t: typeof a) => ({
			ok: t.ok,
			failure: t.failure,
			keys: Object.keys(t).sort(),
			steps: t.entries
				.filter((e) => e.type !== 'output')
				.map((e) => (e.type === 'http' ? `${e.request} → ${e.response.split('\r\n')[0]}` : e)),
		});
		expect(shape(b)).toEqual(shape(a));
		expect(report.ok).toBe(true);
		expect(report.steps.every((s) => s.state === 'passed')).toBe(true);
	});

	test('a wait for output that a process exits without printing fails at once, saying so', async () => {
		const quitter = withScenario([
			{ do: 'start', env: { PORT: 'not-a-port' } },
			{ do: 'wait', output: 'never printed', timeoutMs: 5000 },
		]);
		const started = Date.now();
		const { report } = await runScenarioWithReport(quitter, host);
		expect(Date.now() - started).toBeLessThan(4000);
		expect(report.steps[0]?.state).toBe('failed');
		expect(report.steps[0]?.problem).toMatchObject({ code: 'exited-before-port' });
	});

	test('a process that ends before the awaited text: the wait step fails, not passes', async () => {
		const ends = withScenario([
			{ do: 'start' },
			{ do: 'stop' },
			{ do: 'wait', output: 'never printed', timeoutMs: 5000 },
		]);
		const started = Date.now();
		const { report, transcript } = await runScenarioWithReport(ends, host);
		expect(Date.now() - started).toBeLessThan(4000);
		expect(report.steps[2]?.expectations).toMatchObject([{ key: 'output', passed: false }]);
		expect(transcript.failure).toContain('"main" exited before printing "never printed"');
	});
});
