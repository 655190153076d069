// The editor: CodeMirror 6 in place of each file's highlighted code, one per file tab the shell
// already has. Shared files are read-only. Escape leaves the editor and Tab is never captured, so
// keyboard readers are never trapped; Ctrl/Cmd-Enter is left to the shell, which runs the snippet.
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import { python } from '@codemirror/lang-python';
import {
	bracketMatching,
	defaultHighlightStyle,
	indentOnInput,
	syntaxHighlighting,
} from '@codemirror/language';
import { EditorState, type Extension } from '@codemirror/state';
import {
	EditorView,
	highlightActiveLine,
	highlightActiveLineGutter,
	keymap,
	lineNumbers,
	drawSelection,
} from '@codemirror/view';

export interface EditorFile {
	path: string;
	content: string;
	readOnly: boolean;
	language: 'javascript' | 'python';
}

export class FileEditor {
	readonly view: EditorView;
	readonly original: string;

	constructor(host: HTMLElement, file: EditorFile, onChange: () => void, leave: () => void) {
		this.original = file.content;
		const extensions: Extension[] = [
			lineNumbers(),
			highlightActiveLineGutter(),
			history(),
			drawSelection(),
			indentOnInput(),
			bracketMatching(),
			highlightActiveLine(),
			syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
			file.language === 'python' ? python() : javascript(),
			keymap.of([
				{ key: 'Escape', run: () => (leave(), true) },
				// Claimed so CodeMirror inserts no line; the event still bubbles to the shell, which runs.
				{ key: 'Mod-Enter', run: () => true },
				...historyKeymap,
				...defaultKeymap,
			]),
			EditorView.contentAttributes.of({
				'aria-label': `${file.path} 편집기${file.readOnly ? ' (읽기 전용)' : ''}. Esc로 빠져나가고 Ctrl+Enter로 실행합니다.`,
			}),
			EditorView.updateListener.of((update) => {
				if (update.docChanged) onChange();
			}),
		];
		if (file.readOnly)
			extensions.push(EditorState.readOnly.of(true), EditorView.editable.of(false));
		this.view = new EditorView({
			state: EditorState.create({ doc: file.content, extensions }),
			parent: host,
		});
	}

	get content(): string {
		return this.view.state.doc.toString();
	}

	set content(text: string) {
		this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: text } });
	}
}
