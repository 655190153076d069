// Telling the reader things: a notice with buttons (one at a time per place: the code's, the
// output's), and a live region for screen readers that hears states and, throttled, the output.
import { h } from './dom.ts';

export type NoticeAction = [label: string, act: () => void, options?: { keepOpen?: boolean }];

export class Notices {
	#host: HTMLElement;
	#root: HTMLElement | undefined;

	/** Notices go at the end of `host` (or before `before`, one of its children). */
	constructor(
		host: HTMLElement,
		readonly before?: () => Node | null,
	) {
		this.#host = host;
	}

	/** Replaces what is shown with `content` and its buttons; a button closes the notice unless told not to. */
	show(content: string | Node[], actions: NoticeAction[] = []) {
		const body = typeof content === 'string' ? [h('p', {}, content)] : content;
		const buttons = actions.map(([label, act, options]) => {
			const b = h('button', { type: 'button', class: 'runner__button' }, label);
			b.addEventListener('click', () => {
				if (!options?.keepOpen) this.clear();
				act();
			});
			return b;
		});
		// Made when needed and removed when done: a place with nothing to say takes no room.
		this.#root ??= h('div', { class: 'runner__notice' });
		this.#root.replaceChildren(
			...body,
			...(buttons.length ? [h('p', { class: 'runner__notice-actions' }, ...buttons)] : []),
		);
		if (!this.#root.isConnected) this.#host.insertBefore(this.#root, this.before?.() ?? null);
	}

	clear() {
		this.#root?.remove();
		this.#root = undefined;
	}

	get shown(): boolean {
		return this.#root !== undefined;
	}
}

/** A polite live region: what happened, and the latest line of output at most every 1.5 s. */
export class Announcer {
	readonly root: HTMLElement;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#lastOutput = '';

	constructor(host: HTMLElement) {
		this.root = h('p', { class: 'visually-hidden', 'aria-live': 'polite' });
		host.append(this.root);
	}

	say(text: string) {
		this.root.textContent = text;
	}

	output(text: string) {
		const lines = text
			// eslint-disable-next-line no-control-regex
			.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')
			.split(/\r?\n/)
			.filter((l) => l.trim());
		if (lines.length) this.#lastOutput = lines[lines.length - 1] ?? '';
		this.#timer ??= setTimeout(() => {
			this.#timer = undefined;
			if (this.#lastOutput) this.say(`출력: ${this.#lastOutput}`);
		}, 1500);
	}
}
