// Behaviour of the static snippet shell: file tabs and the Code / Output switch (WAI-ARIA tab
// pattern), Run (Ctrl/Cmd-Enter anywhere in the snippet) and bringing the output into view, and, on the
// reader's first sign of intent, loading the live runner. Kept tiny: it ships with every page that has
// a snippet, while the runner (editor, terminal, runtimes) is a separate chunk loaded only on intent.
import { isShareFor } from './snippet-links.ts';
import { revealScroll } from './snippet-reveal.ts';

type RunnerModule = typeof import('../runner/index.ts');

let runner: Promise<RunnerModule> | undefined;
/** Loads the runner chunk once per page. */
function loadRunner(): Promise<RunnerModule> {
	runner ??= import('../runner/index.ts');
	return runner;
}

/**
 * How long after Run the output may still be scrolled into view: the runner may be loading, a
 * WebContainer's first boot takes up to 20 s, and a busy machine's server opens its port seconds after
 * Run, its log then pushing the preview down (CI saw a phone's preview appear after 3 s and stay under
 * the fold). It is the reader's screen only until they act: a scroll or a press of theirs ends it.
 */
const REVEAL_WINDOW_MS = 20_000;
/** Keys that scroll the page when pressed outside a field, an editor or a widget with keys of its own. */
const PAGE_SCROLL_KEYS = new Set([
	'PageDown',
	'PageUp',
	'Home',
	'End',
	'ArrowDown',
	'ArrowUp',
	' ',
]);
/** How long the scroll that brings the output into view takes. */
const GLIDE_MS = 180;

class SnippetShell extends HTMLElement {
	#tabs: HTMLButtonElement[] = [];
	#views: HTMLButtonElement[] = [];
	#intent = false;
	#ranAt = 0;
	#readerTookOver = false;

	connectedCallback() {
		this.#tabs = [...this.querySelectorAll<HTMLButtonElement>('.snippet__tabs [role=tab]')];
		this.#views = [...this.querySelectorAll<HTMLButtonElement>('.snippet__views [role=tab]')];
		for (const group of [this.#tabs, this.#views]) {
			for (const tab of group) {
				tab.addEventListener('click', () => this.#select(group, tab));
				tab.addEventListener('keydown', (event) => this.#onTabKey(event, group, tab));
			}
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
		this.querySelector('[data-action=run-python]')?.addEventListener(
			'click',
			() => void this.run('python'),
		);
		this.addEventListener('keydown', (event) => {
			if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
				event.preventDefault();
				void this.run(this.#variantAt(event.target));
			}
		});
		// A reader who scrolls or presses after Run has taken over: the output is not scrolled to any more.
		const takeOver = () => {
			if (performance.now() - this.#ranAt > 400) this.#readerTookOver = true;
		};
		addEventListener('wheel', takeOver, { passive: true });
		addEventListener('touchmove', takeOver, { passive: true });
		addEventListener('keydown', (event) => {
			if (scrollsPage(event)) takeOver();
		});
		// A press anywhere (Stop, the terminal, the scroll bar) is the reader acting: the page must not
		// move under the pointer any more (a glide that began just before a press made it miss Stop).
		addEventListener('pointerdown', takeOver, { passive: true });
		if (isShareFor(location.hash, this.dataset['snippetId'] ?? '')) {
			// A shared link: this is the snippet the reader came for.
			this.scrollIntoView({ block: 'start' });
			this.#warm();
		}
	}

	/** Shows the panel of `tab` and hides the others in its group. */
	#select(group: HTMLButtonElement[], tab: HTMLButtonElement, focus = false) {
		for (const t of group) {
			const selected = t === tab;
			t.setAttribute('aria-selected', String(selected));
			t.tabIndex = selected ? 0 : -1;
			if (group === this.#tabs) {
				const panel = this.querySelector<HTMLElement>(`#${t.getAttribute('aria-controls')}`);
				panel?.toggleAttribute('data-active', selected);
			}
		}
		if (group === this.#views) this.dataset['view'] = tab.dataset['view'] ?? 'code';
		if (focus) tab.focus();
		this.dispatchEvent(new CustomEvent('snippet:panel', { bubbles: false }));
	}

	/** Selects the file tab whose panel has this role (`transcript`, `python`) or file path. */
	selectPanel(match: (panel: HTMLElement) => boolean) {
		const tab = this.#tabs.find((t) => {
			const panel = this.querySelector<HTMLElement>(`#${t.getAttribute('aria-controls')}`);
			return panel ? match(panel) : false;
		});
		if (tab) this.#select(this.#tabs, tab);
		this.showView('code');
	}

	/** On a narrow snippet, shows the code or the output (wide snippets show both). */
	showView(view: 'code' | 'output') {
		const tab = this.#views.find((t) => t.dataset['view'] === view);
		if (tab && this.dataset['view'] !== view) this.#select(this.#views, tab);
	}

	/** True when the Code / Output switch is in use (a narrow snippet). */
	get narrow(): boolean {
		const views = this.querySelector<HTMLElement>('.snippet__views');
		return views ? getComputedStyle(views).display !== 'none' : false;
	}

	/**
	 * Scrolls, smoothly and only if needed, so that `wanted` pixels of `target` are on screen with the
	 * Run row still in view. Only after Run, and never once the reader has scrolled or pressed.
	 */
	reveal(target: HTMLElement, wanted: number) {
		if (this.#readerTookOver || performance.now() - this.#ranAt > REVEAL_WINDOW_MS) return;
		// The row of Run and Stop, not the whole header: on a phone the title and the command sit above
		// it, and keeping them too left a WSGI snippet's preview 97 px on screen under a tall terminal.
		const runRow = this.querySelector<HTMLElement>('.snippet__actions');
		if (!runRow) return;
		const delta = revealScroll({
			top: navBottom(),
			bottom: innerHeight,
			keep: runRow.getBoundingClientRect(),
			show: target.getBoundingClientRect(),
			wanted,
		});
		if (Math.abs(delta) < 2) return;
		if (matchMedia('(prefers-reduced-motion: reduce)').matches) {
			scrollTo({ top: scrollY + delta, behavior: 'instant' });
			return;
		}
		this.#glide(delta);
	}

	#gliding = 0;

	/**
	 * A smooth scroll of our own, eased over GLIDE_MS: the browser's `smooth` takes up to twice as
	 * long for the same distance, and the output must be in view within 300 ms of Run.
	 */
	#glide(delta: number) {
		cancelAnimationFrame(this.#gliding);
		const from = scrollY;
		const started = performance.now();
		const step = (now: number) => {
			if (this.#readerTookOver) return;
			const t = Math.min(1, (now - started) / GLIDE_MS);
			scrollTo({ top: from + delta * (1 - (1 - t) ** 3), behavior: 'instant' });
			if (t < 1) this.#gliding = requestAnimationFrame(step);
		};
		this.#gliding = requestAnimationFrame(step);
	}

	#onTabKey(event: KeyboardEvent, group: HTMLButtonElement[], tab: HTMLButtonElement) {
		const i = group.indexOf(tab);
		const next = {
			ArrowRight: group[(i + 1) % group.length],
			ArrowLeft: group[(i - 1 + group.length) % group.length],
			Home: group[0],
			End: group[group.length - 1],
		}[event.key];
		if (next) {
			event.preventDefault();
			this.#select(group, next, true);
		}
	}

	#warm() {
		if (this.#intent) return;
		this.#intent = true;
		void loadRunner().then((m) => m.warm(this));
	}

	/** Ctrl+Enter in the Python tab runs the Python code, where it can run here; anywhere else, Node's. */
	#variantAt(target: EventTarget | null): 'node' | 'python' {
		const inPython = target instanceof Element && target.closest('[data-role=python]') !== null;
		const python = this.querySelector<HTMLElement>('[data-python-actions]');
		return inPython && python && !python.hidden ? 'python' : 'node';
	}

	async run(variant: 'node' | 'python' = 'node') {
		this.#intent = true;
		this.#ranAt = performance.now();
		this.#readerTookOver = false;
		// Marks let `npm run bench` time Run → first output (see src/runner/ui/run-controller.ts).
		performance.mark(`web-book:run:${this.dataset['snippetId']}`);
		// The output's place shows at once, even while the runner is still on its way.
		this.dataset['output'] ??= 'pending';
		if (this.narrow) this.showView('output');
		const output = this.querySelector<HTMLElement>('.snippet__output');
		if (output) requestAnimationFrame(() => this.reveal(output, 160));
		const m = await loadRunner();
		await m.run(this, variant);
	}
}

/** Whether a key press scrolls the page (not the caret in an editor, a field's value or a tab list). */
function scrollsPage(event: KeyboardEvent): boolean {
	if (!PAGE_SCROLL_KEYS.has(event.key) || event.ctrlKey || event.metaKey || event.altKey)
		return false;
	const target = event.target instanceof Element ? event.target : null;
	if (target?.closest('input, textarea, select, [contenteditable=true], [role=tab], [role=slider]'))
		return false;
	// Space presses a button; elsewhere it scrolls.
	return !(event.key === ' ' && target?.closest('button, summary'));
}

/**
 * Where the screen starts under Starlight's fixed header and, on narrow screens, its sticky "목차"
 * bar: the page's scroll padding, which Starlight sets to exactly those plus 1.5rem.
 */
function navBottom(): number {
	const root = getComputedStyle(document.documentElement);
	const padding = parseFloat(root.scrollPaddingTop);
	if (Number.isFinite(padding)) return Math.max(0, padding - 1.5 * parseFloat(root.fontSize));
	const header = document.querySelector<HTMLElement>('header.header');
	return header ? Math.max(0, header.getBoundingClientRect().bottom) : 0;
}

export function defineSnippetShell() {
	if (!customElements.get('code-snippet')) customElements.define('code-snippet', SnippetShell);
}

export type { SnippetShell };
