// Starts `astro preview` or `astro dev` for a test on a free loopback port, waits until it serves a
// page, and stops it with everything it started. A test that forgets to stop it, or a worker that
// dies, still leaves no server behind: the process group is killed when the test process exits.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../src/lib/scenario/node-host.ts';
import { astroEnvironment } from './astro-env.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface AstroServer {
	/** The server's process id; it leads a process group of its own. */
	pid: number;
	/** `http://127.0.0.1:PORT`, no trailing slash. */
	origin: string;
	/** What the server printed so far (the last 20 000 characters), for failure messages. */
	log(): string;
	/** Stops the server and everything it started; resolves once the process has exited. */
	stop(): Promise<void>;
	/** How the server process ended, once it has. */
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface AstroServerOptions {
	/** `preview` serves a built site (give `outDir`); `dev` compiles pages on request. */
	command: 'preview' | 'dev';
	/** The built site to serve (`preview` only). */
	outDir?: string;
	/** The path that must answer 200 before the server counts as ready. @default '/' */
	readyPath?: string;
	/** Extra environment for the server. */
	env?: Record<string, string>;
	/** What `--host` is given: an address, or `true` for every interface. @default '127.0.0.1' */
	host?: string | true;
}

const running = new Set<number>();
process.once('exit', () => {
	for (const pid of running) killGroup(pid, 'SIGKILL');
});

export async function startAstroServer(options: AstroServerOptions): Promise<AstroServer> {
	const port = await freePort();
	const args = [
		join(root, 'node_modules/astro/bin/astro.mjs'),
		options.command,
		'--port',
		String(port),
		'--host',
		...(options.host === true ? [] : [options.host ?? '127.0.0.1']),
		// Not the project's lock file: a reader's `npm start` in this clone must not stop the tests
		// (or the tests stop it), and Astro must not move the server to the background.
		'--ignore-lock',
		...(options.outDir ? ['--outDir', options.outDir] : []),
	];
	const child = spawn(process.execPath, args, {
		cwd: root,
		env: astroEnvironment(options.env),
		// Its own process group, so stopping it reaches whatever it spawned.
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const pid = child.pid;
	if (pid === undefined) throw new Error(`astro ${options.command} did not start`);
	running.add(pid);
	let log = '';
	const append = (chunk: Buffer) => (log = (log + chunk.toString()).slice(-20_000));
	child.stdout.on('data', append);
	child.stderr.on('data', append);
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
		child.once('exit', (code, signal) => done({ code, signal })),
	);
	let stopping: Promise<void> | undefined;

	const server: AstroServer = {
		pid,
		origin: `http://127.0.0.1:${port}`,
		log: () => log,
		exited,
		stop() {
			stopping ??= (async () => {
				if (child.exitCode === null && child.signalCode === null) {
					killGroup(pid, 'SIGTERM');
					await Promise.race([exited, sleep(5000)]);
				}
				// Anything of the group still there (the server, or a child that ignored SIGTERM).
				killGroup(pid, 'SIGKILL');
				await exited;
				running.delete(pid);
			})();
			return stopping;
		},
	};

	const readyUrl = server.origin + (options.readyPath ?? '/');
	const until = Date.now() + 90_000;
	let last = 'no answer yet';
	for (;;) {
		if (child.exitCode !== null || child.signalCode !== null) {
			running.delete(pid);
			throw new Error(`astro ${options.command} exited before serving ${readyUrl}:\n${log}`);
		}
		try {
			const res = await fetch(readyUrl);
			if (res.ok) return server;
			last = `HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`;
		} catch (error) {
			last = String((error as Error).cause ?? error);
		}
		if (Date.now() > until) {
			await server.stop();
			throw new Error(`astro ${options.command} did not serve ${readyUrl} (${last}):\n${log}`);
		}
		await sleep(200);
	}
}

function killGroup(pid: number, signal: NodeJS.Signals) {
	try {
		process.kill(-pid, signal);
	} catch {
		// Already gone.
	}
}
