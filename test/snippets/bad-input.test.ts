// A broken snippet must fail loudly and precisely: the message names the snippet, the file or field,
// and what was expected; a hanging snippet is killed after its bound and the message says so.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { createNodeHost } from '../../src/lib/scenario/node-host.ts';
import { runScenario } from '../../src/lib/scenario/run.ts';
import { loadAllSnippets, loadSnippet } from '../../src/lib/snippets/load.ts';

const root = mkdtempSync(join(tmpdir(), 'book-bad-snippets-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function fixture(id: string, manifest: unknown, files: Record<string, string> = {}) {
	const dir = join(root, 'snippets', id);
	mkdirSync(dir, { recursive: true });
	writeFileSync(
		join(dir, 'snippet.json'),
		typeof manifest === 'string' ? manifest : JSON.stringify(manifest),
	);
	for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
}

const base = {
	title: '테스트',
	kind: 'client',
	files: ['main.mjs'],
	command: ['node', 'main.mjs'],
};

describe('loading a broken snippet', () => {
	test('invalid JSON names the file', () => {
		fixture('bad-json', '{ "id": ');
		expect(() => loadSnippet('bad-json', root)).toThrow(
			/snippet "bad-json": snippets\/bad-json\/snippet.json is not valid JSON/,
		);
	});

	test('a schema violation names the field and what was expected', () => {
		fixture(
			'bad-kind',
			{ ...base, id: 'bad-kind', kind: 'database', scenario: [{ do: 'run' }] },
			{ 'main.mjs': '' },
		);
		expect(() => loadSnippet('bad-kind', root)).toThrow(
			/snippet "bad-kind".*\n\s+- kind: .*"client"/,
		);
	});

	test('a scenario step with an unknown action names the step', () => {
		fixture(
			'bad-step',
			{ ...base, id: 'bad-step', scenario: [{ do: 'jump' }] },
			{ 'main.mjs': '' },
		);
		expect(() => loadSnippet('bad-step', root)).toThrow(/scenario\.0\.do/);
	});

	test('a missing file names the field and the file', () => {
		fixture('missing-file', { ...base, id: 'missing-file', scenario: [{ do: 'run' }] });
		expect(() => loadSnippet('missing-file', root)).toThrow(
			/snippet "missing-file": files names main\.mjs, which does not exist/,
		);
	});

	test('an id that differs from the folder is refused', () => {
		fixture(
			'folder-name',
			{ ...base, id: 'other-name', scenario: [{ do: 'run' }] },
			{ 'main.mjs': '' },
		);
		expect(() => loadSnippet('folder-name', root)).toThrow(
			/"id" is "other-name" but the folder is "folder-name"/,
		);
	});

	test('a missing service is reported on the snippet that needs it', () => {
		fixture(
			'needs-service',
			{ ...base, id: 'needs-service', services: ['nowhere'], scenario: [{ do: 'run' }] },
			{ 'main.mjs': '' },
		);
		expect(() => loadSnippet('needs-service', root)).toThrow(
			/snippet "needs-service": services names "nowhere"/,
		);
	});

	test('loading all snippets reports every broken one together', () => {
		expect(() => loadAllSnippets(root)).toThrow(
			/snippet\(s\) failed to load[\s\S]*bad-json[\s\S]*missing-file/,
		);
	});
});

describe('running a broken snippet', () => {
	const host = createNodeHost({ snippetsDir: join(root, 'snippets') });

	test('a failing expectation names the snippet, the step and what was expected', async () => {
		fixture(
			'wrong-output',
			{
				...base,
				id: 'wrong-output',
				scenario: [{ do: 'run', expect: { exitCode: 0, output: ['안녕'] } }],
			},
			{ 'main.mjs': "console.log('hello'); process.exit(3);" },
		);
		const transcript = await runScenario(loadSnippet('wrong-output', root), host);
		expect(transcript.ok).toBe(false);
		expect(transcript.failure).toMatch(
			/snippet "wrong-output" \(node\), step 1 \(run\): expected exit code 0, got 3/,
		);
		expect(transcript.failure).toContain('expected the output to contain "안녕"');
		expect(transcript.failure).toContain('hello');
	});

	test('a hanging client is killed after its bound and the message says so', async () => {
		fixture(
			'hangs',
			{ ...base, id: 'hangs', scenario: [{ do: 'run', timeoutMs: 500 }] },
			{ 'main.mjs': 'setInterval(() => {}, 1000);' },
		);
		const started = Date.now();
		const transcript = await runScenario(loadSnippet('hangs', root), host);
		expect(transcript.failure).toMatch(/still running after 500 ms and was killed/);
		expect(Date.now() - started).toBeLessThan(5000);
	});

	test('a server that never opens its port fails with its own output', async () => {
		fixture(
			'no-port',
			{
				...base,
				id: 'no-port',
				kind: 'server',
				ports: [{ name: 'web', default: 8888 }],
				scenario: [{ do: 'start', timeoutMs: 500 }],
			},
			{ 'main.mjs': "console.log('잠만 잡니다'); setInterval(() => {}, 1000);" },
		);
		const transcript = await runScenario(loadSnippet('no-port', root), host);
		expect(transcript.failure).toMatch(/did not open port web within 500 ms[\s\S]*잠만 잡니다/);
	});

	test('a server that crashes on start says it exited, with its stack trace', async () => {
		fixture(
			'crashes',
			{
				...base,
				id: 'crashes',
				kind: 'server',
				ports: [{ name: 'web', default: 8888 }],
				scenario: [{ do: 'start' }],
			},
			{ 'main.mjs': "throw new Error('시작하자마자 실패');" },
		);
		const transcript = await runScenario(loadSnippet('crashes', root), host);
		expect(transcript.failure).toMatch(
			/exited \(code 1\) before opening port web[\s\S]*시작하자마자 실패/,
		);
	});

	test('the whole scenario has a deadline', async () => {
		fixture(
			'slow-steps',
			{
				...base,
				id: 'slow-steps',
				kind: 'server',
				scenario: [{ do: 'start' }, { do: 'wait', output: 'never', timeoutMs: 30000 }],
			},
			{ 'main.mjs': 'setInterval(() => {}, 1000);' },
		);
		const transcript = await runScenario(loadSnippet('slow-steps', root), host, {
			deadlineMs: 700,
		});
		expect(transcript.failure).toMatch(/longer than 700 ms and every process was killed/);
	});
});

describe('shared code', () => {
	test('modules imported by shared files are mounted too, and a missing one names the importer', () => {
		mkdirSync(join(root, 'snippets', '_shared', 'lib'), { recursive: true });
		writeFileSync(
			join(root, 'snippets', '_shared', 'entry.mjs'),
			"export * from './lib/part.mjs';\n",
		);
		writeFileSync(join(root, 'snippets', '_shared', 'lib', 'part.mjs'), "import './gone.mjs';\n");
		fixture(
			'uses-shared',
			{ ...base, id: 'uses-shared', shared: ['entry.mjs'], scenario: [{ do: 'run' }] },
			{ 'main.mjs': "import '../_shared/entry.mjs';" },
		);
		expect(() => loadSnippet('uses-shared', root)).toThrow(
			/snippet "uses-shared": \.\.\/_shared\/lib\/part\.mjs imports \.\/gone\.mjs, which does not exist/,
		);
		writeFileSync(join(root, 'snippets', '_shared', 'lib', 'gone.mjs'), 'export {};\n');
		const files = loadSnippet('uses-shared', root).files.map((f) => `${f.role}:${f.path}`);
		expect(files).toEqual([
			'code:main.mjs',
			'shared:../_shared/entry.mjs',
			'support:../_shared/lib/part.mjs',
			'support:../_shared/lib/gone.mjs',
		]);
	});
});
