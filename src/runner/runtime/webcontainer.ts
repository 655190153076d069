// The WebContainer runtime: one StackBlitz WebContainer per page, shared by every snippet on it, each
// snippet in its own folder. The API is injected (a loader for `@webcontainer/api`) so the adapter can
// be tested against the runtime contract with a stand-in; the real module loads only when chosen.
//
// What 1.6.4 does that shapes this file (read in `node_modules/@webcontainer/api/dist/index.js`):
// - `boot()` takes a page-wide lock: a second call while one is pending waits for it, then throws
//   "Only a single WebContainer instance can be booted" if it succeeded. So there is at most one API
//   boot in flight, ever; giving up on it (a timeout) only stops waiting, and an instance that
//   arrives late is kept and announced (`onLateBoot`) rather than torn down.
// - It inserts one hidden StackBlitz frame per page and never rebuilds it; a frame that failed to
//   load is loaded again on Retry (see boot-frame.ts), which is how a boot recovers once the network
//   is back.
// - `configureAPIKey()` must come before the first `boot()`; it becomes the frame URL's `client_id`.
// - There are no process groups or user accounts inside: a process's children are ended with it,
//   `process.kill(-pid)` fails, and snippets must not ask to switch user ids.
import type { PortSpec } from '../../lib/snippets/schema.ts';
import { watchBootFrame, type BootFrame } from './boot-frame.ts';
import { Listeners } from './emitter.ts';
import type {
	BootStep,
	LiveRuntime,
	PortEvent,
	ProcessExit,
	RuntimeFile,
	RuntimeProcess,
	SpawnRequest,
} from './types.ts';

/** The part of `@webcontainer/api` 1.6.4 we use. */
export interface WcProcess {
	/** Output decoded by the API one chunk at a time (a character split between chunks is lost). */
	output: ReadableStream<string>;
	input: WritableStream<string>;
	exit: Promise<number>;
	kill(): void;
	resize(dimensions: { cols: number; rows: number }): void;
}
export interface WcDirectory {
	directory: Record<string, WcDirectory | { file: { contents: string } }>;
}
export interface WcInstance {
	mount(tree: WcDirectory['directory'], options?: { mountPoint?: string }): Promise<void>;
	spawn(
		command: string,
		args: string[],
		options: {
			cwd?: string;
			env?: Record<string, string>;
			terminal?: { cols: number; rows: number };
		},
	): Promise<WcProcess>;
	on(
		event: 'port',
		listener: (port: number, type: 'open' | 'close', url: string) => void,
	): () => void;
	on(event: 'error', listener: (error: { message: string }) => void): () => void;
	teardown(): void;
}
export interface WcApi {
	WebContainer: {
		boot(options: {
			coep?: 'require-corp' | 'credentialless' | 'none';
			workdirName?: string;
		}): Promise<WcInstance>;
	};
	configureAPIKey(key: string): void;
}

export class BootError extends Error {
	constructor(
		readonly reason: 'boot-timeout' | 'boot-failed' | 'boot-refused' | 'network-blocked',
		message: string,
		options?: { cause?: unknown },
	) {
		super(message, options);
	}
}

export interface WebContainerOptions {
	/** Loads the API module. @default () => import('@webcontainer/api') */
	load?: () => Promise<WcApi>;
	/**
	 * How long `boot()` waits for a boot that is progressing before it gives up (the page then shows
	 * the recording, and switches to live if the boot still arrives). @default 20000
	 */
	bootTimeoutMs?: number;
	/**
	 * StackBlitz's frame loaded but said nothing: how long to wait for a word before calling
	 * StackBlitz unreachable. At least this, and at least as long as the frame took to load (a slow
	 * network is slow both ways; a failed load is an error page shown at once). @default 1000
	 */
	frameSilenceMs?: number;
	/**
	 * How long Stop waits for a process to end before rebooting the container (a busy loop cannot be
	 * killed inside it). Natively the book's servers end within 35 ms of SIGTERM with a keep-alive
	 * connection open (`node scripts/stop-grace.mjs`, also in `npm run bench`); 3 s leaves room for a
	 * slower WebContainer and a reader's own cleanup, and costs nothing when the process ends.
	 * @default 3000
	 */
	killWaitMs?: number;
	/** @default 'require-corp' (must match the page's COEP header) */
	coep?: 'require-corp' | 'credentialless';
	/** The site's WebContainer API key (client id), passed to `configureAPIKey` before the first boot. */
	apiKey?: string;
	/** Watches the API's hidden frame. @default watchBootFrame() in a browser, nothing elsewhere */
	watchFrame?: () => BootFrame;
	/** Whether the browser says it is online. @default () => navigator.onLine */
	online?: () => boolean;
}

/** A WebContainer runtime also says when a boot it gave up on arrives, and relays the instance's errors. */
export interface WebContainerRuntime extends LiveRuntime {
	/** A boot that `boot()` had given up on (timeout, unreachable) arrived: the runtime is ready now. */
	onLateBoot(listener: () => void): () => void;
	/** The instance's `error` events (internal errors of the WebContainer), as their messages. */
	onError(listener: (message: string) => void): () => void;
}

/** Words with which StackBlitz turns a site away: key, allowed sites, quota, licence. */
const REFUSAL =
	/client[_ -]?id|api[_ -]?key|invalid_client|unauthori[sz]ed|forbidden|not allowed|allowed (?:sites|origins|domains)|quota|licen[cs]e|session limit/i;

/** Turns flat paths into the nested tree `mount()` takes. */
export function toFileTree(files: RuntimeFile[]): WcDirectory['directory'] {
	const root: WcDirectory['directory'] = {};
	for (const { path, content } of files) {
		const parts = path.split('/').filter((p) => p && p !== '.');
		let dir = root;
		for (const part of parts.slice(0, -1)) {
			const next = (dir[part] ??= { directory: {} });
			if (!('directory' in next)) throw new Error(`${path}: ${part} is a file, not a folder`);
			dir = next.directory;
		}
		const name = parts[parts.length - 1];
		if (name) dir[name] = { file: { contents: content } };
	}
	return root;
}

interface Live {
	resolveExit: (exit: ProcessExit) => void;
	done: boolean;
}

function watchDocumentFrame(): BootFrame | undefined {
	return typeof document === 'object' && typeof MutationObserver === 'function'
		? watchBootFrame()
		: undefined;
}

export function createWebContainerRuntime(options: WebContainerOptions = {}): WebContainerRuntime {
	const load = options.load ?? (() => import('@webcontainer/api') as Promise<WcApi>);
	const bootTimeoutMs = options.bootTimeoutMs ?? 20_000;
	const frameSilenceMs = options.frameSilenceMs ?? 1000;
	const killWaitMs = options.killWaitMs ?? 3000;
	const online =
		options.online ?? (() => (typeof navigator === 'object' ? navigator.onLine !== false : true));
	const watchFrame = options.watchFrame ?? watchDocumentFrame;

	let instance: WcInstance | undefined;
	/** The API's boot in flight: never more than one (the API's lock would make a second throw). */
	let pending: Promise<WcInstance> | undefined;
	/** True while a `boot()` call waits for `pending`; an instance arriving when false is late. */
	let waiting = false;
	/** The current `boot()` call, shared by callers that overlap. */
	let attempt: Promise<void> | undefined;
	let keyConfigured = false;
	let frame: BootFrame | undefined;
	const ports = new Listeners<PortEvent>();
	const resets = new Listeners<void>();
	const lates = new Listeners<void>();
	const errors = new Listeners<string>();
	const live = new Set<Live>();
	let unsubscribe: Array<() => void> = [];

	const arrived = (wc: WcInstance) => {
		pending = undefined;
		instance = wc;
		unsubscribe = [
			wc.on('port', (port, type, url) => ports.emit({ port, type, url })),
			wc.on('error', (error) => errors.emit(error?.message ?? String(error))),
		];
		if (!waiting) lates.emit();
	};

	/** Starts the API's boot, or, when one is already in flight, gets its frame loading again. */
	const startOrResume = (api: WcApi): Promise<WcInstance> => {
		if (pending) {
			if (frame?.state === 'silent') frame.reload();
			return pending;
		}
		if (options.apiKey && !keyConfigured) {
			api.configureAPIKey(options.apiKey);
			keyConfigured = true;
		}
		frame ??= watchFrame();
		const started = api.WebContainer.boot({
			coep: options.coep ?? 'require-corp',
			workdirName: 'web-book',
		});
		pending = started;
		started.then(arrived, () => {
			if (pending === started) pending = undefined;
		});
		return started;
	};

	/** Rejects as soon as StackBlitz is known to be unreachable; reports the steps it sees. */
	const unreachable = (progress: ((step: BootStep) => void) | undefined, stop: AbortSignal) =>
		new Promise<never>((_, reject) => {
			if (!online()) {
				reject(new BootError('network-blocked', '브라우저가 오프라인 상태입니다.'));
				return;
			}
			if (!frame) return;
			const watched = frame;
			let silence: ReturnType<typeof setTimeout> | undefined;
			let step: BootStep | undefined;
			const check = () => {
				// StackBlitz's page warns (the API only logs it): a warning that turns the site away ends the wait.
				const refusal = watched.warnings.find((w) => REFUSAL.test(w));
				if (refusal) {
					reject(new BootError('boot-refused', `StackBlitz: ${refusal}`));
					return;
				}
				const next = watched.state === 'talking' ? 'boot' : 'frame';
				if (next !== step) progress?.((step = next));
				if (watched.state !== 'silent') {
					clearTimeout(silence);
					silence = undefined;
					return;
				}
				const key = options.apiKey
					? ' 이 사이트의 WebContainer API 키가 거절되었을 수도 있습니다.'
					: '';
				silence ??= setTimeout(
					() => {
						if (watched.state !== 'silent') return;
						reject(
							new BootError('network-blocked', `stackblitz.com의 페이지를 열지 못했습니다.${key}`),
						);
					},
					Math.max(frameSilenceMs, watched.loadMs ?? 0),
				);
			};
			const off = watched.subscribe(check);
			stop.addEventListener('abort', () => {
				off();
				clearTimeout(silence);
			});
			check();
		});

	const runAttempt = async (progress?: (step: BootStep) => void): Promise<void> => {
		progress?.('load');
		let api: WcApi;
		try {
			api = await load();
		} catch (error) {
			throw new BootError('network-blocked', 'WebContainer 코드를 내려받지 못했습니다.', {
				cause: error,
			});
		}
		if (instance) return progress?.('ready');
		let started: Promise<WcInstance>;
		try {
			started = startOrResume(api);
		} catch (error) {
			throw new BootError('boot-failed', (error as Error)?.message ?? String(error), {
				cause: error,
			});
		}
		const stop = new AbortController();
		let timer: ReturnType<typeof setTimeout> | undefined;
		const timeout = new Promise<never>((_, reject) => {
			timer = setTimeout(
				() =>
					reject(
						new BootError(
							'boot-timeout',
							`WebContainer가 ${bootTimeoutMs / 1000}초 안에 시작되지 않았습니다. 계속 기다리다가 준비되면 알려 드립니다.`,
						),
					),
				bootTimeoutMs,
			);
		});
		waiting = true;
		try {
			await Promise.race([started, timeout, unreachable(progress, stop.signal)]);
		} catch (error) {
			if (error instanceof BootError) throw error;
			const message = (error as Error)?.message ?? String(error);
			throw new BootError(REFUSAL.test(message) ? 'boot-refused' : 'boot-failed', message, {
				cause: error,
			});
		} finally {
			waiting = false;
			clearTimeout(timer);
			stop.abort();
		}
		progress?.('ready');
	};

	const boot = (progress?: (step: BootStep) => void): Promise<void> => {
		if (instance) return Promise.resolve();
		if (!attempt) {
			const current = runAttempt(progress);
			attempt = current;
			const clear = () => {
				if (attempt === current) attempt = undefined;
			};
			current.then(clear, clear);
		}
		return attempt;
	};

	const need = async (): Promise<WcInstance> => {
		await boot();
		if (!instance) throw new BootError('boot-failed', 'WebContainer가 없습니다.');
		return instance;
	};

	/** Ends the instance and every process in it; the next use boots a fresh one. */
	const reset = (reason: 'reset' | 'teardown') => {
		for (const off of unsubscribe) off();
		unsubscribe = [];
		const old = instance;
		instance = undefined;
		try {
			old?.teardown();
		} catch {
			// already gone
		}
		for (const proc of live) {
			proc.done = true;
			proc.resolveExit({ code: null, signal: 'SIGKILL', reason });
		}
		live.clear();
		if (old) resets.emit();
	};

	return {
		kind: 'webcontainer',
		stdin: 'pty',
		uniquePorts: false,
		boot,
		async mount(files) {
			await (await need()).mount(toFileTree(files));
		},
		async allocatePort(spec: PortSpec) {
			// The container is private to this page: the port the reader sees in the code is free to use.
			return spec.default;
		},
		async spawn(request: SpawnRequest): Promise<RuntimeProcess> {
			const wc = await need();
			const [command = 'node', ...args] = request.argv;
			const proc = await wc.spawn(command, args, {
				cwd: request.cwd,
				env: request.env,
				terminal: { cols: 100, rows: 30 },
			});
			const output = new Listeners<string>();
			let resolveExit!: (exit: ProcessExit) => void;
			const exited = new Promise<ProcessExit>((r) => (resolveExit = r));
			const entry: Live = { resolveExit, done: false };
			let stopping = false;
			live.add(entry);
			void proc.exit
				.then((code) => {
					if (entry.done) return;
					entry.done = true;
					live.delete(entry);
					resolveExit({ code, signal: null, ...(stopping ? { reason: 'stopped' as const } : {}) });
				})
				// A torn-down instance releases its processes: `reset` has resolved them already.
				.catch(() => undefined);
			void proc.output
				.pipeTo(new WritableStream({ write: (chunk) => output.emit(chunk) }))
				.catch(() => undefined);
			const writer = proc.input.getWriter();
			return {
				onOutput: (listener) => output.add(listener),
				write: (text) => void writer.write(text).catch(() => undefined),
				// The PTY has no close; Ctrl-D is end of input for a terminal in line mode.
				end: () => void writer.write('\x04').catch(() => undefined),
				resize(cols, rows) {
					if (!entry.done) proc.resize({ cols, rows });
				},
				async kill() {
					if (entry.done) return;
					stopping = true;
					proc.kill();
					const gone = await Promise.race([
						exited.then(() => true),
						new Promise<boolean>((r) => setTimeout(() => r(false), killWaitMs)),
					]);
					if (gone || entry.done) return;
					// It would not end (a busy loop): only a fresh container frees the page.
					entry.done = true;
					live.delete(entry);
					resolveExit({ code: null, signal: 'SIGKILL', reason: 'stopped', rebooted: true });
					reset('reset');
				},
				exited,
			};
		},
		onPort: (listener) => ports.add(listener),
		onReset: (listener) => resets.add(listener),
		onLateBoot: (listener) => lates.add(listener),
		onError: (listener) => errors.add(listener),
		async teardown() {
			reset('teardown');
		},
	};
}
