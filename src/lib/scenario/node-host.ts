// The scenario host for real Node on this machine: snippets run from their own folders as child
// processes (Node 20 for snippets, python3 for their Python code) on loopback ports.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pythonBinary, snippetNode } from '../process/snippet-node.ts';
import type { ProcessExit, ScenarioHost, ScenarioProcess } from './host.ts';

/** Every child still alive, so that an interrupted test run does not leave servers behind. */
const alive = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook() {
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	process.once('exit', () => {
		for (const child of alive) killTree(child, 'SIGKILL');
	});
}

function killTree(child: ChildProcess, signal: NodeJS.Signals) {
	if (child.pid === undefined) return;
	try {
		// Children are started as process-group leaders, so this reaches their own children too.
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {
			// already gone
		}
	}
}

export interface NodeHostOptions {
	/** The folder that holds `snippets/<id>/`. @default `<cwd>/snippets` */
	snippetsDir?: string;
}

export function createNodeHost(options: NodeHostOptions = {}): ScenarioHost {
	const snippetsDir = options.snippetsDir ?? join(process.cwd(), 'snippets');
	installExitHook();
	return {
		allocatePort: () => freePort(),
		async spawn(argv, { snippetId, env }) {
			const [program = 'node', ...args] = argv;
			const binary =
				program === 'node' ? snippetNode() : program === 'python3' ? pythonBinary() : program;
			const child = spawn(binary, args, {
				cwd: join(snippetsDir, snippetId),
				env: {
					PATH: process.env['PATH'] ?? '/usr/bin:/bin',
					HOME: process.env['HOME'] ?? '/tmp',
					LANG: 'C.UTF-8',
					// Python buffers stdout when it is a pipe; readers see lines as they come.
					PYTHONUNBUFFERED: '1',
					PYTHONIOENCODING: 'utf-8',
					PYTHONDONTWRITEBYTECODE: '1',
					...env,
				},
				detached: true,
				stdio: ['pipe', 'pipe', 'pipe'],
			});
			alive.add(child);
			const listeners: Array<(text: string) => void> = [];
			const decoderOut = new TextDecoder();
			const decoderErr = new TextDecoder();
			const emit = (text: string) => {
				for (const l of listeners) l(text);
			};
			child.stdout?.on('data', (chunk: Buffer) => emit(decoderOut.decode(chunk, { stream: true })));
			child.stderr?.on('data', (chunk: Buffer) => emit(decoderErr.decode(chunk, { stream: true })));
			// A reader's script may exit without reading stdin; writing then must not crash the runner.
			child.stdin?.on('error', () => {});
			const exited = new Promise<ProcessExit>((resolve) => {
				child.once('error', (error) => {
					emit(`${error.message}\n`);
					alive.delete(child);
					resolve({ code: 127, signal: null });
				});
				child.once('close', (code, signal) => {
					alive.delete(child);
					resolve({ code, signal });
				});
			});
			const proc: ScenarioProcess = {
				onOutput: (listener) => listeners.push(listener),
				write: (text) => {
					child.stdin?.write(text);
				},
				end: () => {
					child.stdin?.end();
				},
				async kill() {
					if (!alive.has(child)) return;
					killTree(child, 'SIGTERM');
					const gone = await Promise.race([exited.then(() => true), delay(1000).then(() => false)]);
					if (!gone) {
						killTree(child, 'SIGKILL');
						await exited;
					}
				},
				exited,
			};
			return proc;
		},
		async waitForPort(port, timeoutMs) {
			const until = Date.now() + timeoutMs;
			while (Date.now() < until) {
				if (await canConnect(port)) return true;
				await delay(40);
			}
			return false;
		},
		request: (port, raw, timeoutMs) => rawExchange(port, raw, timeoutMs),
		async runtimeVersion(variant) {
			const binary = variant === 'python' ? pythonBinary() : snippetNode();
			const { stdout, stderr } = await promisify(execFile)(binary, ['--version']);
			return (stdout || stderr).trim();
		},
	};
}

/** Asks the OS for a free loopback port. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

function canConnect(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect({ port, host: '127.0.0.1' });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

/** Sends raw text and collects the whole reply until the server closes (or the timeout passes). */
export function rawExchange(port: number, raw: string, timeoutMs: number): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		const socket = connect({ port, host: '127.0.0.1' });
		const timer = setTimeout(() => {
			socket.destroy();
			if (chunks.length) resolve(Buffer.concat(chunks).toString('utf8'));
			else reject(new Error(`no response within ${timeoutMs} ms`));
		}, timeoutMs);
		socket.on('data', (chunk: Buffer) => chunks.push(chunk));
		socket.once('connect', () => socket.write(raw, 'utf8'));
		socket.once('error', (error) => {
			clearTimeout(timer);
			// A server may reset the connection right after answering; what arrived still counts.
			if (chunks.length) resolve(Buffer.concat(chunks).toString('utf8'));
			else reject(error);
		});
		socket.once('close', () => {
			clearTimeout(timer);
			resolve(Buffer.concat(chunks).toString('utf8'));
		});
	});
}

function delay(ms: number) {
	return new Promise<void>((resolve) => setTimeout(resolve, ms));
}
