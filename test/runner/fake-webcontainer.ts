// A stand-in for `@webcontainer/api` 1.6.4: the same surface, backed by real Node processes in a temp
// folder, and the same behaviour where the adapter depends on it (read in the package's
// `dist/index.js`), so the adapter's paths can be tested without StackBlitz:
// - `boot()` takes a lock: a call while one is pending waits for it, then throws "Only a single
//   WebContainer instance can be booted" if an instance is registered; `teardown()` frees the slot.
// - the first boot inserts one hidden frame (here: a `BootFrame` the test hands the adapter) and
//   waits, without a timeout, for its page to talk; a frame that cannot reach StackBlitz loads the
//   browser's error page and stays silent, and so does a refused API key (StackBlitz answers 404).
//   The API never rebuilds the frame: only loading it again (`reload`) can let a stuck boot go on.
// - `configureAPIKey()` throws once `boot()` was called.
// - output is decoded one chunk at a time, so a character split between chunks becomes U+FFFD.
// - `unkillable` mimics a busy loop, which `kill()` cannot end (webcontainer-core#1121).
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BootFrame, FrameState } from '../../src/runner/runtime/boot-frame.ts';
import type {
	WcApi,
	WcDirectory,
	WcInstance,
	WcProcess,
} from '../../src/runner/runtime/webcontainer.ts';

export interface FakeOptions {
	/** StackBlitz's page loads and talks, but the boot never settles. */
	hang?: boolean;
	/** kill() is ignored, as for a busy loop inside a real WebContainer. */
	unkillable?: boolean;
	/** Whether StackBlitz can be reached (changeable later through `network`). @default 'up' */
	network?: 'up' | 'down';
	/** How long the frame takes to load its page (or the error page). @default 5 */
	frameMs?: number;
	/** How long the boot takes once the frame talked. @default 0 */
	bootMs?: number;
	/** When set, StackBlitz answers any other API key (or none) with a 404: the frame stays silent. */
	acceptKey?: string;
	/** The boot fails with this message once the frame talked (a refusal the page is told about). */
	bootError?: string;
	/** StackBlitz's page posts this warning when it loads (the API logs such warnings). */
	frameWarning?: string;
	/** Splits every output chunk into pieces of this many bytes before decoding each on its own. */
	chunkBytes?: number;
}

/** The stand-in's frame, driven by the fake API: what `watchBootFrame` reports for the real one. */
class FakeFrame implements BootFrame {
	state: FrameState = 'absent';
	loadMs: number | undefined;
	warnings: string[] = [];
	loads = 0;
	#listeners = new Set<() => void>();
	#navigate: (() => void) | undefined;
	subscribe(listener: () => void) {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}
	changed() {
		for (const listener of [...this.#listeners]) listener();
	}
	insert(navigate: () => void) {
		this.#navigate = navigate;
		this.state = 'loading';
		this.changed();
		navigate();
	}
	reload() {
		if (!this.#navigate) return false;
		this.state = 'loading';
		this.loadMs = undefined;
		this.changed();
		this.#navigate();
		return true;
	}
	stop() {
		this.#listeners.clear();
	}
}

export function fakeWebContainerApi(options: FakeOptions = {}) {
	const frameMs = options.frameMs ?? 5;
	const state = {
		/** Calls of `WebContainer.boot()`. */
		boots: 0,
		/** Instances that finished booting. */
		booted: 0,
		teardowns: 0,
		alive: new Set<ChildProcess>(),
		roots: [] as string[],
		network: options.network ?? 'up',
		/** The key `configureAPIKey` set (it throws once `boot()` was called). */
		key: undefined as string | undefined,
		/** `resize()` calls, as `cols x rows`. */
		sizes: [] as string[],
	};
	const frame = new FakeFrame();
	const errorListeners = new Set<(error: { message: string }) => void>();

	let bootCalled = false;
	let lock: Promise<unknown> | null = null;
	let registered: WcInstance | null = null;
	let teardownPromise: Promise<void> | null = null;
	let server: Promise<void> | null = null;

	/** The frame, inserted once; it talks (resolving `server`) only when StackBlitz answers. */
	const frameServer = () => {
		server ??= new Promise<void>((resolve) => {
			frame.insert(() => {
				const started = Date.now();
				setTimeout(() => {
					frame.loadMs = Date.now() - started;
					frame.loads++;
					const refused = options.acceptKey !== undefined && state.key !== options.acceptKey;
					if (state.network === 'down' || refused) {
						frame.state = 'silent';
						frame.changed();
						return;
					}
					frame.state = 'talking';
					if (options.frameWarning) frame.warnings.push(options.frameWarning);
					frame.changed();
					if (!options.frameWarning) resolve();
				}, frameMs);
			});
		});
		return server;
	};

	const build = async (): Promise<WcInstance> => {
		await frameServer();
		if (options.hang) await new Promise<never>(() => {});
		if (options.bootMs) await new Promise((r) => setTimeout(r, options.bootMs));
		if (options.bootError) throw new Error(options.bootError);
		state.booted++;
		return makeInstance();
	};

	const makeInstance = (): WcInstance => {
		const root = mkdtempSync(join(tmpdir(), 'fake-wc-'));
		// As in the local endpoint: CGI scripts started by a root server run as `nobody`.
		chmodSync(root, 0o711);
		state.roots.push(root);
		const portListeners = new Set<(port: number, type: 'open' | 'close', url: string) => void>();
		const write = (dir: string, tree: WcDirectory['directory']) => {
			mkdirSync(dir, { recursive: true });
			for (const [name, node] of Object.entries(tree)) {
				if ('directory' in node) write(join(dir, name), node.directory);
				else writeFileSync(join(dir, name), node.file.contents);
			}
		};
		let tornDown = false;
		const instance: WcInstance = {
			async mount(tree) {
				write(root, tree);
			},
			async spawn(_command, args, opts) {
				const child = spawn(process.execPath, args, {
					cwd: join(root, opts.cwd ?? '.'),
					env: { PATH: process.env['PATH'] ?? '', ...opts.env },
					detached: true,
				});
				state.alive.add(child);
				const exit = new Promise<number>((r) =>
					child.once('close', (code) => (state.alive.delete(child), r(code ?? 1))),
				);
				// Like the real one: it announces any port the process opens (here: the PORT env).
				const port = Number(opts.env?.['PORT']);
				if (port) {
					const poll = () => {
						if (!state.alive.has(child)) return;
						const s = connect({ port, host: '127.0.0.1' });
						s.once(
							'connect',
							() => (
								s.destroy(),
								portListeners.forEach((l) => l(port, 'open', `https://fake--${port}.example`))
							),
						);
						s.once('error', () => setTimeout(poll, 40));
					};
					poll();
				}
				// 1.6.4 decodes each chunk with a fresh `decoder.decode(chunk)`, never `{ stream: true }`.
				const decoder = new TextDecoder();
				const pieces = (chunk: Buffer): Buffer[] => {
					const size = options.chunkBytes;
					if (!size) return [chunk];
					const out: Buffer[] = [];
					for (let i = 0; i < chunk.length; i += size) out.push(chunk.subarray(i, i + size));
					return out;
				};
				const proc: WcProcess = {
					output: new ReadableStream<string>({
						start(controller) {
							const push = (c: Buffer) => {
								for (const piece of pieces(c)) controller.enqueue(decoder.decode(piece));
							};
							child.stdout?.on('data', push);
							child.stderr?.on('data', push);
							child.once('close', () => controller.close());
						},
					}),
					input: new WritableStream<string>({
						write: (chunk) => void child.stdin?.write(chunk),
					}),
					exit,
					kill: () => {
						if (!options.unkillable) child.kill('SIGTERM');
					},
					resize: ({ cols, rows }) => void state.sizes.push(`${cols}x${rows}`),
				};
				return proc;
			},
			on(event: string, listener: never) {
				const list: Set<never> | undefined =
					event === 'port'
						? (portListeners as Set<never>)
						: event === 'error'
							? (errorListeners as Set<never>)
							: undefined;
				if (!list) return () => {};
				list.add(listener);
				return () => list.delete(listener);
			},
			teardown() {
				if (tornDown) throw new Error('WebContainer already torn down');
				tornDown = true;
				state.teardowns++;
				for (const child of state.alive) child.kill('SIGKILL');
				rmSync(root, { recursive: true, force: true });
				teardownPromise = Promise.resolve().then(() => {
					if (registered === instance) registered = null;
				});
			},
		} as WcInstance;
		return instance;
	};

	const api: WcApi = {
		WebContainer: {
			async boot() {
				state.boots++;
				await teardownPromise;
				teardownPromise = null;
				bootCalled = true;
				while (lock) await lock;
				if (registered) throw new Error('Only a single WebContainer instance can be booted');
				const booting = build();
				lock = booting.catch(() => {});
				try {
					registered = await booting;
					return registered;
				} finally {
					lock = null;
				}
			},
		},
		configureAPIKey(key) {
			if (bootCalled)
				throw new Error('`configureAPIKey` should always be called before `WebContainer.boot`');
			state.key = key;
		},
	};

	return {
		api,
		state,
		frame,
		/** Hands the adapter this stand-in's frame, as `watchBootFrame` hands it the real one. */
		watchFrame: () => frame,
		/** Emits the instance's `error` event. */
		emitError(message: string) {
			for (const listener of errorListeners) listener({ message });
		},
	};
}
