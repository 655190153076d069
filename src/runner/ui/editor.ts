// The editor: CodeMirror 6 in place of one file's highlighted code. It takes the code's box as it was
// (height and folds; the caller keeps the scroll position), so nothing moves when it appears. Shared files are read-only.
// Escape leaves the editor and Tab is never captured, so keyboard readers are never trapped;
// Ctrl/Cmd-Enter is left to the shell, which runs the snippet. Node's errors show as diagnostics.
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import { python } from '@codemirror/lang-python';
import {
	bracketMatching,
	codeFolding,
	foldEffect,
	foldKeymap,
	foldService,
	indentOnInput,
} from '@codemirror/language';
import { setDiagnostics } from '@codemirror/lint';
import { EditorState, Transaction, type Extension } from '@codemirror/state';
import {
	EditorView,
	drawSelection,
	highlightActiveLine,
	highlightActiveLineGutter,
	keymap,
	lineNumbers,
} from '@codemirror/view';
import { foldLabel, type LineSpan } from '../../lib/snippets/focus.ts';
import { editorTheme, injectPalette } from './editor-theme.ts';

export interface EditorFile {
	path: string;
	/** The original text (what "원래 코드로" goes back to). */
	content: string;
	/** The text to start with, when not the original (the reader's saved edits). */
	text?: string;
	readOnly: boolean;
	language: 'javascript' | 'python';
	/** What runs the file, named as the source of the errors it marks. @default 'Node.js' */
	runsOn?: string;
	/** Line spans folded at first (the lines the chapter does not discuss). */
	folds?: LineSpan[];
}

export interface EditorHooks {
	/** The text changed (by the reader or by `content =`). */
	change(): void;
	/** Escape: focus moves on, out of the editor. */
	leave(): void;
}

/** The box of the code the editor replaces: it starts at this height. */
export interface TakenBox {
	height: number;
}

export class FileEditor {
	readonly view: EditorView;
	readonly original: string;
	#runsOn: string;

	constructor(host: HTMLElement, file: EditorFile, hooks: EditorHooks, box?: TakenBox) {
		injectPalette();
		this.original = file.content;
		this.#runsOn = file.runsOn ?? 'Node.js';
		// The folds number the original's lines: a saved edit starts unfolded (its lines moved).
		const startsOriginal = file.text === undefined || file.text === file.content;
		const folds = startsOriginal ? (file.folds ?? []) : [];
		const extensions: Extension[] = [
			lineNumbers(),
			highlightActiveLineGutter(),
			history(),
			drawSelection(),
			indentOnInput(),
			bracketMatching(),
			highlightActiveLine(),
			editorTheme,
			file.language === 'python' ? python() : javascript(),
			codeFolding({
				preparePlaceholder: (state, range) => {
					const from = state.doc.lineAt(range.from).number;
					return foldLabel({ from, to: state.doc.lineAt(range.to).number });
				},
				placeholderDOM: (_view, onclick, label: string) => {
					const mark = document.createElement('span');
					mark.className = 'cm-foldPlaceholder';
					mark.textContent = label;
					mark.title = '눌러서 펼치기 (모두 펼치기: Ctrl+Alt+])';
					mark.onclick = onclick;
					return mark;
				},
			}),
			// The folded spans fold again with Ctrl+Shift+[ on their first line.
			foldService.of((state, lineStart) => {
				const line = state.doc.lineAt(lineStart).number;
				const span = folds.find((f) => f.from === line);
				return span ? rangeOf(state, span) : null;
			}),
			keymap.of([
				{ key: 'Escape', run: () => (hooks.leave(), true) },
				// Claimed so CodeMirror inserts no line; the event still bubbles to the shell, which runs.
				{ key: 'Mod-Enter', run: () => true },
				...foldKeymap,
				...historyKeymap,
				...defaultKeymap,
			]),
			EditorView.contentAttributes.of({
				'aria-label': `${file.path} 편집기${file.readOnly ? ' (읽기 전용)' : ''}. Esc로 빠져나가고 Ctrl+Enter로 실행합니다.`,
				// Said outright (a read-only editor is not editable, so not focusable otherwise): keyboard
				// readers can always reach and scroll the code.
				tabindex: '0',
			}),
			EditorView.updateListener.of((update) => {
				if (!update.docChanged) return;
				// The code's old height was only to take its place: once the reader types, the editor
				// sizes itself (a change made by the page, like saved edits coming back, keeps the box).
				if (update.transactions.some((tr) => tr.annotation(Transaction.userEvent) !== undefined))
					this.view.dom.style.height = '';
				hooks.change();
			}),
		];
		if (file.readOnly)
			extensions.push(EditorState.readOnly.of(true), EditorView.editable.of(false));
		this.view = new EditorView({
			state: EditorState.create({ doc: file.text ?? file.content, extensions }),
			parent: host,
		});
		if (folds.length)
			this.view.dispatch({
				effects: folds.map((span) => foldEffect.of(rangeOf(this.view.state, span))),
			});
		if (box) this.view.dom.style.height = `${box.height}px`;
	}

	get content(): string {
		return this.view.state.doc.toString();
	}

	set content(text: string) {
		if (text === this.content) return;
		this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: text } });
	}

	/** Marks `line` (1-based) as where the error is, and brings it into view; nothing for `undefined`. */
	showError(error: { line: number; column?: number; message: string } | undefined) {
		const { state } = this.view;
		if (!error) {
			this.view.dispatch(setDiagnostics(state, []));
			return;
		}
		const line = state.doc.line(Math.min(Math.max(1, error.line), state.doc.lines));
		const indent = /^\s*/.exec(line.text)?.[0].length ?? 0;
		const from = error.column
			? Math.min(line.to, line.from + error.column - 1)
			: line.from + indent;
		const to = Math.max(line.to, from);
		this.view.dispatch(
			setDiagnostics(state, [
				{
					from: Math.min(from, to),
					to,
					severity: 'error',
					message: error.message,
					source: this.#runsOn,
				},
			]),
			{ effects: EditorView.scrollIntoView(line.from, { y: 'center' }) },
		);
	}
}

function rangeOf(state: EditorState, span: LineSpan) {
	const first = Math.min(span.from, state.doc.lines);
	const last = Math.min(span.to, state.doc.lines);
	return { from: state.doc.line(first).from, to: state.doc.line(last).to };
}
