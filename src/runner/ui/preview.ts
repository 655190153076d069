// The preview of a snippet's server: an iframe with an address bar and reload, opened at the path
// the snippet is meant to be looked at. The iframe is created once and never moved in the DOM (moving
// an iframe reloads it).
import { h } from './dom.ts';

export class Preview {
	readonly root: HTMLElement;
	#frame: HTMLIFrameElement;
	#address: HTMLInputElement;
	#open: HTMLAnchorElement;
	#base = '';
	#visited = false;

	/** `loadedMark` names a performance mark set each time the preview finishes loading a page. */
	constructor(title: string, loadedMark?: string) {
		this.#address = h('input', {
			type: 'text',
			class: 'runner__address',
			value: '/',
			'aria-label': '미리보기 주소 (경로)',
			spellcheck: 'false',
		});
		this.#frame = h('iframe', {
			class: 'runner__frame',
			title: `${title} 미리보기`,
			allow: 'cross-origin-isolated',
		});
		this.#open = h('a', { class: 'runner__open', target: '_blank', rel: 'noopener' }, '새 탭');
		const reload = h(
			'button',
			{ type: 'button', class: 'runner__button', 'aria-label': '미리보기 새로고침' },
			'↻',
		);
		const form = h(
			'form',
			{ class: 'runner__addressbar' },
			h('span', { class: 'runner__origin', 'aria-hidden': 'true' }, ''),
			this.#address,
			reload,
			this.#open,
		);
		form.addEventListener('submit', (e) => {
			e.preventDefault();
			this.go(this.#address.value);
		});
		reload.addEventListener('click', () => this.go(this.#address.value));
		this.#frame.addEventListener('load', () => {
			if (loadedMark && this.#frame.src) performance.mark(loadedMark);
			// Same-origin (local runtime): follow the reader's clicks in the address bar.
			try {
				const here = this.#frame.contentWindow?.location;
				if (here && this.#base && here.href.startsWith(new URL(this.#base, location.href).href)) {
					this.#address.value = here.href.slice(new URL(this.#base, location.href).href.length - 1);
				}
			} catch {
				// cross-origin (WebContainer): the address bar keeps what the reader typed
			}
		});
		this.root = h(
			'section',
			{ class: 'runner__preview', 'aria-label': '미리보기' },
			form,
			h(
				'div',
				{ class: 'runner__frame-box' },
				this.#frame,
				h(
					'p',
					{ class: 'runner__frame-wait', 'aria-hidden': 'true' },
					'서버가 요청을 받을 준비를 하는 중…',
				),
			),
		);
	}

	/**
	 * Shows the server at `url` (its root, e.g. `/__runner/sessions/…/p/41234/`), at `path` the first
	 * time and at the path the reader last looked at after that.
	 */
	show(url: string, shownPort: number, path = '/') {
		const first = !this.#base && !this.#visited;
		this.#base = url.endsWith('/') ? url : `${url}/`;
		this.#visited = true;
		const origin = this.root.querySelector('.runner__origin');
		if (origin) origin.textContent = `localhost:${shownPort}`;
		this.root.removeAttribute('data-waiting');
		this.go(first ? path : this.#address.value || path);
	}

	/** Between Run and the server's port opening: the frame says what it waits for. */
	waiting() {
		this.root.dataset['waiting'] = '';
	}

	go(path: string) {
		if (!this.#base) return;
		const clean = path.startsWith('/') ? path : `/${path}`;
		this.#address.value = clean;
		const url = this.#base + clean.slice(1);
		this.#open.href = url;
		// A WebContainer preview (another origin) opened in a new tab needs StackBlitz's connect page at
		// `/webcontainer/connect/` on the site's root, which a base-path deployment cannot host; the
		// iframe is the preview there. The local runtime's preview is same-origin and opens anywhere.
		this.#open.hidden = new URL(url, location.href).origin !== location.origin;
		this.#frame.src = url;
	}

	clear() {
		this.#base = '';
		this.#frame.removeAttribute('src');
	}
}
