// Which runtime a page uses: a pure decision from what the page can observe, so it can be unit-tested.
import type { OffReason, RuntimeKind } from './types.ts';

export interface Environment {
	/** `?runtime=` from the page's URL, or the reader's choice saved earlier. */
	requested: string | null;
	/** Whether our dev/preview server answered the local endpoint's probe. */
	localAvailable: boolean;
	crossOriginIsolated: boolean;
	/** `SharedArrayBuffer` exists and the browser is one WebContainers support. */
	webContainerSupported: boolean;
}

export type Choice = { kind: 'local' | 'webcontainer' } | { kind: 'recorded'; reason: OffReason };

const KINDS: readonly RuntimeKind[] = ['local', 'webcontainer', 'recorded'];

export function parseRuntimeParam(value: string | null): RuntimeKind | undefined {
	return KINDS.find((k) => k === value?.trim().toLowerCase());
}

/** Local when our own server runs the page; else a WebContainer when the page can boot one; else recorded. */
export function chooseRuntime(env: Environment): Choice {
	const requested = parseRuntimeParam(env.requested);
	if (requested === 'recorded') return { kind: 'recorded', reason: 'forced' };
	if (requested === 'local') return { kind: 'local' };
	if (requested === 'webcontainer') return webContainerOr(env);
	if (env.localAvailable) return { kind: 'local' };
	return webContainerOr(env);
}

function webContainerOr(env: Environment): Choice {
	if (!env.crossOriginIsolated) return { kind: 'recorded', reason: 'not-isolated' };
	if (!env.webContainerSupported) return { kind: 'recorded', reason: 'unsupported-browser' };
	return { kind: 'webcontainer' };
}

/** WebContainers need SharedArrayBuffer and a Chromium, Firefox or Safari ≥ 16.4 engine (as TutorialKit checks). */
export function isWebContainerSupported(userAgent: string, hasSharedArrayBuffer: boolean): boolean {
	if (!hasSharedArrayBuffer) return false;
	if (/Chrome\/|Chromium\/|Firefox\//.test(userAgent)) return true;
	const safari = /Version\/(\d+)\.(\d+).*Safari\//.exec(userAgent);
	if (safari) {
		const major = Number(safari[1]);
		const minor = Number(safari[2]);
		return major > 16 || (major === 16 && minor >= 4);
	}
	return false;
}

/**
 * iPhone and iPad (iPadOS says it is a Mac, but has a touch screen): a WebContainer's memory can make
 * Safari close the tab, so there it boots only when the reader presses Run, never on hover or focus.
 */
export function bootsOnlyOnRun(
	userAgent: string,
	platform: string,
	maxTouchPoints: number,
): boolean {
	if (/\b(iPhone|iPad|iPod)\b/.test(userAgent) || /^(iPhone|iPad|iPod)/.test(platform)) return true;
	return platform === 'MacIntel' && maxTouchPoints > 1;
}

/** The boot timeout: `?boot-timeout=ms` when it is a sane number, else the default. */
export function bootTimeoutMs(param: string | null, fallback = 20_000): number {
	const n = Number(param);
	return Number.isFinite(n) && n >= 100 && n <= 300_000 ? n : fallback;
}

/** Korean sentences for why live running is off. */
export const OFF_REASON_TEXT: Record<OffReason, string> = {
	forced: '기록된 출력 보기를 골랐습니다.',
	'not-isolated':
		'이 페이지가 교차 출처 격리(cross-origin isolation) 상태가 아니어서 브라우저 안에서 Node.js를 띄울 수 없습니다. COOP/COEP 헤더를 보내는 곳에서 열어 주세요.',
	'unsupported-browser':
		'이 브라우저는 WebContainer(브라우저 안의 Node.js)를 지원하지 않습니다. 최신 Chrome, Edge, Firefox에서 열어 보세요.',
	'boot-timeout':
		'브라우저 안의 Node.js(WebContainer)가 정해진 시간 안에 시작되지 않았습니다. 네트워크가 느리거나, 방화벽·쿠키 차단 기능이 StackBlitz를 막고 있을 수 있습니다.',
	'boot-failed': '브라우저 안의 Node.js(WebContainer)를 시작하지 못했습니다.',
	'boot-refused':
		'StackBlitz가 이 사이트에서 브라우저 안의 Node.js(WebContainer)를 여는 것을 거절했습니다. 사이트의 API 키나 사용량 한도 문제일 수 있으니, 배포한 분께 알려 주세요.',
	'network-blocked':
		'StackBlitz(stackblitz.com)에 연결할 수 없습니다. 인터넷 연결이 없거나, 방화벽·광고 차단기가 막고 있는 것 같습니다.',
};
