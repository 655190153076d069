// The page's one runtime, shared by every snippet on it: chosen on the first sign of intent (never on
// page load), booted once, switchable by the reader, and replaced by the recorded fallback with a
// reason when it cannot start.
import {
	OFF_REASON_TEXT,
	bootTimeoutMs,
	chooseRuntime,
	isWebContainerSupported,
	parseRuntimeParam,
} from './runtime/choose.ts';
import { Listeners } from './runtime/emitter.ts';
import { createLocalRuntime, probeLocal } from './runtime/local.ts';
import type { BootStep, LiveRuntime, OffReason, RuntimeKind } from './runtime/types.ts';
import { ENDPOINT_PREFIX } from './protocol.ts';
import { settledIsolation } from '../lib/isolation.ts';

export type PageRuntime =
	| { kind: 'local' | 'webcontainer'; runtime: LiveRuntime; version?: string }
	| { kind: 'recorded'; reason: OffReason; detail?: string };

const PREFERENCE_KEY = 'web-book:runtime';
const base = (import.meta.env.BASE_URL ?? '/').replace(/\/?$/, '/');
export const endpointUrl = `${base}${ENDPOINT_PREFIX}/`;

let current: Promise<PageRuntime> | undefined;
const progressListeners = new Listeners<BootStep>();
const changes = new Listeners<void>();

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

async function choose(): Promise<PageRuntime> {
	const asked = parseRuntimeParam(requested());
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
	const progress = (step: BootStep) => progressListeners.emit(step);
	if (choice.kind === 'recorded') {
		return choice.reason === 'not-isolated' && isolation?.state === 'unavailable'
			? { ...choice, detail: isolation.message }
			: choice;
	}
	if (choice.kind === 'local') {
		const runtime = createLocalRuntime(endpointUrl);
		try {
			await runtime.boot(progress);
			return { kind: 'local', runtime, ...(probe ? { version: probe.node } : {}) };
		} catch (error) {
			return { kind: 'recorded', reason: 'boot-failed', detail: (error as Error).message };
		}
	}
	const { createWebContainerRuntime, BootError } = await import('./runtime/webcontainer.ts');
	const timeout = bootTimeoutMs(new URLSearchParams(location.search).get('boot-timeout'));
	const runtime = createWebContainerRuntime({ bootTimeoutMs: timeout });
	try {
		await runtime.boot(progress);
		return { kind: 'webcontainer', runtime };
	} catch (error) {
		const reason = error instanceof BootError ? error.reason : 'boot-failed';
		return { kind: 'recorded', reason, detail: (error as Error).message };
	}
}

/** The page's runtime, choosing and booting it on the first call. */
export function pageRuntime(): Promise<PageRuntime> {
	current ??= choose();
	return current;
}

export function onBootProgress(listener: (step: BootStep) => void): () => void {
	return progressListeners.add(listener);
}

/** Subscribes to the runtime being replaced (switch, retry). */
export function onRuntimeChange(listener: () => void): () => void {
	return changes.add(listener);
}

/** Drops the current runtime (stopping everything on it) and chooses again, e.g. after a switch or Retry. */
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
	changes.emit();
	const was = await old?.catch(() => undefined);
	if (was && was.kind !== 'recorded') await was.runtime.teardown().catch(() => undefined);
}

export function offReasonText(reason: OffReason): string {
	return OFF_REASON_TEXT[reason];
}

export const BOOT_STEP_TEXT: Record<BootStep, string> = {
	load: '실행 환경 코드를 내려받는 중',
	boot: '브라우저 안에서 Node.js를 시작하는 중',
	connect: '이 컴퓨터의 Node.js에 연결하는 중',
	ready: '준비됨',
};

export const RUNTIME_LABEL: Record<RuntimeKind, string> = {
	local: '이 컴퓨터의 Node.js',
	webcontainer: '브라우저 안의 Node.js (WebContainer)',
	recorded: '기록된 출력',
};
