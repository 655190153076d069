// CPython's own test suites for http.server and wsgiref, run against our ports (issue #15), with
// CPython's own servers as the control so that a failure can be told apart from the harness.
// cpython/harness.py replaces only the server setup; cpython/plan.ts lists the tests that cannot
// apply to a server in another process; every other test passes on the port or fails for a row of
// src/lib/ports/differences.ts that names it.
//
// The interpreter is Debian's /usr/bin/python3.11 (3.11.2), not the `python3` on PATH (pyenv's
// 3.11.7): the suite files come from Debian's libpython3.11-testsuite and import `test.support`, so
// suite, support package and the http.server used by the control all have to be the same release.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snippetNode } from '../../src/lib/process/snippet-node';
import { portDifferences } from '../../src/lib/ports/differences';
import { CPYTHON_SUITES, NOT_APPLICABLE, notApplicable, type CpythonSuite } from './cpython/plan';
import { PROJECT_ROOT } from './servers';

const INTERPRETER = '/usr/bin/python3.11';
const SUITE_DIR = '/usr/lib/python3.11/test';
const HARNESS = path.join(PROJECT_ROOT, 'test/ports/cpython/harness.py');
const RUN_LIMIT_MS = 240_000;

type Outcome = 'passed' | 'failed' | 'error' | 'skipped' | 'not-applicable';
interface Run {
	python: string;
	results: Record<string, { outcome: Outcome; detail: string }>;
}
type Target = 'port' | 'cpython';

/**
 * CPython skips its CGI tests as root (issue #13308) and chmod checks mean nothing to root, so as
 * root the suite runs as `nobody`, the way CPython's own CI runs it: unprivileged.
 */
function unprivileged(): { uid: number; gid: number } | undefined {
	if (process.getuid?.() !== 0) return undefined;
	const entry = fs
		.readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.find((line) => line.startsWith('nobody:'));
	const [, , uid, gid] = entry?.split(':') ?? [];
	if (!uid || !gid)
		throw new Error('running as root, and there is no nobody user to run the suite as');
	return { uid: Number(uid), gid: Number(gid) };
}

/** Differences rows → the CPython tests they make fail. */
function documentedFailures(suite: CpythonSuite): Map<string, string> {
	const failures = new Map<string, string>();
	for (const row of portDifferences) {
		for (const test of row.cpythonTests ?? []) {
			if (test.startsWith(`${suite}.`)) failures.set(test, row.id);
		}
	}
	return failures;
}

function runHarness(suite: CpythonSuite, target: Target, workdir: string): Promise<Run> {
	// A folder the harness may write to, also when it runs as nobody.
	const tmp = fs.mkdtempSync(path.join(workdir, `${target}-`));
	fs.chmodSync(tmp, 0o777);
	const out = path.join(tmp, 'results.json');
	const args = [
		HARNESS,
		'--suite',
		suite,
		'--target',
		target,
		'--out',
		out,
		'--node',
		snippetNode(),
	];
	const skip = notApplicable(suite);
	return new Promise((resolve, reject) => {
		const child = spawn(INTERPRETER, [...args, '--skip', ...skip], {
			cwd: tmp,
			env: {
				PATH: process.env['PATH'] ?? '/usr/bin:/bin',
				HOME: tmp,
				TMPDIR: tmp,
				LANG: 'C.UTF-8',
				PYTHONDONTWRITEBYTECODE: '1',
			},
			stdio: ['ignore', 'pipe', 'pipe'],
			...unprivileged(),
		});
		let log = '';
		child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
		const timer = setTimeout(() => child.kill('SIGKILL'), RUN_LIMIT_MS - 10_000);
		child.on('error', reject);
		child.on('close', (code) => {
			clearTimeout(timer);
			if (code !== 0 || !fs.existsSync(out)) {
				reject(
					new Error(`${suite} against ${target}: harness exited ${code}\n${log.slice(-4000)}`),
				);
				return;
			}
			resolve(JSON.parse(fs.readFileSync(out, 'utf8')) as Run);
		});
	});
}

/** "passed 53 / not applicable 16 / documented difference 3" and the lists, for the log. */
function summary(suite: CpythonSuite, target: Target, run: Run): string {
	const documented = documentedFailures(suite);
	const ids = Object.keys(run.results);
	const by = (outcome: Outcome) => ids.filter((id) => run.results[id]?.outcome === outcome);
	const failing = ids.filter((id) =>
		['failed', 'error', 'skipped'].includes(run.results[id]?.outcome ?? ''),
	);
	const asDocumented = failing.filter((id) => documented.has(id));
	const lines = [
		`${suite} on ${target === 'port' ? 'our port' : "CPython's own server"} (${run.python.split(' ')[0]}): ` +
			`${by('passed').length} passed / ${by('not-applicable').length} not applicable / ` +
			`${asDocumented.length} documented difference / ${failing.length - asDocumented.length} other`,
		...asDocumented.map((id) => `  difference ${documented.get(id)}: ${id}`),
		...failing
			.filter((id) => !documented.has(id))
			.map((id) => `  UNEXPECTED ${id}: ${run.results[id]?.detail}`),
	];
	return lines.join('\n');
}

for (const suite of CPYTHON_SUITES) {
	const installed =
		fs.existsSync(path.join(SUITE_DIR, `${suite}.py`)) && fs.existsSync(INTERPRETER);

	describe(`CPython's ${suite}`, () => {
		if (!installed) {
			it(`needs Debian's libpython3.11-testsuite`, (context) => {
				const message = `${SUITE_DIR}/${suite}.py is missing: apt-get install libpython3.11-testsuite`;
				if (process.env['CI']) throw new Error(message);
				context.skip(message);
			});
			return;
		}

		const runs: Partial<Record<Target, Run>> = {};
		let workdir = '';

		beforeAll(async () => {
			workdir = fs.mkdtempSync(path.join(os.tmpdir(), `cpython-${suite}-`));
			fs.chmodSync(workdir, 0o755);
			const [port, cpython] = await Promise.all([
				runHarness(suite, 'port', workdir),
				runHarness(suite, 'cpython', workdir),
			]);
			runs.port = port;
			runs.cpython = cpython;
			console.log(`${summary(suite, 'cpython', cpython)}\n${summary(suite, 'port', port)}`);
		}, RUN_LIMIT_MS);

		afterAll(() => {
			if (workdir) fs.rmSync(workdir, { recursive: true, force: true });
		});

		it('every test of the suite is accounted for: run, or listed as not applicable with a reason', () => {
			const ids = Object.keys(runs.port?.results ?? {});
			expect(ids.length).toBeGreaterThan(20);
			expect(Object.keys(runs.cpython?.results ?? {}).sort()).toEqual([...ids].sort());
			for (const id of notApplicable(suite)) {
				expect(ids, `${id} is listed as not applicable but is not in the suite`).toContain(id);
				expect(NOT_APPLICABLE[id]?.length).toBeGreaterThan(20);
			}
			for (const id of documentedFailures(suite).keys()) {
				expect(ids, `${id} is named by a difference row but is not in the suite`).toContain(id);
			}
		});

		it("the control: CPython's own server passes every applicable test through the same harness", () => {
			const failing = Object.entries(runs.cpython?.results ?? {}).filter(
				([, result]) => !['passed', 'not-applicable'].includes(result.outcome),
			);
			expect(failing.map(([id, r]) => `${id}: ${r.outcome}\n${r.detail}`)).toEqual([]);
		});

		it('our port passes every applicable test but those a difference row names', () => {
			const documented = documentedFailures(suite);
			const unexpected = Object.entries(runs.port?.results ?? {}).filter(
				([id, result]) =>
					!['passed', 'not-applicable'].includes(result.outcome) && !documented.has(id),
			);
			expect(unexpected.map(([id, r]) => `${id}: ${r.outcome}\n${r.detail}`)).toEqual([]);
		});

		it('each test a difference row names fails on our port and passes on CPython’s server', () => {
			for (const [id, row] of documentedFailures(suite)) {
				expect(runs.port?.results[id]?.outcome, `${id} (${row})`).toMatch(/^(failed|error)$/);
				expect(runs.cpython?.results[id]?.outcome, `${id} (${row})`).toBe('passed');
			}
		});
	});
}
