// Watches the hidden StackBlitz page that `WebContainer.boot()` adds to the document, so that a boot
// which cannot reach StackBlitz is told apart from one that is only slow. The API itself says neither:
// in 1.6.4 it inserts `<iframe src="https://stackblitz.com/headless?…">` and waits, without a timeout,
// for that page to post an `init` message. When the page cannot load (offline, DNS failure, a blocked
// host, a refused API key answered with a 404 that COEP then blocks), the browser shows its error page
// in the frame and still fires the frame's `load` event, which needs no network request of ours and
// works under COEP require-corp. A frame that has loaded and stays silent is the failure signal; a
// frame that sends any message is StackBlitz's page running, so the boot is progressing.

export type FrameState =
	/** The API has not inserted its frame yet. */
	| 'absent'
	/** The frame is navigating. */
	| 'loading'
	/** The frame's `load` event fired (its page or the browser's error page) and it has said nothing. */
	| 'silent'
	/** The frame sent a message: StackBlitz's page runs. */
	| 'talking';

export interface BootFrame {
	readonly state: FrameState;
	/** Milliseconds from the frame's (re)navigation to its `load` event, once it loaded. */
	readonly loadMs: number | undefined;
	/** Warnings the frame sent (the API only logs them to the console); they can name a refusal. */
	readonly warnings: readonly string[];
	/** Calls `listener` on every change of the above; returns an unsubscribe function. */
	subscribe(listener: () => void): () => void;
	/** Loads the frame's page again (after the network came back); false when there is no frame yet. */
	reload(): boolean;
	/** Stops watching. */
	stop(): void;
}

/** The API's frame: its page is `/headless` on the editor origin (`dist/internal/iframe-url.js`). */
function isBootFrame(node: Node): node is HTMLIFrameElement {
	if (!(node instanceof HTMLIFrameElement)) return false;
	try {
		return new URL(node.src).pathname === '/headless';
	} catch {
		return false;
	}
}

/** Watches `doc` for the API's frame, from now on (start it before calling `boot()`). */
export function watchBootFrame(doc: Document = document): BootFrame {
	const win = doc.defaultView ?? window;
	const listeners = new Set<() => void>();
	let frame: HTMLIFrameElement | undefined;
	let state: FrameState = 'absent';
	let loadMs: number | undefined;
	let navigatedAt = 0;
	const warnings: string[] = [];
	const changed = () => {
		for (const listener of [...listeners]) listener();
	};

	const onLoad = () => {
		loadMs = performance.now() - navigatedAt;
		if (state === 'loading') state = 'silent';
		changed();
	};
	const adopt = (node: HTMLIFrameElement) => {
		if (frame) return;
		frame = node;
		navigatedAt = performance.now();
		state = 'loading';
		node.addEventListener('load', onLoad);
		changed();
	};
	const onMessage = (event: MessageEvent) => {
		if (!frame || event.source !== frame.contentWindow) return;
		const data = event.data as { type?: unknown; message?: unknown } | null;
		if (data?.type === 'warning' && typeof data.message === 'string') warnings.push(data.message);
		state = 'talking';
		changed();
	};
	win.addEventListener('message', onMessage);
	const observer = new MutationObserver((records) => {
		for (const record of records)
			for (const node of record.addedNodes) if (isBootFrame(node)) adopt(node);
		if (frame) observer.disconnect();
	});
	const existing = [...doc.querySelectorAll('iframe')].find(isBootFrame);
	if (existing) {
		// Booted before (the API keeps its frame for the page's lifetime): it has already talked.
		frame = existing;
		state = 'talking';
	} else observer.observe(doc.body ?? doc.documentElement, { childList: true });

	return {
		get state() {
			return state;
		},
		get loadMs() {
			return loadMs;
		},
		warnings,
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		reload() {
			if (!frame) return false;
			// The API still listens for the page's `init`: a fresh navigation can deliver it.
			navigatedAt = performance.now();
			loadMs = undefined;
			state = 'loading';
			frame.setAttribute('src', frame.src);
			changed();
			return true;
		},
		stop() {
			observer.disconnect();
			win.removeEventListener('message', onMessage);
			frame?.removeEventListener('load', onLoad);
			listeners.clear();
		},
	};
}
