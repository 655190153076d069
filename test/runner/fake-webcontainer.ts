// A stand-in for `@webcontainer/api`: the same surface, backed by real Node processes in a temp
// folder, so the WebContainer adapter can be held to the runtime contract without StackBlitz.
// `unkillable` mimics a WebContainer's busy loop, which kill() cannot end (webcontainer-core#1121).
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
	WcApi,
	WcDirectory,
	WcInstance,
	WcProcess,
} from '../../src/runner/runtime/webcontainer.ts';

export interface FakeOptions {
	/** boot() never settles (StackBlitz unreachable). */
	hang?: boolean;
	/** kill() is ignored, as for a busy loop inside a real WebContainer. */
	unkillable?: boolean;
}

export function fakeWebContainerApi(options: FakeOptions = {}) {
	const state = { boots: 0, teardowns: 0, alive: new Set<ChildProcess>(), roots: [] as string[] };
	const api: WcApi = {
		WebContainer: {
			boot() {
				state.boots++;
				if (options.hang) return new Promise<never>(() => {});
				const root = mkdtempSync(join(tmpdir(), 'fake-wc-'));
				// As in the local endpoint: CGI scripts started by a root server run as `nobody`.
				chmodSync(root, 0o711);
				state.roots.push(root);
				const portListeners = new Set<
					(port: number, type: 'open' | 'close', url: string) => void
				>();
				const write = (dir: string, tree: WcDirectory['directory']) => {
					mkdirSync(dir, { recursive: true });
					for (const [name, node] of Object.entries(tree)) {
						if ('directory' in node) write(join(dir, name), node.directory);
						else writeFileSync(join(dir, name), node.file.contents);
					}
				};
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
						const proc: WcProcess = {
							output: new ReadableStream<string>({
								start(controller) {
									child.stdout?.on('data', (c: Buffer) => controller.enqueue(c.toString()));
									child.stderr?.on('data', (c: Buffer) => controller.enqueue(c.toString()));
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
						};
						return proc;
					},
					on(event: string, listener: never) {
						if (event !== 'port') return () => {};
						portListeners.add(listener);
						return () => portListeners.delete(listener);
					},
					teardown() {
						state.teardowns++;
						for (const child of state.alive) child.kill('SIGKILL');
						rmSync(root, { recursive: true, force: true });
					},
				} as WcInstance;
				return Promise.resolve(instance);
			},
		},
	};
	return { api, state };
}
