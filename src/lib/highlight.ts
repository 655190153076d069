// Build-time syntax highlighting with Shiki: one highlighter for every snippet on every page.
import { createHighlighter, type Highlighter } from 'shiki';

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

/** Highlighted HTML (`<pre class="shiki">…`) with light and dark colours that follow Starlight's theme. */
export async function highlight(code: string, lang: Language): Promise<string> {
	highlighter ??= createHighlighter({
		themes: ['github-light-high-contrast', 'github-dark'],
		langs: [...languages],
	});
	const h = await highlighter;
	return h.codeToHtml(code, {
		lang,
		themes: { light: 'github-light-high-contrast', dark: 'github-dark' },
		defaultColor: false,
	});
}
