// The snippet's files as editors: one CodeMirror editor takes the place of each file's highlighted
// code (same box, same scroll position, same folds), in the file tabs and in the Python tab alike; the
// tabs (and the Python tab's file labels) mark the files that differ from the original, and Node's
// errors and Python's tracebacks are shown on the line of the file they name.
import type { SnippetBundle } from '../../lib/snippets/bundle.ts';
import type { LineSpan } from '../../lib/snippets/focus.ts';
import { mountPath, SERVICE_ROOT, type Variant } from '../session.ts';
import {
	errorLocation,
	mountedFiles,
	pythonErrorLocation,
	type ErrorLocation,
} from './diagnostics.ts';
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
		// A file tab's panel holds one file; the Python tab holds each Python file in a block of its own.
		for (const panel of shell.querySelectorAll<HTMLElement>(
			'.snippet__panel[data-file], .snippet__python-code[data-file]',
		)) {
			const path = panel.dataset['file'] ?? '';
			const file = bundle.files.find((f) => f.path === path);
			if (!file) continue;
			// Code several snippets share (Node's or Python's, from snippets/_shared/) is not edited here.
			const readOnly =
				file.role === 'shared' || file.role === 'asset' || file.path.startsWith('../');
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
					runsOn: file.role === 'python' ? 'Python' : 'Node.js',
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

	/** Python's files, by path: the ones shown in the Python tab. */
	get pythonPaths(): string[] {
		return this.#bundle.files.filter((f) => f.role === 'python').map((f) => f.path);
	}

	/**
	 * Marks the line the last error in `output` points at (Node's, or Python's traceback for a Python
	 * run), in its file, whose tab is selected.
	 */
	showErrorFrom(output: string, variant: Variant = 'node'): ErrorLocation | undefined {
		const mounted = new Map<string, string>();
		for (const path of this.editors.keys()) mounted.set(mountPath(this.#bundle.id, path), path);
		const inTree = mountedFiles(mounted, SERVICE_ROOT);
		const at =
			variant === 'python'
				? // Python may print a script's path as it was given (relative to the snippet's folder).
					pythonErrorLocation(
						output,
						(printed) => inTree(printed) ?? inTree(mountPath(this.#bundle.id, printed)),
					)
				: errorLocation(output, inTree);
		this.clearError();
		if (!at) return undefined;
		const editor = this.editors.get(at.path);
		if (!editor) return undefined;
		const python = this.pythonPaths.includes(at.path);
		this.#shell.selectPanel((panel) =>
			python ? panel.dataset['role'] === 'python' : panel.dataset['file'] === at.path,
		);
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
		const edited = (path: string) => {
			const editor = this.editors.get(path);
			return !!editor && editor.content !== editor.original;
		};
		for (const marked of this.#shell.querySelectorAll<HTMLElement>(
			'.snippet__tabs [role=tab][data-file], .snippet__python-code[data-file]',
		))
			marked.toggleAttribute('data-edited', edited(marked.dataset['file'] ?? ''));
		this.#shell
			.querySelector('[data-python-tab]')
			?.toggleAttribute('data-edited', this.pythonPaths.some(edited));
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
