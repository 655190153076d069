// The lines a chapter says it teaches are the lines its snippets show unfolded: every "`server.mjs`
// 18–30번째 줄" in a chapter names a file of a snippet on that page, lines that exist in it and lie in
// its focus, and every focused file of a snippet on a page has its focus named in that page's text;
// and every long listing, in the Node tabs and in the Python tab alike, has a focus, so the lines
// taught and the output fit a screen.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
	countLines,
	describeSpans,
	parseLineRange,
	type LineSpan,
} from '../../src/lib/snippets/focus.ts';
import { resolveFocus } from '../../src/lib/snippets/focus-resolve.ts';
import { loadSnippet } from '../../src/lib/snippets/load.ts';

const chapterFiles = (dir = join(process.cwd(), 'src', 'content', 'docs')): string[] =>
	readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = join(dir, entry.name);
		if (entry.isDirectory()) return chapterFiles(full);
		return /\.mdx?$/.test(entry.name) ? [full] : [];
	});

/** "`server.mjs`의 18–30, 43–106번째 줄": the file, then its lines, in one stretch of a sentence. */
const REFERENCE =
	/`(?:\.\.\/)?([\w./-]+\.(?:mjs|js|py))`[^`\n.]{0,24}?(\d+(?:[–-]\d+)?(?:,\s*\d+(?:[–-]\d+)?)*)번째 줄/g;

interface Reference {
	name: string;
	spans: LineSpan[];
	at: number;
}

const pages = chapterFiles().map((file) => {
	const text = readFileSync(file, 'utf8');
	const references: Reference[] = [...text.matchAll(REFERENCE)].map((m) => ({
		name: m[1] ?? '',
		spans: (m[2] ?? '').split(/,\s*/).map((range) => {
			const span = parseLineRange(range.replace('–', '-'));
			if (!span) throw new Error(`${file}: "${range}" is not a line range`);
			return span;
		}),
		at: m.index ?? 0,
	}));
	const uses = [...text.matchAll(/<Snippet\s+id=["']([^"']+)["']([^>]*)>/g)].map((m) => {
		if (/\bfocus=/.test(m[2] ?? ''))
			throw new Error(
				`${file}: <Snippet focus=…> is not read by this test yet; put the focus in the manifest`,
			);
		const snippet = loadSnippet(m[1] ?? '');
		const focus = resolveFocus(snippet.manifest.id, snippet.files, snippet.manifest.focus);
		return { id: snippet.manifest.id, files: snippet.files, focus, at: m.index ?? 0 };
	});
	return { file: relative(process.cwd(), file), text, references, uses };
});

/** A file of a snippet as a chapter names it: `server.mjs`, `_shared/http-server.mjs`, `http-server.mjs`. */
const names = (path: string, name: string) =>
	path.replace(/^\.\.\//, '') === name || path.endsWith(`/${name}`) || path === name;

const inside = (span: LineSpan, spans: LineSpan[]) =>
	spans.some((s) => s.from <= span.from && span.to <= s.to);

/** A file longer than this, shown in a Node tab or the Python tab, folds what its chapter does not teach. */
const LONG_LISTING_LINES = 40;

/** The long files of the page's snippets with `roles` (the tabs that show them) and no focus. */
const unfocusedLong = (page: (typeof pages)[number], roles: string[]) =>
	page.uses.flatMap((use) =>
		use.files
			.filter((f) => roles.includes(f.role) && !use.focus[f.path])
			.filter((f) => countLines(f.content) > LONG_LISTING_LINES)
			.map((f) => `${use.id}: ${f.path} (${countLines(f.content)} lines)`),
	);

describe('the lines a chapter names', () => {
	test.each(pages.filter((p) => p.uses.length > 0).map((p) => [p.file, p] as const))(
		'in %s: every long listing in the Node tabs has a focus',
		(_file, page) => {
			expect(unfocusedLong(page, ['code', 'shared'])).toEqual([]);
		},
	);

	// The Python tab shows the snippet's own Python files and the shared ones (`../_shared/…`) alike.
	test.each(pages.filter((p) => p.uses.length > 0).map((p) => [p.file, p] as const))(
		'in %s: every long listing in the Python tab has a focus',
		(_file, page) => {
			expect(unfocusedLong(page, ['python'])).toEqual([]);
		},
	);

	test.each(pages.filter((p) => p.references.length > 0).map((p) => [p.file, p] as const))(
		'in %s exist in a file of a snippet on the page, inside its focus',
		(_file, page) => {
			const wrong: string[] = [];
			for (const ref of page.references) {
				const candidates = page.uses.flatMap((use) =>
					use.files
						.filter((f) => names(f.path, ref.name))
						.map((f) => ({ use, file: f, lines: countLines(f.content) })),
				);
				const fits = candidates.some(
					({ use, file, lines }) =>
						ref.spans.every((s) => s.to <= lines) &&
						(!use.focus[file.path] ||
							ref.spans.every((s) => inside(s, use.focus[file.path]!.focus))),
				);
				if (!fits)
					wrong.push(
						candidates.length === 0
							? `${ref.name}: no snippet on this page has that file`
							: `${ref.name} ${describeSpans(ref.spans)}: ${candidates.map((c) => `${c.use.id} has ${c.lines} lines${c.use.focus[c.file.path] ? `, focus ${describeSpans(c.use.focus[c.file.path]!.focus)}` : ''}`).join('; ')}`,
					);
			}
			expect(wrong).toEqual([]);
		},
	);

	test.each(pages.filter((p) => p.uses.length > 0).map((p) => [p.file, p] as const))(
		'in %s include the focus of every focused file its snippets show',
		(_file, page) => {
			const unnamed: string[] = [];
			for (const use of page.uses) {
				for (const [path, { focus }] of Object.entries(use.focus)) {
					const named = page.references.some(
						(ref) => names(path, ref.name) && describeSpans(ref.spans) === describeSpans(focus),
					);
					if (!named) unnamed.push(`${use.id}: ${path} ${describeSpans(focus)}번째 줄`);
				}
			}
			expect(unnamed).toEqual([]);
		},
	);
});
