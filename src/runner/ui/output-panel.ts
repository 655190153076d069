// The output of a run, in the shell's output area: a bar (which runtime runs it), the run's notices,
// the terminal and, for a server, the preview and the request console. The terminal and the preview
// take tens of milliseconds to build, so they are built ahead, while the reader reads, laid out but
// unseen and taking no room; Run then only has to show them.
import type { SnippetBundle } from '../../lib/snippets/bundle.ts';
import type { HelperResult } from '../http-format.ts';
import { RUNTIME_LABEL, preference, type PageRuntime } from '../page-runtime.ts';
import type { RuntimeKind } from '../runtime/types.ts';
import { h } from './dom.ts';
import { focusAfter } from './focus-next.ts';
import { Inspector } from './inspector.ts';
import { Notices } from './notices.ts';
import { Preview } from './preview.ts';
import { SnippetTerminal, type TerminalHooks } from './terminal.ts';

export interface OutputHooks extends Omit<TerminalHooks, 'leave'> {
	/** The reader chose another runtime in the bar. */
	switchRuntime(kind: RuntimeKind | 'auto'): void;
	/** The request console's Send. */
	inspect(port: number, raw: string): Promise<HelperResult>;
	/** A server's preview appeared under the terminal (what Run shows grew). */
	serverShown?(): void;
}

export class OutputPanel {
	readonly root: HTMLElement;
	readonly notices: Notices;
	readonly runtimeSelect: HTMLSelectElement;
	/** The run's state in words, beside the word "출력". */
	readonly status: HTMLElement;
	#bundle: SnippetBundle;
	#hooks: OutputHooks;
	#terminalBox: HTMLElement;
	#serverBox: HTMLElement;
	#terminal: SnippetTerminal | undefined;
	#preview: Preview | undefined;
	#inspector: Inspector | undefined;

	constructor(host: HTMLElement, bundle: SnippetBundle, hooks: OutputHooks) {
		this.#bundle = bundle;
		this.#hooks = hooks;
		this.runtimeSelect = h(
			'select',
			{ class: 'runner__runtime', 'aria-label': '실행 환경' },
			h('option', { value: 'auto' }, '실행 환경: 자동'),
			...(['local', 'webcontainer', 'recorded'] as const).map((k) =>
				h('option', { value: k }, RUNTIME_LABEL[k]),
			),
		);
		this.runtimeSelect.value = new URLSearchParams(location.search).get('runtime') ?? preference();
		this.runtimeSelect.addEventListener('change', () =>
			hooks.switchRuntime(this.runtimeSelect.value as RuntimeKind | 'auto'),
		);
		this.#terminalBox = h('div', {
			class: 'runner__terminal',
			role: 'group',
			'aria-label': '터미널',
			'data-standby': '',
		});
		this.#serverBox = h('div', { class: 'runner__server', hidden: true });
		this.status = h('span', { class: 'runner__status', role: 'status' });
		this.root = h(
			'div',
			{ class: 'runner__output' },
			h(
				'div',
				{ class: 'runner__bar' },
				h('span', { class: 'runner__bar-label' }, '출력'),
				this.status,
				this.runtimeSelect,
			),
		);
		if (bundle.kind !== 'client') this.root.dataset['server'] = '';
		host.append(this.root);
		this.root.append(this.#terminalBox, this.#serverBox);
		this.notices = new Notices(this.root, () => this.#terminalBox);
	}

	get isServer(): boolean {
		return this.#bundle.kind !== 'client';
	}

	/** Builds the terminal (and a server's preview) unseen, ahead of Run. */
	buildAhead() {
		this.#ensureTerminal();
		if (this.isServer) this.#ensureServer();
	}

	/** Shows the terminal, cleared, for a run on `chosen`. */
	startRun(chosen: Extract<PageRuntime, { kind: 'local' | 'webcontainer' }>): SnippetTerminal {
		this.notices.clear();
		const terminal = this.#ensureTerminal();
		delete this.#terminalBox.dataset['standby'];
		terminal.clear();
		terminal.mode = chosen.runtime.stdin;
		if (this.isServer) {
			const { preview, inspector } = this.#ensureServer();
			this.#serverBox.hidden = false;
			preview.waiting();
			inspector.setTarget(undefined);
		}
		return terminal;
	}

	get terminal(): SnippetTerminal | undefined {
		return this.#terminal;
	}

	/** The part of the output that must be on screen after Run: the terminal, and a server's preview. */
	revealTarget(): { element: HTMLElement; wanted: number } {
		const top = this.root.getBoundingClientRect().top;
		const frameTop = this.#preview?.root.querySelector('iframe')?.getBoundingClientRect().top;
		// A client: the terminal. A server: the terminal and the first 100 px of its page.
		const wanted =
			this.isServer && frameTop !== undefined && !this.#serverBox.hidden
				? frameTop - top + 100
				: Math.min(this.#terminalBox.getBoundingClientRect().bottom - top, 200);
		return { element: this.root, wanted: Math.max(120, wanted) };
	}

	/** A port of the snippet's opened: the preview loads it (at `path`), the console can send to it. */
	serverReady(
		port: { port: number; shown: number; url?: string },
		path: string,
		reachable: boolean,
	) {
		const { preview, inspector } = this.#ensureServer();
		this.#serverBox.hidden = false;
		if (port.url) preview.show(port.url, port.shown, path);
		inspector.setTarget({ port: port.port, shown: port.shown, reachable });
		this.#hooks.serverShown?.();
	}

	/** The server went away: the console cannot send any more. */
	serverGone() {
		this.#inspector?.setTarget(undefined);
	}

	#ensureTerminal(): SnippetTerminal {
		if (!this.#terminal) {
			// xterm sizes itself to its parent: a parent of its own keeps that size while the box is tucked away.
			const host = h('div');
			this.#terminalBox.append(host);
			this.#terminal = new SnippetTerminal(
				host,
				{
					input: (text) => this.#hooks.input(text),
					end: () => this.#hooks.end(),
					interrupt: () => this.#hooks.interrupt(),
					leave: () => focusAfter(this.#terminalBox),
					...(this.#hooks.resize ? { resize: this.#hooks.resize } : {}),
				},
				// Six rows: at least 100 px of terminal the moment Run shows it, before any output.
				this.isServer ? { minRows: 6, maxRows: 12 } : { minRows: 6, maxRows: 24 },
			);
		}
		return this.#terminal;
	}

	#ensureServer(): { preview: Preview; inspector: Inspector } {
		if (!this.#preview || !this.#inspector) {
			this.#preview = new Preview(this.#bundle.title, `web-book:preview-loaded:${this.#bundle.id}`);
			this.#inspector = new Inspector(`runner-${this.#bundle.id}`, (p, raw) =>
				this.#hooks.inspect(p, raw),
			);
			this.#serverBox.append(this.#preview.root, this.#inspector.root);
		}
		return { preview: this.#preview, inspector: this.#inspector };
	}
}
