// The built book the deploy and browser tests look at: one build at the origin root, one under a
// base path with a site URL (as on GitHub Pages). Each is built at most once per source state
// (scripts/site-sources.mjs): the build is stamped with a hash of its sources, and a lock keeps test
// files that run in parallel from building at the same time.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { sourcesHash } from '../../scripts/site-sources.mjs';
import { astroEnvironment } from './astro-env.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cacheDir = join(root, 'node_modules', '.cache', 'web-book', 'deploy');
const lockDir = join(cacheDir, 'build.lock');

export interface SiteBuild {
	/** The folder a static server must serve at its root (the base path is a folder inside it). */
	serveDir: string;
	/** The folder Astro wrote (`dist/` of this build). */
	dist: string;
	/** Base path with both slashes, e.g. `/` or `/book/`. */
	base: string;
	/** The configured site URL, if any. */
	site: string | undefined;
}

const variants = {
	root: { base: '/', site: undefined },
	book: { base: '/book/', site: 'https://reader.example' },
} as const;

export type Variant = keyof typeof variants;

/** Builds (or reuses) the variant and returns where it is. */
export async function siteBuild(variant: Variant): Promise<SiteBuild> {
	const { base, site } = variants[variant];
	const serveDir = join(cacheDir, variant);
	const build: SiteBuild = { serveDir, dist: join(serveDir, base), base, site };
	const env = { BASE_PATH: base === '/' ? '' : base.slice(0, -1), SITE_URL: site ?? '' };
	// This file's own text is part of the stamp: a change to how tests build rebuilds.
	const stamp = sourcesHash(root, {
		env: { ...process.env, ...env },
		extra: [readFileSync(fileURLToPath(import.meta.url), 'utf8')],
	});
	const stampFile = join(serveDir, '.stamp');
	const fresh = () => existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp;
	if (fresh()) return build;
	await withLock(async () => {
		if (fresh()) return;
		rmSync(serveDir, { recursive: true, force: true });
		await astroBuild(build.dist, env);
		writeFileSync(stampFile, stamp);
	});
	return build;
}

function astroBuild(outDir: string, env: Record<string, string>): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = spawn(
			process.execPath,
			[join(root, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', outDir],
			{ cwd: root, env: astroEnvironment(env), stdio: ['ignore', 'pipe', 'pipe'] },
		);
		let log = '';
		child.stdout.on('data', (chunk: Buffer) => (log += chunk));
		child.stderr.on('data', (chunk: Buffer) => (log += chunk));
		const timer = setTimeout(() => child.kill('SIGKILL'), 150_000);
		child.on('error', reject);
		child.on('close', (code) => {
			clearTimeout(timer);
			if (code === 0) resolve();
			else
				reject(
					new Error(
						`astro build (${JSON.stringify(env)}) exited with ${code}:\n${log.slice(-4000)}`,
					),
				);
		});
	});
}

/** `mkdir` is atomic: whoever creates the lock folder builds; the others wait for it to go away. */
async function withLock(work: () => Promise<void>) {
	mkdirSync(cacheDir, { recursive: true });
	const deadline = Date.now() + 170_000;
	for (;;) {
		try {
			mkdirSync(lockDir);
			break;
		} catch {
			// A lock left by a killed run would block forever; no build takes three minutes.
			const lock = statSync(lockDir, { throwIfNoEntry: false });
			if (lock && Date.now() - lock.mtimeMs > 180_000)
				rmSync(lockDir, { force: true, recursive: true });
			if (Date.now() > deadline) throw new Error(`gave up waiting for ${lockDir}`);
			await sleep(250);
		}
	}
	try {
		await work();
	} finally {
		rmSync(lockDir, { recursive: true, force: true });
	}
}
