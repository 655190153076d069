// Browser-side view of the page's cross-origin isolation, as set up by public/isolation.js (the
// script every page loads in <head>). The live runner asks it whether a WebContainer can boot at all
// and, when not, which sentence to show beside the recorded transcript.

/** Why the page is not cross-origin isolated (and will not become so without the reader's help). */
export type IsolationReason =
	| 'insecure-context'
	| 'no-service-worker'
	| 'service-worker-blocked'
	| 'no-storage'
	| 'not-isolated-after-reload'
	| 'timeout'
	/** The page did not load public/isolation.js (a page outside Starlight, or a stripped build). */
	| 'no-isolation-script';

export type IsolationStatus =
	| { state: 'isolated'; via: 'headers' | 'service-worker' }
	/** The service worker is being registered, or the page is about to reload through it. */
	| { state: 'pending'; reason: 'registering' | 'reloading' }
	| { state: 'unavailable'; reason: IsolationReason; message: string };

declare global {
	interface Window {
		webBookIsolation?: IsolationStatus;
	}
	interface WindowEventMap {
		'web-book:isolation': CustomEvent<IsolationStatus>;
	}
}

const NO_SCRIPT: IsolationStatus = {
	state: 'unavailable',
	reason: 'no-isolation-script',
	message: '이 페이지에는 교차 출처 격리를 켜는 스크립트가 없어 실시간 실행을 할 수 없습니다.',
};

/** The status right now. `crossOriginIsolated` itself has the last word over what the script said. */
export function isolationStatus(): IsolationStatus {
	if (globalThis.crossOriginIsolated) {
		const reported = window.webBookIsolation;
		return reported?.state === 'isolated' ? reported : { state: 'isolated', via: 'headers' };
	}
	return window.webBookIsolation ?? NO_SCRIPT;
}

/**
 * Resolves once the status is no longer `pending`. While the page is `reloading` it never resolves
 * by itself (the page goes away), so callers get `pending` back after `timeoutMs`.
 */
export function settledIsolation(timeoutMs = 15_000): Promise<IsolationStatus> {
	const now = isolationStatus();
	if (now.state !== 'pending') return Promise.resolve(now);
	return new Promise((resolve) => {
		const done = () => {
			clearTimeout(timer);
			window.removeEventListener('web-book:isolation', onChange);
			resolve(isolationStatus());
		};
		const onChange = () => {
			if (isolationStatus().state !== 'pending') done();
		};
		const timer = setTimeout(done, timeoutMs);
		window.addEventListener('web-book:isolation', onChange);
	});
}
