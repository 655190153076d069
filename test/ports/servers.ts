// Starting and stopping the servers under test: our Node ports (always on the snippet Node, v20)
// and CPython's originals. Every process started here is tracked so afterAll can stop it.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pythonBinary, snippetNode } from '../../src/lib/process/snippet-node';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const HTTP_SERVER_ENTRY = path.join(PROJECT_ROOT, 'snippets/_shared/http-server.mjs');
export const FIXTURES = path.join(PROJECT_ROOT, 'test/ports/fixtures');

export interface ServerProcess {
	port: number;
	/** The first line the server printed (its banner). */
	banner: string;
	proc: ChildProcess;
	stdout(): string;
	stderr(): string;
	stop(): Promise<void>;
}

interface StartOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	timeoutMs?: number;
	/** Start the server as the leader of its own process group (so a test can kill the group). */
	detached?: boolean;
	/** Node options before the entry file (e.g. `--import` a preload); our ports only. */
	nodeArgs?: string[];
	/** Arguments after a fixture's file name. */
	args?: string[];
}

const running = new Set<ServerProcess>();

/** Spawns a server and waits (bounded) until it prints a banner containing `port N`. */
export function startServer(
	command: string,
	args: string[],
	{ cwd, env, timeoutMs = 15_000, detached = false }: StartOptions = {},
): Promise<ServerProcess> {
	const proc = spawn(command, args, {
		...(cwd ? { cwd } : {}),
		env: env ?? process.env,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached,
	});
	let out = '';
	let err = '';
	proc.stdout?.setEncoding('utf8').on('data', (text: string) => (out += text));
	proc.stderr?.setEncoding('latin1').on('data', (text: string) => (err += text));
	const server: ServerProcess = {
		port: 0,
		banner: '',
		proc,
		stdout: () => out,
		stderr: () => err,
		stop: () => stopProcess(server),
	};
	running.add(server);
	return new Promise((resolve, reject) => {
		const fail = (why: string) => {
			clearTimeout(timer);
			void stopProcess(server);
			reject(new Error(`${command} ${args.join(' ')}: ${why}\nstdout: ${out}\nstderr: ${err}`));
		};
		const timer = setTimeout(() => fail('no banner in time'), timeoutMs);
		const early = (code: number | null) => fail(`exited early with code ${code}`);
		proc.once('exit', early);
		const onBanner = () => {
			const match = /port (\d+)/.exec(out);
			if (!match?.[1]) return;
			clearTimeout(timer);
			proc.off('exit', early);
			proc.stdout?.off('data', onBanner);
			server.port = Number(match[1]);
			server.banner = out.split('\n')[0] ?? '';
			resolve(server);
		};
		proc.stdout?.on('data', onBanner);
	});
}

async function stopProcess(server: ServerProcess): Promise<void> {
	running.delete(server);
	const { proc } = server;
	if (proc.exitCode !== null || proc.signalCode !== null) return;
	const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
	proc.kill('SIGTERM');
	const timer = setTimeout(() => proc.kill('SIGKILL'), 3000);
	await exited;
	clearTimeout(timer);
}

/** Stops every server started by this module (for afterAll/afterEach). */
export async function stopAll(): Promise<void> {
	await Promise.all([...running].map((server) => server.stop()));
}

/** Our http.server port on the snippet Node: `node http-server.mjs ...args`. */
export function startOurHttpServer(
	args: string[],
	options: StartOptions = {},
): Promise<ServerProcess> {
	return startServer(
		snippetNode(),
		[...(options.nodeArgs ?? []), HTTP_SERVER_ENTRY, ...args],
		options,
	);
}

/** CPython's `python3 -u -m http.server ...args` (-u so the banner is not stuck in a pipe buffer). */
export function startPythonHttpServer(
	args: string[],
	options: StartOptions = {},
): Promise<ServerProcess> {
	return startServer(pythonBinary(), ['-u', '-m', 'http.server', ...args], options);
}

/** A fixture program under test/ports/fixtures, run by the snippet Node or by Python. */
export function startFixture(file: string, options: StartOptions = {}): Promise<ServerProcess> {
	const full = path.join(FIXTURES, file);
	return file.endsWith('.py')
		? startServer(pythonBinary(), ['-u', full, ...(options.args ?? [])], options)
		: startServer(
				snippetNode(),
				[...(options.nodeArgs ?? []), full, ...(options.args ?? [])],
				options,
			);
}

/** Waits until `predicate` holds, polling, for at most `timeoutMs`. */
export async function waitUntil(predicate: () => boolean, timeoutMs = 5000): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (predicate()) return true;
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
	return predicate();
}
