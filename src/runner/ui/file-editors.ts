// The snippet's files as editors: one CodeMirror editor takes the place of each file's highlighted
// code (same box, same scroll position, same folds), the file tabs mark the files that differ from the
// original, and Node's errors are shown on the line of the file they name.
import type { SnippetBundle } from '../../lib/snippets/bundle.ts';
import type { LineSpan } from '../../lib/snippets/focus.ts';
import { mountPath, SERVICE_ROOT } from '../session.ts';
import { errorLocation, mountedFiles, type ErrorLocation } from './diagnostics.ts';
import { h } from './dom.ts';
import { FileEditor } from './editor.ts';
import { focusAfter } from './focus-next.ts';

export interface FileEditorsShell extends HTMLElement {
	selectPanel(match: (panel: HTMLElement) => boolean): void;
}

export class FileEditors {
	readonly editors = new Map<string, FileEditor>();
	#shell: FileEditorsShell;
	#bundle: SnippetBundle;
	#changed: () => void;
	#shownError: string | undefined;

	/** Editors over the shell's code panels, starting from `initial` (path → content) where given. */
	constructor(
		shell: FileEditorsShell,
		bundle: SnippetBundle,
		initial: Record<string, string>,
		changed: () => void,
	) {
		this.#shell = shell;
		this.#bundle = bundle;
		this.#changed = changed;
		for (const panel of shell.querySelectorAll<HTMLElement>('.snippet__panel[data-file]')) {
			const path = panel.dataset['file'] ?? '';
			const file = bundle.files.find((f) => f.path === path);
			if (!file) continue;
			const readOnly = file.role === 'shared' || file.role === 'asset';
			const code = panel.querySelector<HTMLElement>('pre');
			// Measured before anything changes, so the editor can take this exact box.
			const box = code && code.offsetParent !== null ? { height: code.offsetHeight } : undefined;
			// Laid out unseen over the code first: CodeMirror measures its lines (and places its line
			// numbers) in the next frames, and only then does it take the code's place.
			const host = h('div', { class: 'runner__editor', 'data-arriving': '' });
			panel.append(host);
			const editor = new FileEditor(
				host,
				{
					path,
					content: file.content,
					// Saved edits come in as the editor's first text: no change to save again.
					...(!readOnly && initial[path] !== undefined ? { text: initial[path] } : {}),
					readOnly,
					language: path.endsWith('.py') ? 'python' : 'javascript',
					folds: foldsOf(panel),
				},
				{ change: () => this.#onChange(path), leave: () => focusAfter(host) },
				box,
			);
			afterTwoFrames(() => {
				// The reader may have scrolled the code meanwhile: the editor starts where they are.
				const scrollTop = code?.scrollTop ?? 0;
				for (const pre of panel.querySelectorAll<HTMLElement>('pre, .expressive-code'))
					pre.hidden = true;
				delete host.dataset['arriving'];
				editor.view.scrollDOM.scrollTop = scrollTop;
				panel.dataset['live'] = '';
			});
			this.editors.set(path, editor);
		}
		this.#markEdited();
	}

	/** Edited files only: path → content. */
	edits(): Record<string, string> {
		const edits: Record<string, string> = {};
		for (const [path, editor] of this.editors)
			if (editor.content !== editor.original) edits[path] = editor.content;
		return edits;
	}

	/** Puts `files` (path → content) in the editors; every other file goes back to its original. */
	setAll(files: Record<string, string>) {
		for (const [path, editor] of this.editors) editor.content = files[path] ?? editor.original;
		this.#markEdited();
	}

	/** Marks the line Node's last error in `output` points at, in its file (whose tab is selected). */
	showErrorFrom(output: string): ErrorLocation | undefined {
		const mounted = new Map<string, string>();
		for (const path of this.editors.keys()) mounted.set(mountPath(this.#bundle.id, path), path);
		const at = errorLocation(output, mountedFiles(mounted, SERVICE_ROOT));
		this.clearError();
		if (!at) return undefined;
		const editor = this.editors.get(at.path);
		if (!editor) return undefined;
		this.#shell.selectPanel((panel) => panel.dataset['file'] === at.path);
		editor.showError(at);
		this.#shownError = at.path;
		return at;
	}

	clearError() {
		if (this.#shownError) this.editors.get(this.#shownError)?.showError(undefined);
		this.#shownError = undefined;
	}

	#onChange(path: string) {
		if (this.#shownError === path) this.clearError();
		this.#markEdited();
		this.#changed();
	}

	#markEdited() {
		for (const tab of this.#shell.querySelectorAll<HTMLElement>(
			'.snippet__tabs [role=tab][data-file]',
		)) {
			const editor = this.editors.get(tab.dataset['file'] ?? '');
			tab.toggleAttribute('data-edited', !!editor && editor.content !== editor.original);
		}
	}
}

function afterTwoFrames(work: () => void) {
	requestAnimationFrame(() => requestAnimationFrame(work));
}

function foldsOf(panel: HTMLElement): LineSpan[] {
	try {
		const folds = JSON.parse(panel.dataset['folds'] ?? '[]') as unknown;
		return Array.isArray(folds) ? (folds as LineSpan[]) : [];
	} catch {
		return [];
	}
}
