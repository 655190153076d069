// The committed Python transcripts (transcripts/python/) are what the snippets' Python code prints
// today: every snippet with Python code has one, none is stale, none is left over, and the staleness
// check really notices a changed .py file or scenario. `npm run record:python` fixes a failure here.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { portDifferences } from '../../src/lib/ports/differences.ts';
import {
	pythonTranscriptHash,
	readPythonTranscript,
	recordPythonTranscript,
	storedPythonTranscriptIds,
} from '../../src/lib/recording/python-store.ts';
import { createNodeHost } from '../../src/lib/scenario/node-host.ts';
import { hasRunnablePython } from '../../src/lib/scenario/run.ts';
import { loadAllSnippets, loadSnippet } from '../../src/lib/snippets/load.ts';

const snippets = loadAllSnippets();
const withPython = snippets.filter((s) => hasRunnablePython(s.manifest));
const fix = 'run `npm run record:python` and commit transcripts/python/';

describe('committed Python transcripts', () => {
	test.each(withPython.map((s) => s.id))('%s has a fresh, passing Python transcript', (id) => {
		const snippet = loadSnippet(id);
		const stored = readPythonTranscript(snippet);
		expect(stored, `transcripts/python/${id}.json is missing: ${fix}`).toBeDefined();
		expect(stored?.transcript.variant).toBe('python');
		expect(stored?.transcript.ok).toBe(true);
		expect(stored?.transcript.runtimeVersion).toMatch(/^Python 3\.1[1-4]\./);
		expect(
			stored?.fresh,
			`transcripts/python/${id}.json was recorded from an older ${id} (its .py files, scenario or services changed): ${fix}`,
		).toBe(true);
	});

	test('no transcript is left over from a snippet without Python code', () => {
		const ids = new Set(withPython.map((s) => s.id));
		expect(storedPythonTranscriptIds().filter((id) => !ids.has(id))).toEqual([]);
	});

	test('every snippet either has Python code or says why not', () => {
		const silent = snippets
			.filter((s) => (s.manifest.python === undefined) === (s.manifest.withoutPython === undefined))
			.map((s) => s.id);
		expect(silent, 'each needs exactly one of "python" and "withoutPython"').toEqual([]);
	});

	test('the differences a Python tab explains are rows of the port differences table', () => {
		const known = new Set(portDifferences.map((d) => d.id));
		const unknown = snippets.flatMap((s) =>
			(s.manifest.python?.differences ?? [])
				.filter((id) => !known.has(id))
				.map((id) => `${s.id}: ${id}`),
		);
		expect(unknown).toEqual([]);
	});
});

describe('the staleness check', () => {
	// A copy of one snippet (and its service) where files can be changed freely.
	const root = mkdtempSync(join(tmpdir(), 'book-python-store-'));
	afterAll(() => rmSync(root, { recursive: true, force: true }));
	for (const id of ['urlparse-fields', 'curl', 'example-com']) {
		cpSync(join('snippets', id), join(root, 'snippets', id), { recursive: true });
	}
	const manifestFile = join(root, 'snippets', 'curl', 'snippet.json');
	const original = readFileSync(manifestFile, 'utf8');
	const hashNow = () => pythonTranscriptHash(loadSnippet('curl', root), root);
	const before = hashNow();
	const edit = (file: string, change: (text: string) => string) => {
		const path = join(root, 'snippets', file);
		writeFileSync(path, change(readFileSync(path, 'utf8')));
		return path;
	};

	test('a changed .py file makes the transcript stale', () => {
		const path = edit('curl/curl.py', (t) => `${t}\n# 바뀜\n`);
		expect(hashNow()).not.toBe(before);
		writeFileSync(path, readFileSync(join('snippets', 'curl', 'curl.py')));
		expect(hashNow()).toBe(before);
	});

	test('a changed scenario step makes it stale; a Node-only step or the title does not', () => {
		const manifest = JSON.parse(original) as {
			title: string;
			scenario: Array<Record<string, unknown>>;
		};
		writeFileSync(
			manifestFile,
			JSON.stringify({ ...manifest, scenario: [...manifest.scenario, { do: 'run' }] }),
		);
		expect(hashNow()).not.toBe(before);
		writeFileSync(
			manifestFile,
			JSON.stringify({
				...manifest,
				title: '다른 제목',
				scenario: [...manifest.scenario, { do: 'run', only: 'node' }],
			}),
		);
		expect(hashNow()).toBe(before);
		writeFileSync(manifestFile, original);
	});

	test('a changed service (its output is in the transcript) makes it stale', () => {
		const path = edit('example-com/server.mjs', (t) => `${t}\n// 바뀜\n`);
		expect(hashNow()).not.toBe(before);
		writeFileSync(path, readFileSync(join('snippets', 'example-com', 'server.mjs')));
		expect(hashNow()).toBe(before);
	});

	test('recording writes a fresh transcript, and re-recording an unchanged run changes no byte', async () => {
		const host = createNodeHost({ snippetsDir: join(root, 'snippets') });
		const snippet = loadSnippet('urlparse-fields', root);
		const first = await recordPythonTranscript(snippet, host, { root });
		expect(first.outcome).toBe('new');
		expect(readPythonTranscript(snippet, root)?.fresh).toBe(true);
		const file = join(root, 'transcripts', 'python', 'urlparse-fields.json');
		const written = readFileSync(file, 'utf8');
		expect(written).toContain('scheme: http');
		expect((await recordPythonTranscript(snippet, host, { root })).outcome).toBe('fresh');
		expect((await recordPythonTranscript(snippet, host, { root, force: true })).outcome).toBe(
			'same',
		);
		expect(readFileSync(file, 'utf8')).toBe(written);
	});
});
