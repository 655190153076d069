// The build end to end, as a new clone gets it from `npm start` (in a copy of the project, so this
// clone's dist/ is left alone): the first start records every snippet in real Node, saying so as it
// goes, builds the static HTML (code, Python code, transcripts) and serves it as deployed; Ctrl+C
// stops it; a start with nothing changed serves at once; an edited chapter is rebuilt without
// running any snippet again.
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listSnippetIds } from '../../src/lib/snippets/load.ts';
import { copyProject, npmStart, type Started } from './project-copy.ts';

const copy = copyProject();
afterAll(() => copy.remove());
const CHAPTER = 'src/content/docs/01-web/01-clients-and-messages.mdx';
const page = () =>
	readFileSync(join(copy.dir, 'dist', '01-web', '01-clients-and-messages', 'index.html'), 'utf8');

describe('the first npm start of a clone', () => {
	let first: Started;
	let log = '';
	beforeAll(async () => {
		first = await npmStart(copy);
		log = first.output();
	}, 240_000);

	test('builds, saying so, and runs every snippet once', () => {
		const count = listSnippetIds().length;
		expect(log).toContain('[npm start] building the book');
		expect(log).toMatch(new RegExp(`${count} snippets: ran ${count} \\(`));
		expect(log).toMatch(/\[npm start\] built in \d+\.\d s/);
	});

	test('says what it records, then counts and seconds per group of five', () => {
		const count = listSnippetIds().length;
		expect(log).toContain(`recording all ${count} snippets in real Node`);
		const groups = [...log.matchAll(/recorded (\d+)\/(\d+) in \d+\.\d s \(([^)]*)\)/g)];
		expect(groups.map((m) => Number(m[1]))).toEqual(
			Array.from({ length: Math.ceil(count / 5) }, (_, i) => Math.min(5 * (i + 1), count)),
		);
		expect(groups.every((m) => Number(m[2]) === count)).toBe(true);
		// Every snippet is named once across the groups.
		const named = groups.flatMap((m) => (m[3] ?? '').split(', '));
		expect(named.sort()).toEqual(listSnippetIds().sort());
	});

	test('the chapter shows highlighted code, the Python code and the recorded transcript without JavaScript', () => {
		const html = page();
		expect(html).toContain('<html lang="ko"');
		// Shiki's highlighted code, with the snippet's real source text in it.
		expect(html).toMatch(/<pre class="shiki[^"]*"[^>]*>[\s\S]*?request[\s\S]*?<\/pre>/);
		expect(html).toContain('data-role="python"');
		expect(html).toContain('파이썬: curl.py');
		expect(html).toContain('빌드할 때 실제로 실행해 기록한 출력입니다');
		// The telnet transcript holds the raw status line the example server really sent.
		expect(html).toMatch(
			/<span class="http-message__start">HTTP\/1\.1 200 OK<\/span>|HTTP\/1\.1 200 OK/,
		);
	});

	test("the Python tab shows the Python code's own committed run, labelled with its Python version", () => {
		const html = page();
		const panel = (id: string) => {
			const start = html.indexOf(`id="snippet-${id}-panel-python"`);
			expect(start, `${id} has a Python panel`).toBeGreaterThan(-1);
			return html.slice(start, html.indexOf('</section>', start));
		};
		const curl = panel('curl');
		expect(curl).toMatch(
			/파이썬 코드를 실제로 실행해 기록한 출력입니다 \(Python 3\.1[1-4]\.\d+, \d{4}-\d{2}-\d{2}\)/,
		);
		// The recorded command is the Python one, and its output is what curl.py printed.
		expect(curl).toContain('python3 curl.py -i http://localhost:8080/');
		expect(curl).toContain('curl.py/1.0');
		expect(curl).toContain('data-python-run');
		// A snippet without Python code says why, in the same place.
		expect(panel('example-com')).toContain('파이썬 코드가 없는 예제입니다');
	});

	test('every snippet shell carries what the runner needs', () => {
		const html = page();
		const shells = [...html.matchAll(/<code-snippet ([^>]*)>/g)].map((m) => m[1] ?? '');
		expect(shells.length).toBeGreaterThanOrEqual(5);
		for (const attrs of shells) {
			for (const name of [
				'data-snippet-id',
				'data-hash',
				'data-kind',
				'data-command',
				'data-ports',
				'data-services',
				'data-bundle',
			]) {
				expect(attrs).toContain(`${name}=`);
			}
		}
	});

	test('each snippet has a JSON bundle with its files', () => {
		const bundle = JSON.parse(
			readFileSync(join(copy.dir, 'dist', 'snippet-files', 'curl.json'), 'utf8'),
		) as {
			files: Array<{ path: string; content: string }>;
			services: Array<{ id: string }>;
		};
		expect(bundle.files.map((f) => f.path)).toContain('curl.mjs');
		expect(bundle.files.find((f) => f.path === 'curl.mjs')?.content).toContain(
			"import { request } from 'node:http'",
		);
		expect(bundle.services.map((s) => s.id)).toEqual(['example-com']);
	});

	test('serves the book on the port and host given, with the search index and the local runtime', async () => {
		expect(log).toContain(`${first.origin}/`);
		const chapter = await fetch(`${first.origin}/01-web/01-clients-and-messages/`);
		expect(chapter.status).toBe(200);
		expect(await chapter.text()).toContain('<code-snippet');
		expect((await fetch(`${first.origin}/pagefind/pagefind.js`)).status).toBe(200);
		const probe = await fetch(`${first.origin}/__runner/probe`);
		expect(await probe.json()).toMatchObject({ runner: 'local' });
	});

	test('stops on Ctrl+C', async () => {
		await first.interrupt();
		await expect(fetch(`${first.origin}/`)).rejects.toThrow();
	});
});

describe('later npm starts', () => {
	test('serve the last build at once when no source changed', async () => {
		const again = await npmStart(copy);
		try {
			expect(again.output()).toContain('[npm start] dist/ is up to date with the sources');
			expect(again.output()).not.toContain('[build]');
		} finally {
			await again.interrupt();
		}
	}, 60_000);

	test('rebuild an edited chapter, running no snippet again, and serve the new text', async () => {
		appendFileSync(join(copy.dir, CHAPTER), '\n\n방금 덧붙인 문장입니다.\n');
		const edited = await npmStart(copy);
		try {
			const log = edited.output();
			expect(log).toContain('[npm start] the sources changed since the last build');
			expect(log).toMatch(/snippets: ran 0, reused \d+ unchanged/);
			expect(log).not.toContain('recording ');
			const html = await (await fetch(`${edited.origin}/01-web/01-clients-and-messages/`)).text();
			expect(html).toContain('방금 덧붙인 문장입니다.');
		} finally {
			await edited.interrupt();
		}
	}, 240_000);
});
