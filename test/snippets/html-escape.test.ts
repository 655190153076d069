// The book's one HTML escaper (snippets/_shared/html.mjs) gives exactly what Python's html.escape()
// gives, so a Node snippet and its Python counterpart put the same characters into their pages.
import { execFileSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { pythonBinary } from '../../src/lib/process/snippet-node.ts';
import { escapeHtml } from '../../snippets/_shared/html.mjs';

const samples = [
	'<b>lee</b>',
	'<a href="/">홈</a>',
	"it's & <that>",
	'&amp; already escaped',
	'plain 한글 text',
	'',
	'"\'<>&',
];

function pythonEscape(quote: boolean): string[] {
	const script = `import html, json, sys\nprint(json.dumps([html.escape(s, quote=${quote ? 'True' : 'False'}) for s in json.load(sys.stdin)]))`;
	return JSON.parse(
		execFileSync(pythonBinary(), ['-c', script], {
			input: JSON.stringify(samples),
			encoding: 'utf8',
		}),
	) as string[];
}

describe('escapeHtml', () => {
	test('matches html.escape(s) (quote=True)', () => {
		expect(samples.map((s) => escapeHtml(s) as string)).toEqual(pythonEscape(true));
	});

	test('matches html.escape(s, quote=False)', () => {
		expect(samples.map((s) => escapeHtml(s, false) as string)).toEqual(pythonEscape(false));
	});
});
