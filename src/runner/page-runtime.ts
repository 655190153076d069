// The page's one runtime, shared by every snippet on it: chosen on the first sign of intent (never on
// page load), booted once, switchable by the reader, and replaced by the recorded fallback with a
// reason when it cannot start. A WebContainer is one metered StackBlitz session per page load, so the
// page boots at most one and keeps it while the reader stays (a switch away and back reuses it), and
// a boot the page gave up on is still taken when it arrives. Snippets hear about all this through
// the events below (progress, notices), so the UI only shows what it is told.
import {
	OFF_REASON_TEXT,
	bootTimeoutMs,
	bootsOnlyOnRun,
	chooseRuntime,
	isWebContainerSupported,
	parseRuntimeParam,
	type Choice,
} from './runtime/choose.ts';
import { Listeners } from './runtime/emitter.ts';
import { createLocalRuntime, probeLocal } from './runtime/local.ts';
import type {
	BootStep,
	LiveRuntime,
	LiveRuntimeKind,
	OffReason,
	RuntimeKind,
} from './runtime/types.ts';
import type { WcApi, WebContainerRuntime } from './runtime/webcontainer.ts';
import { ENDPOINT_PREFIX, type ProbeAnswer } from './protocol.ts';
import type { PythonHere } from './python-gate.ts';
import { settledIsolation } from '../lib/isolation.ts';

export type PageRuntime =
	| {
			kind: 'local' | 'webcontainer';
			runtime: LiveRuntime;
			/** The Node that runs snippets (local runtime), e.g. `v20.20.2`. */
			version?: string;
			/** The Python that runs `python3` (local runtime with Python 3.11 or later), e.g. `3.11.7`. */
			python?: string;
	  }
	| { kind: 'recorded'; reason: OffReason; detail?: string };

/** Where booting is, for the status line: the step, and how long the boot has taken so far. */
export interface BootProgress {
	runtime: LiveRuntimeKind;
	step: BootStep;
	elapsedMs: number;
}

/** Something every snippet on the page should tell the reader. */
export interface RuntimeNotice {
	/**
	 * `late-boot`: a WebContainer the page had given up on arrived, and the page is live now;
	 * `error`: the WebContainer reported an internal error.
	 */
	kind: 'late-boot' | 'error';
	text: string;
}

const PREFERENCE_KEY = 'web-book:runtime';
const base = (import.meta.env.BASE_URL ?? '/').replace(/\/?$/, '/');
export const endpointUrl = `${base}${ENDPOINT_PREFIX}/`;
/**
 * The site's WebContainer API key, set at build time (README, 배포하기). Public by nature: StackBlitz
 * binds it to the sites allowed in its console, and it is sent in the frame's URL.
 */
const WEBCONTAINER_CLIENT_ID: string | undefined =
	import.meta.env.PUBLIC_WEBCONTAINER_CLIENT_ID?.trim() || undefined;

interface Decision {
	choice: Choice;
	probe: ProbeAnswer | undefined;
	isolationMessage: string | undefined;
}

let decision: Promise<Decision> | undefined;
let current: Promise<PageRuntime> | undefined;
/** Recordings shown because a WebContainer boot gave up: a late boot replaces the current one. */
const webContainerFallbacks = new WeakSet<PageRuntime>();
let webContainer: Promise<WebContainerRuntime> | undefined;
let progressNow: BootProgress | undefined;
const progressListeners = new Listeners<BootProgress>();
const changes = new Listeners<void>();
const notices = new Listeners<RuntimeNotice>();

/** `auto` or a kind the reader picked with the switch (kept for the session). */
export function preference(): RuntimeKind | 'auto' {
	try {
		return parseRuntimeParam(sessionStorage.getItem(PREFERENCE_KEY)) ?? 'auto';
	} catch {
		return 'auto';
	}
}

function requested(): string | null {
	const param = new URLSearchParams(location.search).get('runtime');
	if (param) return param;
	const pref = preference();
	return pref === 'auto' ? null : pref;
}

/** Which runtime the page uses, without starting it. */
function decide(): Promise<Decision> {
	decision ??= (async () => {
		const asked = parseRuntimeParam(requested());
		if (asked !== 'local' && asked !== 'recorded' && globalThis.crossOriginIsolated === true) {
			// A WebContainer is likely: fetch its code while the probe and the isolation check run.
			void webContainerApi().catch(() => undefined);
			void import('./runtime/webcontainer.ts').catch(() => undefined);
		}
		const probe =
			asked === undefined || asked === 'local' ? await probeLocal(endpointUrl) : undefined;
		// Without headers, isolation may still come from the service worker (public/isolation.js).
		const isolation =
			probe === undefined && asked !== 'recorded' ? await settledIsolation(8000) : undefined;
		const choice = chooseRuntime({
			requested: requested(),
			localAvailable: probe !== undefined,
			crossOriginIsolated: globalThis.crossOriginIsolated === true,
			webContainerSupported: isWebContainerSupported(
				navigator.userAgent,
				typeof SharedArrayBuffer === 'function',
			),
		});
		const isolationMessage = isolation?.state === 'unavailable' ? isolation.message : undefined;
		return { choice, probe, isolationMessage };
	})();
	return decision;
}

/** Reports the boot's steps, and once a second how long it has taken, until `done()`. */
function trackProgress(runtime: LiveRuntimeKind) {
	const started = performance.now();
	let step: BootStep = runtime === 'local' ? 'connect' : 'load';
	const emit = () => {
		progressNow = { runtime, step, elapsedMs: performance.now() - started };
		progressListeners.emit(progressNow);
	};
	const ticker = setInterval(emit, 1000);
	emit();
	return {
		step(next: BootStep) {
			step = next;
			emit();
		},
		done() {
			clearInterval(ticker);
			progressNow = undefined;
		},
	};
}

let apiCode: Promise<WcApi> | undefined;
/**
 * `@webcontainer/api`, fetched once. It is its own chunk, as is the adapter: the page asks for both
 * at once rather than one after the other, since both stand between Run and StackBlitz's frame.
 */
function webContainerApi(): Promise<WcApi> {
	if (!apiCode) {
		const loading = import('@webcontainer/api') as Promise<WcApi>;
		apiCode = loading;
		// A failed download is tried again on Retry.
		loading.catch(() => {
			if (apiCode === loading) apiCode = undefined;
		});
	}
	return apiCode;
}

/** The page's WebContainer runtime: created once, kept for the page's lifetime. */
function pageWebContainer(): Promise<WebContainerRuntime> {
	void webContainerApi().catch(() => undefined);
	webContainer ??= import('./runtime/webcontainer.ts').then(({ createWebContainerRuntime }) => {
		const runtime = createWebContainerRuntime({
			load: webContainerApi,
			bootTimeoutMs: bootTimeoutMs(new URLSearchParams(location.search).get('boot-timeout')),
			...(WEBCONTAINER_CLIENT_ID ? { apiKey: WEBCONTAINER_CLIENT_ID } : {}),
		});
		runtime.onLateBoot(async () => {
			const shown = current;
			const result = await shown?.catch(() => undefined);
			if (!result || shown !== current || !webContainerFallbacks.has(result)) return;
			current = Promise.resolve({ kind: 'webcontainer', runtime });
			notices.emit({
				kind: 'late-boot',
				text: '브라우저 안의 Node.js(WebContainer)가 늦게나마 준비되었습니다. 이제 ▶ 실행을 누르면 이 페이지에서 직접 실행됩니다.',
			});
		});
		runtime.onError((message) =>
			notices.emit({
				kind: 'error',
				text: `브라우저 안의 Node.js(WebContainer)에서 오류가 났습니다: ${message}`,
			}),
		);
		return runtime;
	});
	return webContainer;
}

async function start({ choice, probe, isolationMessage }: Decision): Promise<PageRuntime> {
	if (choice.kind === 'recorded') {
		return choice.reason === 'not-isolated' && isolationMessage
			? { ...choice, detail: isolationMessage }
			: choice;
	}
	const progress = trackProgress(choice.kind);
	try {
		if (choice.kind === 'local') {
			const runtime = createLocalRuntime(endpointUrl);
			try {
				await runtime.boot((step) => progress.step(step));
				return {
					kind: 'local',
					runtime,
					...(probe ? { version: probe.node } : {}),
					...(probe?.python ? { python: probe.python } : {}),
				};
			} catch (error) {
				return { kind: 'recorded', reason: 'boot-failed', detail: (error as Error).message };
			}
		}
		let runtime: WebContainerRuntime;
		try {
			runtime = await pageWebContainer();
		} catch (error) {
			// The adapter's chunk did not download: say so, and let Retry fetch it again.
			webContainer = undefined;
			return {
				kind: 'recorded',
				reason: 'network-blocked',
				detail: `WebContainer 코드를 내려받지 못했습니다. ${(error as Error).message}`,
			};
		}
		const { BootError } = await import('./runtime/webcontainer.ts');
		try {
			await runtime.boot((step) => progress.step(step));
			return { kind: 'webcontainer', runtime };
		} catch (error) {
			const reason = error instanceof BootError ? error.reason : 'boot-failed';
			const result: PageRuntime = { kind: 'recorded', reason, detail: (error as Error).message };
			webContainerFallbacks.add(result);
			return result;
		}
	} finally {
		progress.done();
	}
}

/** The page's runtime, choosing and booting it on the first call: what Run uses. */
export function pageRuntime(): Promise<PageRuntime> {
	current ??= decide().then(start);
	return current;
}

/**
 * What the page has for Python, without booting anything: the runtime chosen (or running) and, for
 * the local runtime, the Python its endpoint reported. Python runs only there.
 */
export async function pythonHere(): Promise<PythonHere> {
	const { choice, probe } = await decide();
	if (choice.kind !== 'local') return { runtime: choice.kind };
	// Started already: a local runtime that failed to start is the recording now.
	const running = await current?.catch(() => undefined);
	if (running) return pythonOf(running);
	return { runtime: 'local', ...(probe?.python ? { python: probe.python } : {}) };
}

/** What a chosen runtime has for Python: only the local runtime has one, when its probe named it. */
export function pythonOf(chosen: PageRuntime): PythonHere {
	if (chosen.kind !== 'local') return { runtime: chosen.kind };
	return { runtime: 'local', ...(chosen.python ? { python: chosen.python } : {}) };
}

/**
 * Intent short of Run (pointer over, focus in a snippet): boots the page's runtime too, except where a
 * WebContainer boots only on Run (iPhone, iPad). Then it resolves `undefined` and starts nothing.
 */
export async function warmPageRuntime(): Promise<PageRuntime | undefined> {
	if (current) return current;
	const { choice } = await decide();
	if (choice.kind === 'webcontainer' && bootWaitsForRun()) return current;
	return pageRuntime();
}

/** Whether this device boots a WebContainer only when the reader presses Run. */
export function bootWaitsForRun(): boolean {
	return bootsOnlyOnRun(navigator.userAgent, navigator.platform, navigator.maxTouchPoints ?? 0);
}

/** Short, for the hint under Run; the snippet's "실행 기록" tab holds the recording meanwhile. */
export const BOOT_WAITS_FOR_RUN_TEXT =
	'iPhone·iPad에서는 ▶ 실행을 누를 때 실행 환경이 시작됩니다 (그 전에는 ‘실행 기록’ 탭을 보세요)';

/** Subscribes to boot progress; a boot already under way is reported at once. */
export function onBootProgress(listener: (progress: BootProgress) => void): () => void {
	if (progressNow) listener(progressNow);
	return progressListeners.add(listener);
}

/** Subscribes to the runtime being replaced (switch, retry). */
export function onRuntimeChange(listener: () => void): () => void {
	return changes.add(listener);
}

/** Subscribes to what every snippet should tell the reader (a late boot, a WebContainer error). */
export function onRuntimeNotice(listener: (notice: RuntimeNotice) => void): () => void {
	return notices.add(listener);
}

/**
 * Drops the current choice and chooses again, e.g. after a switch or Retry. Runs on the old runtime
 * are stopped by their snippets (`onRuntimeChange`). The local runtime's session is ended; the
 * WebContainer is kept, so coming back to it, or retrying a boot still under way, boots nothing new.
 */
export async function rechoose(kind?: RuntimeKind | 'auto'): Promise<void> {
	if (kind !== undefined) {
		try {
			if (kind === 'auto') sessionStorage.removeItem(PREFERENCE_KEY);
			else sessionStorage.setItem(PREFERENCE_KEY, kind);
		} catch {
			// the choice then lasts only until reload
		}
	}
	const old = current;
	current = undefined;
	decision = undefined;
	changes.emit();
	const was = await old?.catch(() => undefined);
	if (was?.kind === 'local') await was.runtime.teardown().catch(() => undefined);
}

export function offReasonText(reason: OffReason): string {
	return OFF_REASON_TEXT[reason];
}

export const BOOT_STEP_TEXT: Record<BootStep, string> = {
	load: '실행 환경 코드를 내려받는 중',
	frame: 'StackBlitz에 연결하는 중',
	boot: '브라우저 안에서 Node.js를 시작하는 중',
	connect: '이 컴퓨터의 Node.js에 연결하는 중',
	ready: '준비됨',
};

/** The named steps each runtime goes through, in order. */
const BOOT_STEPS: Record<LiveRuntimeKind, BootStep[]> = {
	webcontainer: ['load', 'frame', 'boot'],
	local: ['connect'],
};

/** "StackBlitz에 연결하는 중 (2/3단계, 4초)". */
export function bootStatusText({ runtime, step, elapsedMs }: BootProgress): string {
	const steps = BOOT_STEPS[runtime];
	const at = steps.indexOf(step);
	const seconds = `${Math.floor(elapsedMs / 1000)}초`;
	return at === -1 || steps.length === 1
		? `${BOOT_STEP_TEXT[step]} (${seconds})`
		: `${BOOT_STEP_TEXT[step]} (${at + 1}/${steps.length}단계, ${seconds})`;
}

/** "이 컴퓨터의 Python 3.11.7 (python3)": which Python runs the Python tab's code. */
export function pythonLabel(version: string | undefined): string {
	return `이 컴퓨터의 Python${version ? ` ${version}` : ''} (python3)`;
}

export const RUNTIME_LABEL: Record<RuntimeKind, string> = {
	local: '이 컴퓨터의 Node.js',
	webcontainer: '브라우저 안의 Node.js (WebContainer)',
	recorded: '기록된 출력',
};
