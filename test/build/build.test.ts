// `astro build` end to end: snippets are recorded in real Node, an unchanged snippet is never run
// twice, and the chapter's static HTML carries the code, the Python code and the transcript.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listSnippetIds } from '../../src/lib/snippets/load.ts';

const work = mkdtempSync(join(tmpdir(), 'book-build-'));
const outDir = join(work, 'dist');
const transcripts = join(work, 'transcripts');
let cold = '';
let warm = '';

async function build(): Promise<string> {
	const { stdout, stderr } = await promisify(execFile)(
		process.execPath,
		['node_modules/astro/bin/astro.mjs', 'build', '--outDir', outDir],
		{ env: { ...process.env, BOOK_TRANSCRIPTS_DIR: transcripts }, maxBuffer: 64 * 1024 * 1024 },
	);
	return stdout + stderr;
}

beforeAll(async () => {
	cold = await build();
	warm = await build();
}, 600_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const page = () =>
	readFileSync(join(outDir, '01-web', '01-clients-and-messages', 'index.html'), 'utf8');

describe('astro build', () => {
	test('the cold build runs every snippet once', () => {
		const count = listSnippetIds().length;
		expect(cold).toMatch(new RegExp(`${count} snippets: ran ${count} \\(`));
	});

	test('a second build with no snippet change runs none', () => {
		expect(warm).toMatch(/snippets: ran 0, reused \d+ unchanged/);
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
		const bundle = JSON.parse(readFileSync(join(outDir, 'snippet-files', 'curl.json'), 'utf8')) as {
			files: Array<{ path: string; content: string }>;
			services: Array<{ id: string }>;
		};
		expect(bundle.files.map((f) => f.path)).toContain('curl.mjs');
		expect(bundle.files.find((f) => f.path === 'curl.mjs')?.content).toContain(
			"import { request } from 'node:http'",
		);
		expect(bundle.services.map((s) => s.id)).toEqual(['example-com']);
	});
});
