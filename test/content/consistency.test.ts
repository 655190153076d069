// The chapters and the snippets agree: every snippet a page uses exists and loads, every snippet is
// used by some page, and no chapter repeats the lecture word for word.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { listSnippetIds, loadAllSnippets } from '../../src/lib/snippets/load.ts';

const docsDir = join(process.cwd(), 'src', 'content', 'docs');

export function chapterFiles(dir = docsDir): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = join(dir, name);
		if (statSync(full).isDirectory()) return chapterFiles(full);
		return /\.mdx?$/.test(name) ? [full] : [];
	});
}

const pages = chapterFiles().map((file) => ({
	file: relative(process.cwd(), file),
	text: readFileSync(file, 'utf8'),
}));

function snippetUses(text: string): string[] {
	return [...text.matchAll(/<Snippet\s+id=["']([^"']+)["']/g)].map((m) => m[1] ?? '');
}

describe('snippets and chapters', () => {
	test('every manifest passes its schema and names only existing files', () => {
		expect(() => loadAllSnippets()).not.toThrow();
	});

	test('a client that needs a service names its port in the command', () => {
		// Live runtimes may move a service to another port; a client that relies on the default one
		// (its code's fallback URL) then talks to nothing. `{port:NAME}` carries the real port.
		const blind = loadAllSnippets()
			.filter((s) => s.manifest.services.length > 0)
			.filter((s) =>
				[s.manifest.command, s.manifest.python?.command ?? ['{port:']].some(
					(argv) => !argv.some((word) => word.includes('{port:')),
				),
			)
			.map((s) => s.id);
		expect(blind).toEqual([]);
	});

	test('every snippet a page uses exists', () => {
		const ids = new Set(listSnippetIds());
		const missing = pages.flatMap((p) =>
			snippetUses(p.text)
				.filter((id) => !ids.has(id))
				.map((id) => `${p.file} uses <Snippet id="${id}" />, but snippets/${id}/ does not exist`),
		);
		expect(missing).toEqual([]);
	});

	test('every snippet is used by some page', () => {
		const used = new Set(pages.flatMap((p) => snippetUses(p.text)));
		const unused = listSnippetIds().filter((id) => !used.has(id));
		expect(unused, 'snippets no chapter shows').toEqual([]);
	});

	test('pages that use <Snippet> import it', () => {
		const broken = pages
			.filter((p) => snippetUses(p.text).length > 0)
			.filter((p) => !/import Snippet from ['"][./]+\/components\/Snippet\.astro['"]/.test(p.text))
			.map((p) => p.file);
		expect(broken).toEqual([]);
	});

	test('links in chapters are relative, so they survive a base path', () => {
		// Starlight does not prefix Markdown links with `base`; an absolute internal link breaks on GitHub Pages.
		const absolute = pages.flatMap((p) =>
			[...p.text.matchAll(/\]\((\/[^)\s]*)\)|href=["'](\/[^"']*)["']/g)].map(
				(m) => `${p.file}: ${m[1] ?? m[2]}`,
			),
		);
		expect(absolute).toEqual([]);
	});
});

describe('the book is written in its own words', () => {
	test('no lecture line shares 30 or more characters with the chapters', () => {
		// Fingerprints of the lecture (scripts/lecture-fingerprints.mjs), not its text, live in the repo.
		const { window, lines } = JSON.parse(
			readFileSync(join(import.meta.dirname, 'lecture-fingerprints.json'), 'utf8'),
		) as { window: number; lines: string[][] };
		const text = pages
			.map((p) => p.text)
			.join(' ')
			.replace(/\s+/g, ' ');
		const seen = new Set<string>();
		for (let i = 0; i + window <= text.length; i++)
			seen.add(fingerprint(text.slice(i, i + window)));
		const copied = lines
			.map((hashes, index) => ({ index, hit: hashes.some((h) => seen.has(h)) }))
			.filter((l) => l.hit)
			.map(
				(l) => `lecture line #${l.index + 1} (run scripts/lecture-fingerprints.mjs to see which)`,
			);
		expect(copied).toEqual([]);
	});
});

function fingerprint(text: string): string {
	return createHash('sha256').update(text).digest('hex').slice(0, 12);
}
