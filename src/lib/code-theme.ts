// The book's two code themes (Shiki's GitHub high-contrast pair) and the colours derived from them for
// anything that is not Shiki's own output: the editor's tokens, gutter, active line and selection.
// Colours come from the theme's scope rules, never picked by hand; one that falls short of WCAG AA
// (4.5:1) on the backgrounds it sits on is darkened or lightened until it reaches it.
import githubDarkHighContrast from '@shikijs/themes/github-dark-high-contrast';
import githubLightHighContrast from '@shikijs/themes/github-light-high-contrast';

/** A Shiki (TextMate) theme: the parts read here. */
export interface CodeTheme {
	name?: string | undefined;
	type?: string | undefined;
	colors?: Record<string, string> | undefined;
	tokenColors?:
		| Array<{
				scope?: string | string[] | undefined;
				settings: { foreground?: string | undefined };
		  }>
		| undefined;
}

/** The themes of every highlighted code block and editor: light and dark follow Starlight's theme. */
export const CODE_THEMES = {
	light: githubLightHighContrast,
	dark: githubDarkHighContrast,
} as const;

/** WCAG AA for normal text. */
export const MIN_CONTRAST = 4.5;

export interface CodePalette {
	background: string;
	foreground: string;
	/** Line numbers. */
	gutter: string;
	/** The line number of the line with the cursor. */
	gutterActive: string;
	/** Background of the line with the cursor (every token colour passes on it too). */
	activeLine: string;
	selection: string;
	cursor: string;
	/** By token kind (the caller's names), the colour of the TextMate scope it was given. */
	tokens: Record<string, string>;
}

/**
 * The palette of `theme` for tokens described by TextMate scopes (kind → scope, e.g.
 * `{ comment: 'comment', fn: 'entity.name.function' }`).
 */
export function codePalette(theme: CodeTheme, scopes: Record<string, string>): CodePalette {
	const c = theme.colors ?? {};
	const dark = theme.type === 'dark';
	const background = solid(c['editor.background'] ?? (dark ? '#000000' : '#ffffff'), '#808080');
	const foreground = solid(c['editor.foreground'] ?? (dark ? '#ffffff' : '#000000'), background);
	// The active line's background is a faint tint: used as given, it only needs to carry the text.
	const activeLine = solid(
		c['editor.lineHighlightBackground'] ?? mix(background, foreground, 0.06),
		background,
	);
	const on = [background, activeLine];
	const tokens: Record<string, string> = {};
	for (const [kind, scope] of Object.entries(scopes))
		tokens[kind] = readable(solid(scopeColour(theme, scope) ?? foreground, background), on);
	return {
		background,
		foreground: readable(foreground, on),
		gutter: readable(solid(c['editorLineNumber.foreground'] ?? foreground, background), on),
		gutterActive: readable(
			solid(c['editorLineNumber.activeForeground'] ?? foreground, background),
			on,
		),
		activeLine,
		// A selection colour the theme gives as opaque text colour (#fff, #0e1116) would hide the text.
		selection: mix(
			background,
			solid(c['editor.selectionBackground'] ?? foreground, background),
			0.25,
		),
		cursor: readable(solid(c['editorCursor.foreground'] ?? foreground, background), on),
		tokens,
	};
}

/**
 * The foreground of the most specific rule of `theme` that matches `scope` (TextMate matching: a
 * selector matches a scope equal to it or starting with it and a dot; the longer selector wins, and
 * of equals the later rule). Selectors with descendants (`string variable`) are left out: a single
 * scope cannot satisfy them.
 */
export function scopeColour(theme: CodeTheme, scope: string): string | undefined {
	let best: { length: number; colour: string } | undefined;
	for (const rule of theme.tokenColors ?? []) {
		const colour = rule.settings.foreground;
		if (!colour || rule.scope === undefined) continue;
		const selectors = (Array.isArray(rule.scope) ? rule.scope : rule.scope.split(','))
			.map((s) => s.trim())
			.filter((s) => s && !s.includes(' '));
		for (const selector of selectors) {
			if (scope !== selector && !scope.startsWith(`${selector}.`)) continue;
			if (!best || selector.length >= best.length) best = { length: selector.length, colour };
		}
	}
	return best?.colour;
}

/** WCAG 2 contrast ratio of two opaque colours. */
export function contrast(a: string, b: string): number {
	const [la, lb] = [luminance(a), luminance(b)];
	return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** `colour`, moved toward black or white in small steps until it reaches `MIN_CONTRAST` on every background. */
export function readable(colour: string, backgrounds: string[]): string {
	const worst = () => Math.min(...backgrounds.map((bg) => contrast(colour, bg)));
	if (worst() >= MIN_CONTRAST) return colour;
	const toward = luminance(backgrounds[0] ?? '#ffffff') > 0.5 ? '#000000' : '#ffffff';
	const start = colour;
	for (let step = 1; step <= 50 && worst() < MIN_CONTRAST; step++)
		colour = mix(start, toward, step / 50);
	return colour;
}

/** A colour with alpha (`#rrggbbaa`, `#rgba`) flattened over `under`; opaque colours as `#rrggbb`. */
export function solid(colour: string, under: string): string {
	const [r, g, b, a] = rgba(colour);
	if (a >= 1) return hex([r, g, b]);
	const [ur, ug, ub] = rgba(under);
	return hex([r * a + ur * (1 - a), g * a + ug * (1 - a), b * a + ub * (1 - a)]);
}

/** `a` mixed with `t` (0…1) of `b`. */
export function mix(a: string, b: string, t: number): string {
	const [ar, ag, ab] = rgba(a);
	const [br, bg, bb] = rgba(b);
	return hex([ar + (br - ar) * t, ag + (bg - ag) * t, ab + (bb - ab) * t]);
}

function rgba(colour: string): [number, number, number, number] {
	let h = colour.replace('#', '');
	if (h.length === 3 || h.length === 4) h = [...h].map((ch) => ch + ch).join('');
	if (!/^[0-9a-f]{6}([0-9a-f]{2})?$/i.test(h)) throw new Error(`not a hex colour: ${colour}`);
	const n = (i: number) => parseInt(h.slice(i, i + 2), 16);
	return [n(0), n(2), n(4), h.length === 8 ? n(6) / 255 : 1];
}

function hex(rgb: number[]): string {
	return `#${rgb
		.map((v) =>
			Math.round(Math.min(255, Math.max(0, v)))
				.toString(16)
				.padStart(2, '0'),
		)
		.join('')}`;
}

function luminance(colour: string): number {
	const [r, g, b] = rgba(colour).map((v, i) => {
		if (i === 3) return v;
		const s = v / 255;
		return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
	});
	return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}
