// The scenario runner's host on the page's live runtime (a WebContainer or the local Node), so the
// same `runScenario` that the tests and the build use checks snippets and exercises in the browser.
// Programs run in their folders inside the runtime; raw requests and port probes go through the
// inspector's helper, which runs inside the runtime too (the page cannot reach a WebContainer's ports).
import type { ScenarioHost, ScenarioProcess } from '../lib/scenario/host.ts';
import type { SnippetBundle } from '../lib/snippets/bundle.ts';
import { createOutputFilter } from './plain-output.ts';
import type { LiveRuntime, RuntimeProcess } from './runtime/types.ts';
import { filesToMount, HELPER_DIR, inspect, mountChanged, SERVICE_ROOT } from './session.ts';

export interface PageHostOptions {
	/** The folder (relative to the runtime's root) a snippet's programs run in, by snippet id. */
	cwdOf(snippetId: string): string;
	/** How long to wait for the runtime's port event before also probing the port. @default 1000 */
	probeAfterMs?: number;
	/** Between two probes of a port that has not opened. @default 500 */
	probeEveryMs?: number;
	/**
	 * What the request helper may take to start, on top of a request's own timeout: the node host
	 * starts nothing per request, and a step's timeout should not count the runtime's start-up.
	 * @default 20000
	 */
	helperStartupMs?: number;
}

export interface PageScenarioHost extends ScenarioHost {
	/** Stops following the runtime's port events. */
	dispose(): void;
}

/** `node --version` per runtime: asked once. */
const versions = new WeakMap<LiveRuntime, Promise<string>>();

export function createPageScenarioHost(
	runtime: LiveRuntime,
	options: PageHostOptions,
): PageScenarioHost {
	const probeAfterMs = options.probeAfterMs ?? 1000;
	const probeEveryMs = options.probeEveryMs ?? 500;
	const startupMs = options.helperStartupMs ?? 20_000;
	const open = new Set<number>();
	const wakers = new Set<() => void>();
	const offPort = runtime.onPort((event) => {
		if (event.type === 'open') open.add(event.port);
		else open.delete(event.port);
		for (const wake of wakers) wake();
	});

	/** True when something accepts a connection on the port, seen from inside the runtime. */
	const probe = async (port: number): Promise<boolean> => {
		try {
			// An empty request: the helper connects, sends nothing and gives up after the timeout.
			// Refused means closed; a connection that stays silent means a server is listening.
			const result = await inspect(runtime, port, '', 300, startupMs);
			return !result.error || result.error.startsWith('timeout');
		} catch {
			return false;
		}
	};

	return {
		allocatePort: (spec) => runtime.allocatePort(spec),

		async spawn(argv, { snippetId, env, ports = [] }) {
			// A new process has not opened its ports yet, whatever an earlier one on them did.
			for (const port of ports) open.delete(port);
			const proc = await runtime.spawn({ argv, cwd: options.cwdOf(snippetId), env, ports });
			return pipeLike(proc, runtime.stdin === 'pty');
		},

		waitForPort(port, timeoutMs) {
			if (open.has(port)) return Promise.resolve(true);
			return new Promise<boolean>((resolve) => {
				let done = false;
				let probeTimer: ReturnType<typeof setTimeout> | undefined;
				const finish = (ready: boolean) => {
					if (done) return;
					done = true;
					clearTimeout(deadline);
					clearTimeout(probeTimer);
					wakers.delete(wake);
					resolve(ready);
				};
				const wake = () => {
					if (open.has(port)) finish(true);
				};
				// Port events are the fast path; a probe catches a runtime that announces a port late
				// or not at all (a second port of one process, under some runtimes).
				const probeLater = (ms: number) => {
					probeTimer = setTimeout(async () => {
						if (done) return;
						if (await probe(port)) finish(true);
						else if (!done) probeLater(probeEveryMs);
					}, ms);
				};
				const deadline = setTimeout(() => finish(false), timeoutMs);
				wakers.add(wake);
				probeLater(probeAfterMs);
			});
		},

		async request(port, raw, timeoutMs) {
			const result = await inspect(runtime, port, raw, timeoutMs, startupMs);
			if (result.error && !result.response) throw new Error(result.error);
			return result.response;
		},

		runtimeVersion(variant) {
			if (variant === 'python')
				return Promise.reject(new Error('브라우저 쪽 실행 환경에는 Python이 없습니다.'));
			let version = versions.get(runtime);
			if (!version) {
				version = askNodeVersion(runtime);
				versions.set(runtime, version);
				version.catch(() => versions.delete(runtime));
			}
			return version;
		},

		dispose() {
			offPort();
			wakers.clear();
		},
	};
}

/** A script rather than `node --version`: the local runtime runs scripts only, never Node's options. */
const VERSION_SCRIPT = 'node-version.mjs';

async function askNodeVersion(runtime: LiveRuntime): Promise<string> {
	await mountChanged(runtime, [
		{ path: `${HELPER_DIR}/${VERSION_SCRIPT}`, content: 'console.log(process.version);\n' },
	]);
	const proc = await runtime.spawn({
		argv: ['node', VERSION_SCRIPT],
		cwd: HELPER_DIR,
		env: {},
		ports: [],
	});
	const filtered = pipeLike(proc, runtime.stdin === 'pty');
	let output = '';
	filtered.onOutput((text) => (output += text));
	await filtered.exited;
	const version = /v\d+\.\d+\.\d+/.exec(output)?.[0];
	if (!version) throw new Error(`node --version printed ${JSON.stringify(output.slice(0, 200))}`);
	return version;
}

/** A process whose output reads as if it went into a pipe (see plain-output.ts). */
function pipeLike(proc: RuntimeProcess, terminal: boolean): ScenarioProcess {
	const filter = createOutputFilter({ terminal });
	const listeners = new Set<(text: string) => void>();
	// This subscribes at once (and so takes what the runtime held for it); the runner subscribes a
	// moment later. Output in between is kept for the first listener, not dropped.
	let held: string[] | undefined = [];
	const emit = (text: string) => {
		if (!text) return;
		if (held) held.push(text);
		else for (const listener of listeners) listener(text);
	};
	proc.onOutput((chunk) => emit(filter.write(chunk)));
	// The last held-back character reaches listeners before the exit does.
	const exited = proc.exited.then((exit) => (emit(filter.end()), exit));
	return {
		onOutput: (listener) => {
			listeners.add(listener);
			const early = held;
			held = undefined;
			for (const text of early ?? []) listener(text);
		},
		write: (text) => proc.write(text),
		end: () => proc.end(),
		kill: () => proc.kill(),
		exited,
	};
}

/**
 * Mounts a snippet (with the reader's edits) the way a run in the page does, and returns a host
 * whose programs run where those files are: the snippet in `snippets/<id>`, its services in their
 * own tree.
 */
export async function mountForScenario(
	runtime: LiveRuntime,
	bundle: SnippetBundle,
	edits: Record<string, string> = {},
	options: Omit<PageHostOptions, 'cwdOf'> = {},
): Promise<PageScenarioHost> {
	await mountChanged(runtime, filesToMount(bundle, edits));
	const services = new Set(bundle.services.map((s) => s.id));
	return createPageScenarioHost(runtime, {
		...options,
		cwdOf: (id) => (services.has(id) ? `${SERVICE_ROOT}/snippets/${id}` : `snippets/${id}`),
	});
}
