// The WebContainer runtime: one StackBlitz WebContainer per page, shared by every snippet on it, each
// snippet in its own folder. The API is injected (a loader for `@webcontainer/api`) so the adapter can
// be tested against the runtime contract with a stand-in; the real module loads only when chosen.
import type { PortSpec } from '../../lib/snippets/schema.ts';
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
	output: ReadableStream<string>;
	input: WritableStream<string>;
	exit: Promise<number>;
	kill(): void;
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
}

export class BootError extends Error {
	constructor(
		readonly reason: 'boot-timeout' | 'boot-failed' | 'network-blocked',
		message: string,
		options?: { cause?: unknown },
	) {
		super(message, options);
	}
}

export interface WebContainerOptions {
	/** Loads the API module. @default () => import('@webcontainer/api') */
	load?: () => Promise<WcApi>;
	/** Boot gives up after this long (boot() can hang forever when StackBlitz is blocked). @default 20000 */
	bootTimeoutMs?: number;
	/** How long Stop waits for a process to exit before tearing the container down. @default 1000 */
	killWaitMs?: number;
	/** @default 'require-corp' (must match the page's COEP header) */
	coep?: 'require-corp' | 'credentialless';
}

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
	kill: () => void;
	resolveExit: (exit: ProcessExit) => void;
	done: boolean;
}

export function createWebContainerRuntime(options: WebContainerOptions = {}): LiveRuntime {
	const load = options.load ?? (() => import('@webcontainer/api') as Promise<WcApi>);
	const bootTimeoutMs = options.bootTimeoutMs ?? 20_000;
	const killWaitMs = options.killWaitMs ?? 1000;
	let instance: WcInstance | undefined;
	let booting: Promise<void> | undefined;
	const ports = new Listeners<PortEvent>();
	const resets = new Listeners<void>();
	const live = new Set<Live>();
	let offPort: (() => void) | undefined;

	const boot = (progress?: (step: BootStep) => void): Promise<void> => {
		booting ??= (async () => {
			progress?.('load');
			let api: WcApi;
			try {
				api = await load();
			} catch (error) {
				throw new BootError('network-blocked', 'WebContainer 코드를 내려받지 못했습니다.', {
					cause: error,
				});
			}
			progress?.('boot');
			let timer: ReturnType<typeof setTimeout> | undefined;
			const timeout = new Promise<never>((_, reject) => {
				timer = setTimeout(
					() =>
						reject(
							new BootError(
								'boot-timeout',
								`WebContainer가 ${bootTimeoutMs / 1000}초 안에 시작되지 않았습니다.`,
							),
						),
					bootTimeoutMs,
				);
			});
			const started = api.WebContainer.boot({
				coep: options.coep ?? 'require-corp',
				workdirName: 'web-book',
			});
			try {
				instance = await Promise.race([started, timeout]);
			} catch (error) {
				// A boot that settles after we gave up must not hold the page's only slot.
				void started.then((late) => late.teardown()).catch(() => undefined);
				if (error instanceof BootError) throw error;
				const message = (error as Error)?.message ?? String(error);
				const blocked = /fetch|network|load|cors|blocked/i.test(message);
				throw new BootError(blocked ? 'network-blocked' : 'boot-failed', message, { cause: error });
			} finally {
				clearTimeout(timer);
			}
			offPort = instance.on('port', (port, type, url) => ports.emit({ port, type, url }));
			progress?.('ready');
		})();
		booting.catch(() => (booting = undefined));
		return booting;
	};

	const need = async (): Promise<WcInstance> => {
		await boot();
		if (!instance) throw new BootError('boot-failed', 'WebContainer가 없습니다.');
		return instance;
	};

	/** A busy loop cannot be killed inside a WebContainer: tear it all down and boot again. */
	const reset = async () => {
		offPort?.();
		try {
			instance?.teardown();
		} catch {
			// already gone
		}
		instance = undefined;
		booting = undefined;
		for (const proc of live) {
			proc.done = true;
			proc.resolveExit({ code: null, signal: 'SIGKILL', reason: 'reset' });
		}
		live.clear();
		resets.emit();
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
			const entry: Live = { kill: () => proc.kill(), resolveExit, done: false };
			live.add(entry);
			void proc.exit.then((code) => {
				if (entry.done) return;
				entry.done = true;
				live.delete(entry);
				resolveExit({ code, signal: null });
			});
			void proc.output
				.pipeTo(new WritableStream({ write: (chunk) => output.emit(chunk) }))
				.catch(() => undefined);
			const writer = proc.input.getWriter();
			return {
				onOutput: (listener) => output.add(listener),
				write: (text) => void writer.write(text).catch(() => undefined),
				// The PTY has no close; Ctrl-D is end of input for a terminal in line mode.
				end: () => void writer.write('\x04').catch(() => undefined),
				async kill() {
					if (entry.done) return;
					proc.kill();
					const gone = await Promise.race([
						exited.then(() => true),
						new Promise<boolean>((r) => setTimeout(() => r(false), killWaitMs)),
					]);
					if (!gone) await reset();
				},
				exited,
			};
		},
		onPort: (listener) => ports.add(listener),
		onReset: (listener) => resets.add(listener),
		async teardown() {
			await reset();
		},
	};
}
