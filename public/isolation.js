// Makes the page cross-origin isolated on hosts that cannot send COOP/COEP headers (GitHub Pages,
// plain static servers), by registering isolation-sw.js and reloading once; and records why when it
// cannot, so the live runner can say why it shows the recorded transcript instead.
// A classic script in <head> (Starlight `head` entry): it runs before the page renders, on every page.
//
// Contract (read by src/lib/isolation.ts):
// - `window.webBookIsolation` is the current status:
//     { state: 'isolated', via: 'headers' | 'service-worker' }
//     { state: 'pending', reason: 'registering' | 'reloading' }
//     { state: 'unavailable', reason: <see MESSAGES>, message: <Korean sentence> }
// - a `web-book:isolation` event is dispatched on `window` whenever it changes (detail = status).
// - `<html data-isolation="<state>" data-isolation-reason="<reason>">` mirrors it for CSS and tests.
(() => {
	/** Set just before the one reload; while it is set in this tab, the page never reloads again. */
	const RELOAD_KEY = 'web-book:isolation-reload';
	/** How long the worker may take to become active before we give up (it is tiny: normally < 1 s). */
	const ACTIVATION_TIMEOUT_MS = 10_000;

	const MESSAGES = {
		'insecure-context':
			'이 페이지가 HTTPS(또는 localhost)로 열리지 않아, 실시간 실행에 필요한 교차 출처 격리(cross-origin isolation)를 브라우저가 허용하지 않습니다.',
		'no-service-worker':
			'이 브라우저에서는 서비스 워커를 쓸 수 없어(사생활 보호 모드 등), 실시간 실행에 필요한 교차 출처 격리를 켤 수 없습니다.',
		'service-worker-blocked':
			'브라우저 설정이나 확장 프로그램이 서비스 워커 등록을 막아, 실시간 실행에 필요한 교차 출처 격리를 켤 수 없습니다.',
		'no-storage':
			'브라우저 저장소(sessionStorage)를 쓸 수 없어, 격리를 켜려고 페이지를 한 번 새로 고치는 일을 안전하게 할 수 없습니다.',
		'not-isolated-after-reload':
			'서비스 워커를 설치하고 페이지를 한 번 새로 고쳤지만, 이 브라우저에서는 교차 출처 격리가 켜지지 않았습니다.',
		timeout:
			'서비스 워커가 제시간에 준비되지 않아, 실시간 실행에 필요한 교차 출처 격리를 켜지 못했습니다.',
	};

	const script = document.currentScript;

	function publish(status) {
		window.webBookIsolation = status;
		const root = document.documentElement;
		root.dataset.isolation = status.state;
		if (status.reason) root.dataset.isolationReason = status.reason;
		else delete root.dataset.isolationReason;
		window.dispatchEvent(new CustomEvent('web-book:isolation', { detail: status }));
		if (status.state === 'unavailable') whenParsed(() => noteInSnippets(status.message));
	}

	function unavailable(reason) {
		publish({ state: 'unavailable', reason, message: MESSAGES[reason] });
	}

	function whenParsed(callback) {
		if (document.readyState === 'loading')
			document.addEventListener('DOMContentLoaded', callback, { once: true });
		else callback();
	}

	/** A static note in each snippet shell, so a reader knows why ▶ 실행 will show the recording. */
	function noteInSnippets(message) {
		for (const shell of document.querySelectorAll('code-snippet')) {
			if (shell.querySelector(':scope > .snippet__isolation-note')) continue;
			const note = document.createElement('aside');
			note.className = 'snippet__isolation-note starlight-aside starlight-aside--caution';
			note.setAttribute('aria-label', '실시간 실행 꺼짐');
			const title = document.createElement('p');
			title.className = 'starlight-aside__title';
			title.textContent = '실시간 실행 꺼짐';
			const body = document.createElement('p');
			body.className = 'starlight-aside__content';
			body.textContent = `${message} '실행 기록' 탭에서 빌드할 때 실제로 실행해 녹화한 출력을 볼 수 있습니다.`;
			note.append(title, body);
			const tabs = shell.querySelector(':scope > .snippet__views');
			shell.insertBefore(note, tabs);
		}
	}

	/** sessionStorage, or null where it throws (blocked storage): then we must not reload at all. */
	function session() {
		try {
			const storage = window.sessionStorage;
			storage.getItem(RELOAD_KEY);
			return storage;
		} catch {
			return null;
		}
	}

	const storage = session();

	if (window.crossOriginIsolated) {
		storage?.removeItem(RELOAD_KEY);
		publish({
			state: 'isolated',
			via: navigator.serviceWorker?.controller ? 'service-worker' : 'headers',
		});
		return;
	}
	if (!window.isSecureContext) return unavailable('insecure-context');
	if (!('serviceWorker' in navigator)) return unavailable('no-service-worker');
	if (!storage) return unavailable('no-storage');
	// Already reloaded once in this tab and still not isolated: the worker cannot help here.
	if (storage.getItem(RELOAD_KEY)) return unavailable('not-isolated-after-reload');

	publish({ state: 'pending', reason: 'registering' });
	const workerUrl = new URL('isolation-sw.js', script?.src ?? location.href);
	const scope = new URL('./', workerUrl).pathname;

	let registered;
	try {
		registered = navigator.serviceWorker.register(workerUrl.href, { scope });
	} catch {
		return unavailable('service-worker-blocked');
	}
	Promise.resolve(registered).then(
		(registration) => {
			// Some blockers (and test harnesses) stub register() to resolve with nothing.
			if (!registration) return unavailable('service-worker-blocked');
			const timeout = new Promise((resolve) =>
				setTimeout(resolve, ACTIVATION_TIMEOUT_MS, 'timeout'),
			);
			return Promise.race([navigator.serviceWorker.ready, timeout]).then((outcome) => {
				if (outcome === 'timeout') return unavailable('timeout');
				storage.setItem(RELOAD_KEY, String(Date.now()));
				publish({ state: 'pending', reason: 'reloading' });
				location.reload();
			});
		},
		() => unavailable('service-worker-blocked'),
	);
})();
