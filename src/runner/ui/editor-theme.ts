// The editor's look, derived from the same Shiki themes as the static code (src/lib/code-theme.ts):
// each highlight tag is given the TextMate scope Shiki's grammars give the same construct, and takes
// that scope's colour from each theme. Colours are CSS variables switched by Starlight's
// `data-theme`, so the editor follows a theme change at once. Type, line height and padding match the
// static code's (src/styles/book.css), so an editor takes the code's place without moving a line.
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorView } from '@codemirror/view';
import { tags as t, type Tag } from '@lezer/highlight';
import { CODE_THEMES, codePalette, type CodePalette } from '../../lib/code-theme.ts';

/** Token kinds: the highlight tags of each and the TextMate scope whose colour it takes. */
const KINDS: Array<{ kind: string; scope: string; tags: Tag[] }> = [
	{
		kind: 'comment',
		scope: 'comment',
		tags: [t.comment, t.lineComment, t.blockComment, t.docComment],
	},
	{
		kind: 'keyword',
		scope: 'keyword',
		tags: [t.keyword, t.controlKeyword, t.moduleKeyword, t.operatorKeyword, t.modifier],
	},
	{ kind: 'storage', scope: 'storage.type', tags: [t.definitionKeyword] },
	{
		kind: 'operator',
		scope: 'keyword.operator',
		tags: [
			t.operator,
			t.arithmeticOperator,
			t.logicOperator,
			t.bitwiseOperator,
			t.compareOperator,
			t.updateOperator,
			t.definitionOperator,
		],
	},
	{ kind: 'string', scope: 'string', tags: [t.string, t.special(t.string), t.docString] },
	{ kind: 'regexp', scope: 'string.regexp', tags: [t.regexp] },
	{ kind: 'escape', scope: 'constant.character.escape', tags: [t.escape] },
	{ kind: 'number', scope: 'constant.numeric', tags: [t.number, t.integer, t.float] },
	{ kind: 'constant', scope: 'constant.language', tags: [t.bool, t.null, t.atom] },
	{ kind: 'self', scope: 'variable.language', tags: [t.self] },
	{ kind: 'variable', scope: 'variable.other.readwrite', tags: [t.variableName] },
	{
		kind: 'function',
		scope: 'entity.name.function',
		tags: [
			t.function(t.variableName),
			t.function(t.propertyName),
			t.function(t.definition(t.variableName)),
		],
	},
	{ kind: 'property', scope: 'variable.other.property', tags: [t.propertyName] },
	{
		kind: 'class',
		scope: 'entity.name.type.class',
		tags: [t.className, t.definition(t.className)],
	},
	{ kind: 'type', scope: 'entity.name.type', tags: [t.typeName, t.namespace] },
	{ kind: 'builtin', scope: 'support.function', tags: [t.standard(t.variableName)] },
	{ kind: 'tag', scope: 'entity.name.tag', tags: [t.tagName] },
	{ kind: 'attribute', scope: 'entity.other.attribute-name', tags: [t.attributeName] },
	{ kind: 'meta', scope: 'meta.decorator', tags: [t.meta] },
	{ kind: 'invalid', scope: 'invalid.illegal', tags: [t.invalid] },
];

const SCOPES = Object.fromEntries(KINDS.map((k) => [k.kind, k.scope]));

/** Both palettes; exported for the test that checks every colour's contrast. */
export const PALETTES: Record<'light' | 'dark', CodePalette> = {
	light: codePalette(CODE_THEMES.light, SCOPES),
	dark: codePalette(CODE_THEMES.dark, SCOPES),
};

const v = (name: string) => `var(--cm-${name})`;

/** The CSS variables of both palettes, light by default and dark under Starlight's dark theme. */
export function paletteCss(): string {
	const vars = (p: CodePalette) =>
		[
			['bg', p.background],
			['fg', p.foreground],
			['gutter', p.gutter],
			['gutter-active', p.gutterActive],
			['active-line', p.activeLine],
			['selection', p.selection],
			['cursor', p.cursor],
			...Object.entries(p.tokens).map(([kind, colour]) => [`tok-${kind}`, colour]),
		]
			.map(([name, value]) => `--cm-${name}: ${value};`)
			.join(' ');
	return `:root { ${vars(PALETTES.light)} }\n:root[data-theme='dark'] { ${vars(PALETTES.dark)} }`;
}

let injected = false;
/** Puts the palette's variables in the page once. */
export function injectPalette(): void {
	if (injected) return;
	injected = true;
	const style = document.createElement('style');
	style.dataset['webBook'] = 'editor-palette';
	style.textContent = paletteCss();
	document.head.append(style);
}

const highlightStyle = HighlightStyle.define(
	KINDS.flatMap(({ kind, tags }) => tags.map((tag) => ({ tag, color: v(`tok-${kind}`) }))),
);

export const editorTheme = [
	EditorView.theme({
		'&': {
			color: v('fg'),
			backgroundColor: v('bg'),
			fontSize: 'var(--code-font-size, 0.85rem)',
		},
		'.cm-scroller': {
			fontFamily: 'var(--__sl-font-mono, var(--sl-font-mono, monospace))',
			lineHeight: 'var(--code-line-height, 1.55)',
		},
		'.cm-content': {
			padding: 'var(--code-pad-block, 0.75rem) 0',
			caretColor: v('cursor'),
		},
		'.cm-line': { padding: '0 0.9rem 0 0.5em' },
		'.cm-cursor, .cm-dropCursor': { borderLeftColor: v('cursor') },
		'&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection':
			{ backgroundColor: v('selection') },
		'.cm-activeLine': { backgroundColor: v('active-line') },
		'.cm-gutters': {
			backgroundColor: v('bg'),
			color: v('gutter'),
			borderRight: '1px solid var(--sl-color-gray-5, #ccc)',
		},
		'.cm-lineNumbers .cm-gutterElement': {
			boxSizing: 'border-box',
			minWidth: 'var(--code-gutter-width, 4ch)',
			padding: '0 0.75em 0 0.5em',
		},
		'.cm-activeLineGutter': { backgroundColor: v('active-line'), color: v('gutter-active') },
		'.cm-foldPlaceholder': {
			backgroundColor: 'transparent',
			border: 'none',
			color: v('tok-comment'),
			fontStyle: 'italic',
			padding: '0',
			margin: '0',
			cursor: 'pointer',
		},
	}),
	syntaxHighlighting(highlightStyle),
];
