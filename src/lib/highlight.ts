// Build-time syntax highlighting with Shiki: one highlighter for every snippet on every page. Code can
// carry line numbers (chapters name the lines they teach) and folds (runs of lines a chapter does not
// discuss, as `<details>`, so they open without JavaScript too); the live editor shows the same.
import { createHighlighter, type Highlighter, type ShikiTransformer } from 'shiki';
import type { Element, ElementContent } from 'hast';
import { CODE_THEMES, codePalette } from './code-theme.ts';
import { foldLabel, type LineSpan } from './snippets/focus.ts';

const languages = ['javascript', 'python', 'html', 'json', 'shellscript', 'http', 'css'] as const;
type Language = (typeof languages)[number] | 'text';

let highlighter: Promise<Highlighter> | undefined;

/** The Shiki language for a file name. */
export function languageOf(path: string): Language {
	const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
	const map: Record<string, Language> = {
		mjs: 'javascript',
		js: 'javascript',
		cjs: 'javascript',
		py: 'python',
		html: 'html',
		htm: 'html',
		json: 'json',
		sh: 'shellscript',
		css: 'css',
	};
	return map[ext] ?? 'text';
}

export interface HighlightOptions {
	/** Number the lines (`data-line` on each line; the stylesheet shows it). */
	lineNumbers?: boolean;
	/** Line spans to fold, in order and not overlapping. */
	folds?: LineSpan[];
}

/** Highlighted HTML (`<pre class="shiki">…`) with light and dark colours that follow Starlight's theme. */
export async function highlight(
	code: string,
	lang: Language,
	options: HighlightOptions = {},
): Promise<string> {
	highlighter ??= createHighlighter({
		themes: [CODE_THEMES.light, CODE_THEMES.dark],
		langs: [...languages],
	});
	const h = await highlighter;
	const transformers: ShikiTransformer[] = [];
	if (options.lineNumbers) transformers.push(numberLines());
	if (options.folds?.length) transformers.push(foldLines(options.folds));
	return h.codeToHtml(code, {
		lang,
		themes: { light: CODE_THEMES.light.name ?? '', dark: CODE_THEMES.dark.name ?? '' },
		defaultColor: false,
		transformers,
	});
}

/** Line-number colours, derived like the editor's gutter so the two look the same. */
const gutters = `--shiki-gutter-light:${codePalette(CODE_THEMES.light, {}).gutter};--shiki-gutter-dark:${codePalette(CODE_THEMES.dark, {}).gutter}`;

function numberLines(): ShikiTransformer {
	return {
		name: 'web-book:line-numbers',
		pre(node) {
			this.addClassToHast(node, 'shiki--numbered');
			const style = node.properties['style'];
			node.properties['style'] = style ? `${String(style)};${gutters}` : gutters;
		},
		line(node, line) {
			node.properties['data-line'] = String(line);
		},
	};
}

/**
 * Moves each folded run of lines into a closed `<details>` whose summary takes one line. The line
 * breaks around the run go too: the `<details>` box ends the line before it and starts the next.
 */
function foldLines(folds: LineSpan[]): ShikiTransformer {
	return {
		name: 'web-book:folds',
		code(node) {
			const lines: Element[] = [];
			for (const child of node.children)
				if (child.type === 'element' && hasClass(child, 'line')) lines.push(child);
			const out: ElementContent[] = [];
			let index = 0;
			for (const fold of folds) {
				for (; index < fold.from - 1 && index < lines.length; index++) pushLine(out, lines, index);
				const inside: ElementContent[] = [];
				for (; index < fold.to && index < lines.length; index++) {
					if (inside.length) inside.push({ type: 'text', value: '\n' });
					inside.push(lines[index] as Element);
				}
				// The line before keeps no break of its own: the fold's box starts a line.
				if (out.at(-1)?.type === 'text') out.pop();
				out.push({
					type: 'element',
					tagName: 'details',
					properties: { className: ['code-fold'] },
					children: [
						{
							type: 'element',
							tagName: 'summary',
							properties: { className: ['code-fold__summary'], 'data-line': String(fold.from) },
							children: [{ type: 'text', value: foldLabel(fold) }],
						},
						...inside,
					],
				});
			}
			for (; index < lines.length; index++) pushLine(out, lines, index);
			node.children = out;
		},
	};
}

function pushLine(out: ElementContent[], lines: Element[], index: number) {
	// No break between a fold's box and the line after it; one between two lines.
	if (index > 0 && out.at(-1)?.type === 'element' && (out.at(-1) as Element).tagName !== 'details')
		out.push({ type: 'text', value: '\n' });
	out.push(lines[index] as Element);
}

function hasClass(node: Element, name: string): boolean {
	const cls = node.properties['className'] ?? node.properties['class'];
	return Array.isArray(cls)
		? cls.includes(name)
		: String(cls ?? '')
				.split(' ')
				.includes(name);
}
