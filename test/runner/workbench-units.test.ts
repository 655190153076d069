// Pure parts of the workbench: where Node's errors point, share links, and the editor's colours.
import { describe, expect, it } from 'vitest';
import { errorLocation, mountedFiles } from '../../src/runner/ui/diagnostics.ts';
import { decodeShare, encodeShare, ShareLinkError } from '../../src/runner/ui/share-link.ts';

const resolve = mountedFiles(
	new Map([
		['snippets/demo/server.mjs', 'server.mjs'],
		['snippets/_shared/http-server.mjs', '../_shared/http-server.mjs'],
	]),
	'_services',
);

describe('error locations from what Node printed', () => {
	it('a syntax error: the header line and the caret', () => {
		const out = [
			'file:///tmp/s/snippets/demo/server.mjs:2',
			'const = 5;',
			'      ^',
			'',
			"SyntaxError: Unexpected token '='",
			'    at compileSourceTextModule (node:internal/modules/esm/utils:346:16)',
			'',
			'Node.js v20.20.2',
		].join('\n');
		expect(errorLocation(out, resolve)).toEqual({
			path: 'server.mjs',
			line: 2,
			column: 7,
			message: "SyntaxError: Unexpected token '='",
		});
	});

	it('an exception thrown from Node internals: the first frame in the snippet, after earlier output', () => {
		const out = [
			'서버가 준비되었습니다',
			'node:internal/url:806',
			'    const href = bindingUrl.parse(input, base, raiseException);',
			'                            ^',
			'',
			'TypeError: Invalid URL',
			'    at new URL (node:internal/url:806:29)',
			'    at Server.<anonymous> (/home/x/snippets/demo/server.mjs:12:5)',
			'    at Object.onceWrapper (node:events:638:28)',
		].join('\r\n');
		expect(errorLocation(out, resolve)).toEqual({
			path: 'server.mjs',
			line: 12,
			column: 5,
			message: 'TypeError: Invalid URL',
		});
	});

	it("a shared module's line, but never a service's copy or Node's own files", () => {
		const shared = 'Error: 나쁨\n    at x (file:///w/snippets/_shared/http-server.mjs:40:3)';
		expect(errorLocation(shared, resolve)?.path).toBe('../_shared/http-server.mjs');
		const service = 'Error: 나쁨\n    at x (file:///w/_services/snippets/demo/server.mjs:4:3)';
		expect(errorLocation(service, resolve)).toBeUndefined();
		expect(errorLocation('그냥 출력\n[종료 코드 1]', resolve)).toBeUndefined();
	});
});

describe('share links', () => {
	it('carry the edited files, compressed, and come back the same', async () => {
		const files = { 'server.mjs': `// 고친 코드\n${'console.log("같은 줄");\n'.repeat(200)}` };
		const link = await encodeShare({ id: 'demo', hash: 'h1', files });
		expect(link).toMatch(/^#share=demo:[A-Za-z0-9_-]+$/);
		expect(link.length).toBeLessThan(JSON.stringify(files).length / 4);
		await expect(decodeShare(link)).resolves.toEqual({ id: 'demo', hash: 'h1', files });
	});

	it('say in Korean what is wrong with a damaged link, and ignore other fragments', async () => {
		const link = await encodeShare({ id: 'demo', hash: 'h1', files: { 'a.mjs': 'x' } });
		await expect(decodeShare(link.slice(0, -6))).rejects.toThrow(ShareLinkError);
		await expect(decodeShare('#share=demo')).rejects.toThrow('형식이 올바르지 않습니다');
		await expect(decodeShare('#overview')).resolves.toBeUndefined();
	});
});

describe("the editor's colours, derived from the static code's Shiki themes", () => {
	it('give every token, the gutter and the cursor at least 4.5:1 on the background and the active line', async () => {
		const { PALETTES } = await import('../../src/runner/ui/editor-theme.ts');
		const { contrast, MIN_CONTRAST } = await import('../../src/lib/code-theme.ts');
		const report: string[] = [];
		for (const [theme, p] of Object.entries(PALETTES)) {
			const colours = {
				...p.tokens,
				foreground: p.foreground,
				gutter: p.gutter,
				gutterActive: p.gutterActive,
				cursor: p.cursor,
			};
			for (const [name, colour] of Object.entries(colours)) {
				for (const bg of [p.background, p.activeLine]) {
					const ratio = contrast(colour, bg);
					expect(ratio, `${theme} ${name} ${colour} on ${bg}`).toBeGreaterThanOrEqual(MIN_CONTRAST);
				}
				report.push(`${theme} ${name} ${colour} ${contrast(colour, p.background).toFixed(2)}:1`);
			}
		}
		console.log(report.join('\n'));
	});

	it('take each colour from the theme rule matching its scope', async () => {
		const { CODE_THEMES, scopeColour } = await import('../../src/lib/code-theme.ts');
		// github-light-high-contrast: "keyword" and "entity.name.function" have rules of their own;
		// "entity.name.type.class" falls to "entity.name".
		expect(scopeColour(CODE_THEMES.light, 'keyword.operator')).toBe(
			scopeColour(CODE_THEMES.light, 'keyword'),
		);
		expect(scopeColour(CODE_THEMES.light, 'entity.name.function')).toBe('#622cbc');
		expect(scopeColour(CODE_THEMES.light, 'entity.name.type.class')).toBe('#702c00');
		expect(scopeColour(CODE_THEMES.dark, 'comment')).toBe('#bdc4cc');
	});
});
