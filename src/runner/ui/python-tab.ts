// The Python tab's Run: shown where the page can run Python (the local runtime, on a machine with
// Python 3.11 or later), with a sentence that says which Python runs it and, before Run, what of the
// code that Python no longer has; elsewhere the sentence says why there is no Run here (a WebContainer
// has only Node). The verdicts and sentences are python-gate.ts's; this module only shows them, and
// keeps them current as the page's runtime and the reader's Python code change.
import type { SnippetBundle } from '../../lib/snippets/bundle.ts';
import { onRuntimeChange, pythonHere, pythonOf, type PageRuntime } from '../page-runtime.ts';
import { gateText, pythonGate, type PythonGate, type PythonHere } from '../python-gate.ts';
import type { FileEditors } from './file-editors.ts';

export class PythonTab {
	#actions: HTMLElement | null;
	#where: HTMLElement | null;
	#sources: () => string[];
	#here: PythonHere | undefined;
	#gate: PythonGate | undefined;

	/**
	 * The Python tab of the shell, when the snippet has Python code to run (else undefined), told at
	 * once and on every change of runtime what the page has for Python.
	 */
	static attach(
		shell: HTMLElement,
		bundle: SnippetBundle,
		editors: FileEditors,
	): PythonTab | undefined {
		const block = shell.querySelector<HTMLElement>('[data-python-run]');
		if (!block || !bundle.python?.command) return undefined;
		const tab = new PythonTab(block, () =>
			editors.pythonPaths.map((path) => editors.editors.get(path)?.content ?? ''),
		);
		tab.relearn();
		onRuntimeChange(() => tab.relearn());
		return tab;
	}

	/** Over the Python tab's `[data-python-run]` block; `sources` gives the Python files' current text. */
	constructor(block: HTMLElement, sources: () => string[]) {
		this.#actions = block.querySelector<HTMLElement>('[data-python-actions]');
		this.#where = block.querySelector<HTMLElement>('[data-python-where]');
		this.#sources = sources;
	}

	get gate(): PythonGate | undefined {
		return this.#gate;
	}

	/** Asks the page what it has for Python (the runtime, the probe's version), without booting. */
	relearn() {
		void pythonHere()
			.then((here) => this.update(here))
			.catch(() => undefined);
	}

	/** The page's runtime (or the Python it has) is known, or changed. */
	update(here: PythonHere) {
		this.#here = here;
		this.refresh();
	}

	/** Python was asked for where `chosen` has none: the tab says why, and so does the result. */
	cannotRun(chosen: PageRuntime): string {
		this.update(pythonOf(chosen));
		return this.#gate ? gateText(this.#gate) : '';
	}

	/** The Python code changed: what it uses that this Python removed may have too. */
	refresh() {
		if (!this.#here) return;
		const gate = pythonGate(this.#here, this.#sources());
		this.#gate = gate;
		if (this.#actions) this.#actions.hidden = gate.state !== 'ready';
		if (this.#where) {
			this.#where.textContent = gateText(gate);
			this.#where.dataset['gate'] = gate.state;
			this.#where.toggleAttribute(
				'data-removed',
				gate.state === 'ready' && gate.removed.length > 0,
			);
		}
	}
}
