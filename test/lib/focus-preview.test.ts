// The lines a chapter teaches (and the folds around them) and where a server's preview opens.
import { describe, expect, it } from 'vitest';
import { countLines, foldsOutside, parseLineRange } from '../../src/lib/snippets/focus.ts';
import { resolveFocus } from '../../src/lib/snippets/focus-resolve.ts';
import { listSnippetIds, loadSnippet } from '../../src/lib/snippets/load.ts';
import { previewTarget } from '../../src/lib/snippets/preview.ts';
import { ManifestSchema } from '../../src/lib/snippets/schema.ts';

describe('focus', () => {
	it('folds the runs of untaught lines of three or more, and leaves shorter ones in view', () => {
		expect(
			foldsOutside(20, [
				{ from: 5, to: 9 },
				{ from: 12, to: 15 },
			]),
		).toEqual([
			{ from: 1, to: 4 },
			{ from: 16, to: 20 },
		]);
		expect(foldsOutside(10, [{ from: 1, to: 10 }])).toEqual([]);
		expect(foldsOutside(4, [{ from: 3, to: 3 }])).toEqual([]);
	});

	it('reads "7" and "12-40", and refuses what is not a range', () => {
		expect(parseLineRange('7')).toEqual({ from: 7, to: 7 });
		expect(parseLineRange('12-40')).toEqual({ from: 12, to: 40 });
		expect(parseLineRange('40-12')).toBeUndefined();
		expect(parseLineRange('0')).toBeUndefined();
		const base = {
			id: 'x',
			title: 't',
			kind: 'client',
			files: ['a.mjs'],
			command: ['node', 'a.mjs'],
		};
		const bad = ManifestSchema.safeParse({
			...base,
			scenario: [{ do: 'run' }],
			focus: { 'a.mjs': ['9-3'] },
		});
		expect(bad.success).toBe(false);
	});

	it('names the snippet, the file and the line when a focus does not fit the code', () => {
		const files = [{ path: 'a.mjs', content: 'one\ntwo\nthree\n' }];
		expect(() => resolveFocus('demo', files, { 'b.mjs': ['1'] })).toThrow(
			/snippet "demo": focus names b\.mjs, which is not one of the snippet's files \(a\.mjs\)/,
		);
		expect(() => resolveFocus('demo', files, { 'a.mjs': ['2-4'] })).toThrow(
			/focus\.a\.mjs: "2-4" goes past the file's last line \(3\)/,
		);
		expect(resolveFocus('demo', files, { 'a.mjs': ['3'] })).toEqual({
			'a.mjs': { focus: [{ from: 3, to: 3 }], folds: [] },
		});
	});

	it("names a snippet's Python files as the manifest does, and refuses a Python file or line it lacks", () => {
		// cgi-http-server's Python tab shows its own cgi_server.py and shared ones (../_shared/…).
		const { files } = loadSnippet('cgi-http-server');
		const lines = (path: string) => countLines(files.find((f) => f.path === path)?.content ?? '');
		const shared = '../_shared/cgi-bin-examples/form.py';
		expect(resolveFocus('cgi-http-server', files, { [shared]: ['2-3'] })[shared]?.focus).toEqual([
			{ from: 2, to: 3 },
		]);
		expect(() => resolveFocus('cgi-http-server', files, { 'nope.py': ['1'] })).toThrow(
			/snippet "cgi-http-server": focus names nope\.py, which is not one of the snippet's files \(.*cgi_server\.py/,
		);
		const last = lines('cgi_server.py');
		expect(() =>
			resolveFocus('cgi-http-server', files, { 'cgi_server.py': [`1-${last + 1}`] }),
		).toThrow(
			new RegExp(
				`focus\\.cgi_server\\.py: "1-${last + 1}" goes past the file's last line \\(${last}\\)`,
			),
		);
	});

	it('of every manifest fits its files', () => {
		for (const id of listSnippetIds()) {
			const snippet = loadSnippet(id);
			expect(() => resolveFocus(id, snippet.files, snippet.manifest.focus)).not.toThrow();
		}
	});
});

describe('preview target', () => {
	it('opens at the first page the scenario asks for that is not an error, on the port it asks', () => {
		const manifest = ManifestSchema.parse({
			id: 'x',
			title: 't',
			kind: 'server',
			files: ['s.mjs'],
			command: ['node', 's.mjs'],
			ports: [
				{ name: 'web', default: 8000 },
				{ name: 'app', default: 8001 },
			],
			scenario: [
				{ do: 'start' },
				{ do: 'request', port: 'app', path: '/missing', expect: { status: 404 } },
				{ do: 'request', port: 'app', method: 'POST', path: '/form' },
				{ do: 'request', port: 'app', path: '/hello' },
			],
		});
		expect(previewTarget(manifest)).toEqual({ port: 'app', path: '/hello' });
		expect(previewTarget({ ...manifest, preview: { port: 'web' } })).toEqual({
			port: 'web',
			path: '/',
		});
		expect(() => previewTarget({ ...manifest, preview: { port: 'nope' } })).toThrow(
			/preview\.port is "nope", which is not one of the snippet's ports \(web, app\)/,
		);
	});

	it('of every server snippet is one of its ports, at a path starting with /', () => {
		for (const id of listSnippetIds()) {
			const { manifest } = loadSnippet(id);
			const target = previewTarget(manifest);
			if (manifest.ports.length === 0) expect(target).toBeUndefined();
			else {
				expect(manifest.ports.map((p) => p.name)).toContain(target?.port);
				expect(target?.path.startsWith('/')).toBe(true);
			}
		}
	});
});
