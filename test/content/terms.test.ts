// One term per concept, one register, no particle cut off from its word: checked over everything a
// reader reads (chapters, components and diagrams, the port differences table, the runner's Korean
// strings, and the comments, strings and scenario notes of every snippet), against src/lib/glossary.ts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { glossary } from '../../src/lib/glossary.ts';
import { loadAllSnippets, SHARED_DIR } from '../../src/lib/snippets/load.ts';

const root = process.cwd();

function walk(dir: string, keep: (path: string) => boolean): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = join(dir, name);
		if (name === 'node_modules' || name.startsWith('.')) return [];
		if (statSync(full).isDirectory()) return walk(full, keep);
		return keep(full) ? [full] : [];
	});
}

interface Text {
	file: string;
	/** Lines as the reader meets them (code removed from prose), with their line numbers. */
	lines: Array<{ n: number; text: string }>;
}

const HANGUL = /[가-힣]/;

/** Chapter prose: fenced code, inline code, imports and link targets are not prose. */
function prose(file: string): Text {
	let fenced = false;
	const lines = readFileSync(file, 'utf8')
		.split('\n')
		.map((line, i) => {
			if (/^\s*(```|~~~)/.test(line)) {
				fenced = !fenced;
				return { n: i + 1, text: '' };
			}
			if (fenced || /^import .* from /.test(line)) return { n: i + 1, text: '' };
			return {
				n: i + 1,
				// Code keeps its shape (a `#` stays visible) but not its words.
				text: line
					.replace(/`[^`]*`/g, (code) => code.replace(/[A-Za-z가-힣]/g, 'x'))
					.replace(/\]\([^)]*\)/g, ']()'),
			};
		});
	return { file: relative(root, file), lines };
}

/** Source files: only the lines that carry Korean are read by readers (comments, strings, notes; template literals included). */
function koreanLines(file: string): Text {
	const lines = readFileSync(file, 'utf8')
		.split('\n')
		.map((text, i) => ({ n: i + 1, text }))
		.filter((l) => HANGUL.test(l.text));
	return { file: relative(root, file), lines };
}

const chapters = walk(join(root, 'src', 'content', 'docs'), (p) => /\.mdx?$/.test(p)).map(prose);
const sources = [
	...walk(join(root, 'src', 'components'), (p) => /\.(astro|ts)$/.test(p)),
	...walk(join(root, 'src', 'runner'), (p) => /\.(ts|css)$/.test(p)),
	join(root, 'src', 'lib', 'ports', 'differences.ts'),
	// What checks say to readers (the page and `npm run check`), the self-test page, and every
	// exercise: its task, hints and sentences, and the starter and solution code.
	join(root, 'src', 'lib', 'scenario', 'korean.ts'),
	join(root, 'src', 'lib', 'exercises', 'verdict.ts'),
	join(root, 'scripts', 'check.mjs'),
	...walk(join(root, 'src', 'pages'), (p) => /\.(astro|ts)$/.test(p)),
	...walk(join(root, 'exercises'), (p) => /\.(mjs|js|json|html|txt)$/.test(p)),
	...walk(join(root, 'snippets'), (p) => /\.(mjs|js|py|json|html|txt|css)$/.test(p)).filter(
		(p) => !relative(join(root, 'snippets'), p).startsWith(`${SHARED_DIR}/`),
	),
	// Of the shared code, what the snippet tabs show (modules they import are not shown).
	...new Set(
		loadAllSnippets()
			.flatMap((s) => s.files.filter((f) => f.role === 'shared'))
			.map((f) => join(root, 'snippets', f.path.slice('../'.length))),
	),
].map(koreanLines);
const everything = [...chapters, ...sources];

function findAll(texts: Text[], pattern: RegExp): string[] {
	return texts.flatMap(({ file, lines }) =>
		lines.flatMap(({ n, text }) =>
			[...text.matchAll(new RegExp(pattern.source, pattern.flags.replace('g', '') + 'g'))].map(
				(m) => `${file}:${n}: "${m[0]}"`,
			),
		),
	);
}

describe('one term per concept', () => {
	test.each(glossary.filter((t) => t.avoid.length > 0).map((t) => [t.term, t] as const))(
		'"%s" is the only term used for its concept',
		(_term, entry) => {
			const hits = entry.avoid.flatMap((pattern) => findAll(everything, pattern));
			expect(hits, `write "${entry.term}" (${entry.english}) instead`).toEqual([]);
		},
	);

	test('every term is taught where the glossary says: the page has the heading and uses the term', () => {
		const problems = glossary.flatMap(({ term, taught }) => {
			const file = join(root, 'src', 'content', 'docs', `${taught.page}.mdx`);
			let text: string;
			try {
				text = readFileSync(file, 'utf8');
			} catch {
				return [`${term}: ${taught.page}.mdx does not exist`];
			}
			const lines = text.split('\n');
			const out: string[] = [];
			if (!lines.some((l) => new RegExp(`^#{2,4} ${escape(taught.heading)}$`).test(l))) {
				out.push(`${term}: ${taught.page}.mdx has no heading "${taught.heading}"`);
			}
			if (!text.includes(term)) out.push(`${term}: ${taught.page}.mdx never uses the term`);
			return out;
		});
		expect(problems).toEqual([]);
	});

	test('the glossary lists each term once', () => {
		const terms = glossary.map((t) => t.term);
		expect(terms.filter((t, i) => terms.indexOf(t) !== i)).toEqual([]);
	});
});

/** Each bold span of a line with the text right after it, pairing `**` delimiters in order. */
function boldSpans(texts: Text[]): Array<{ where: string; bold: string; after: string }> {
	return texts.flatMap(({ file, lines }) =>
		lines.flatMap(({ n, text }) => {
			const pieces = text.split('**');
			const spans: Array<{ where: string; bold: string; after: string }> = [];
			for (let i = 1; i + 1 < pieces.length; i += 2) {
				spans.push({ where: `${file}:${n}`, bold: pieces[i] ?? '', after: pieces[i + 1] ?? '' });
			}
			return spans;
		}),
	);
}

const PARTICLE =
	/^\s+(?:은|는|이|가|을|를|의|에|에서|에게|으로|로|와|과|도|만|이나|나|처럼|보다|부터|까지|이라서|이라고|이라|이며|이고|입니다|이다)(?=[\s.,:;)]|$)/;

describe('prose', () => {
	test('no particle is cut off from the bold word it belongs to', () => {
		// `**요청** 은` renders as "요청 은": Korean particles attach to their word. (A bold sentence
		// ending in a full stop is followed by a new sentence, not a particle.)
		const hits = boldSpans(chapters)
			.filter((s) => !/[.!?:]$/.test(s.bold) && PARTICLE.test(s.after))
			.map((s) => `${s.where}: **${s.bold}**${s.after.slice(0, 4)}`);
		expect(hits).toEqual([]);
	});

	test('no bold span ends in punctuation right before Korean text (Markdown would not close it)', () => {
		// CommonMark closes `**` after punctuation only when whitespace or punctuation follows:
		// `**4)**에서` and `` **`x`**는 `` show their asterisks.
		const hits = boldSpans(chapters)
			.filter((s) => /[\p{P}`]$/u.test(s.bold) && /^[가-힣]/.test(s.after))
			.map((s) => `${s.where}: **${s.bold}**${s.after.slice(0, 4)}`);
		expect(hits).toEqual([]);
	});

	test('the chapters speak in one register (합니다체)', () => {
		// Informal endings (해요체, -죠, -고요) in sentences meant to be 합니다체.
		const hits = findAll(
			chapters,
			/[가-힣](?:죠|고요|어요|아요|해요|에요|예요|네요|거든요)(?=[.?!,)]|\s|$)/,
		);
		expect(hits).toEqual([]);
	});
});

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
