// Behaviour of the static snippet shell: tabs (WAI-ARIA tab pattern) and, on the reader's first sign
// of intent, loading the live runner. Kept tiny: it ships with every page that has a snippet, while
// the runner (editor, terminal, runtimes) is a separate chunk loaded only on intent.

type RunnerModule = typeof import('../runner/index.ts');

let runner: Promise<RunnerModule> | undefined;
/** Loads the runner chunk once per page. */
function loadRunner(): Promise<RunnerModule> {
	runner ??= import('../runner/index.ts');
	return runner;
}

class SnippetShell extends HTMLElement {
	#tabs: HTMLButtonElement[] = [];
	#intent = false;

	connectedCallback() {
		this.#tabs = [
			...this.querySelectorAll<HTMLButtonElement>(':scope > [role=tablist] [role=tab]'),
		];
		for (const tab of this.#tabs) {
			tab.addEventListener('click', () => this.select(tab));
			tab.addEventListener('keydown', (event) => this.#onTabKey(event, tab));
		}
		// Intent toward this snippet (the pointer moving over it or pressing it, focus inside it) warms
		// the runner and, with it, the page's runtime. Scrolling past is not intent, even though the
		// browser sends `pointerenter` when a snippet scrolls under a resting pointer (it sends no
		// `pointermove` then): a WebContainer boot is a metered StackBlitz session and, on iPhone and
		// iPad, a risk to the tab (there it waits for Run; page-runtime.ts).
		const warm = () => this.#warm();
		for (const type of ['pointermove', 'pointerdown', 'focusin'] as const)
			this.addEventListener(type, warm, { once: true, passive: true });
		this.querySelector('[data-action=run]')?.addEventListener('click', () => void this.run());
		this.addEventListener('keydown', (event) => {
			if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
				event.preventDefault();
				void this.run();
			}
		});
	}

	/** Shows the panel of `tab` and hides the others. */
	select(tab: HTMLButtonElement, focus = false) {
		for (const t of this.#tabs) {
			const selected = t === tab;
			t.setAttribute('aria-selected', String(selected));
			t.tabIndex = selected ? 0 : -1;
			const panel = this.querySelector<HTMLElement>(`#${t.getAttribute('aria-controls')}`);
			panel?.toggleAttribute('data-active', selected);
		}
		if (focus) tab.focus();
	}

	/** Selects the tab whose panel has this role (`transcript`, `python`) or file path. */
	selectPanel(match: (panel: HTMLElement) => boolean) {
		const tab = this.#tabs.find((t) => {
			const panel = this.querySelector<HTMLElement>(`#${t.getAttribute('aria-controls')}`);
			return panel ? match(panel) : false;
		});
		if (tab) this.select(tab);
	}

	#onTabKey(event: KeyboardEvent, tab: HTMLButtonElement) {
		const i = this.#tabs.indexOf(tab);
		const next = {
			ArrowRight: this.#tabs[(i + 1) % this.#tabs.length],
			ArrowLeft: this.#tabs[(i - 1 + this.#tabs.length) % this.#tabs.length],
			Home: this.#tabs[0],
			End: this.#tabs[this.#tabs.length - 1],
		}[event.key];
		if (next) {
			event.preventDefault();
			this.select(next, true);
		}
	}

	#warm() {
		if (this.#intent) return;
		this.#intent = true;
		void loadRunner().then((m) => m.warm(this));
	}

	async run() {
		this.#intent = true;
		// Marks let `npm run bench` time Run → first output (see src/runner/ui/live-snippet.ts).
		performance.mark(`web-book:run:${this.dataset['snippetId']}`);
		const m = await loadRunner();
		await m.run(this);
	}
}

export function defineSnippetShell() {
	if (!customElements.get('code-snippet')) customElements.define('code-snippet', SnippetShell);
}

export type { SnippetShell };
