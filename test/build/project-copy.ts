// A fresh copy of the project's sources, as a new clone has them (no dist/, no recordings), and
// `npm start` run in it, for the build tests. The copy lives in this clone's ignored `.cache/` so
// that it finds the clone's node_modules by walking up, as Node and Vite resolve packages (a
// symlinked node_modules confuses Astro's compiler).
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { siteSources } from '../../scripts/site-sources.mjs';
import { freePort } from '../../src/lib/scenario/node-host.ts';
import { astroEnvironment } from '../helpers/astro-env.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface ProjectCopy {
	/** The copy's folder. */
	dir: string;
	remove(): void;
}

export function copyProject(): ProjectCopy {
	mkdirSync(join(root, '.cache'), { recursive: true });
	const dir = mkdtempSync(join(root, '.cache', 'build-test-'));
	// mkdtemp makes it private (0700); run as root, the CGI server hands scripts to `nobody`, as
	// Python's does, and they must be able to reach their files as they can in a clone.
	chmodSync(dir, 0o755);
	const files = [
		...siteSources(root),
		'package.json',
		'scripts/start.mjs',
		'scripts/site-sources.mjs',
	];
	for (const file of files) {
		mkdirSync(dirname(join(dir, file)), { recursive: true });
		copyFileSync(join(root, file), join(dir, file));
	}
	return {
		dir,
		remove: () => rmSync(dir, { recursive: true, force: true }),
	};
}

export interface Started {
	/** `http://127.0.0.1:PORT`: the port and host `npm start` was given. */
	origin: string;
	/** Everything it printed so far. */
	output(): string;
	/** Ctrl+C, as a terminal sends it to the whole process group; resolves with the exit code. */
	interrupt(): Promise<number | null>;
}

/** `npm start -- --port P --host 127.0.0.1` in the copy; resolves once it serves `/`. */
export async function npmStart(copy: ProjectCopy): Promise<Started> {
	const port = await freePort();
	// Recordings go where a clone keeps them, the copy's own node_modules/.cache: empty at first, so
	// the first build records every snippet (a BOOK_TRANSCRIPTS_DIR of the caller's would not be).
	const env = astroEnvironment();
	delete env['BOOK_TRANSCRIPTS_DIR'];
	const child = spawn(
		process.execPath,
		['scripts/start.mjs', '--port', String(port), '--host', '127.0.0.1'],
		{
			cwd: copy.dir,
			env,
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	);
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk));
	child.stderr.on('data', (chunk: Buffer) => (output += chunk));
	const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
	const started: Started = {
		origin: `http://127.0.0.1:${port}`,
		output: () => output,
		async interrupt() {
			try {
				process.kill(-child.pid!, 'SIGINT');
			} catch {
				// already gone
			}
			const code = await Promise.race([exited, sleep(10_000).then(() => 'hung' as const)]);
			if (code === 'hung') {
				process.kill(-child.pid!, 'SIGKILL');
				throw new Error(`npm start did not stop on Ctrl+C:\n${output}`);
			}
			return code;
		},
	};
	for (const until = Date.now() + 200_000; ; await sleep(250)) {
		if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
		if (Date.now() > until) {
			await started.interrupt();
			throw new Error(`npm start never served ${started.origin}/:\n${output}`);
		}
		const res = await fetch(`${started.origin}/`).catch(() => undefined);
		if (res?.ok) return started;
	}
}
