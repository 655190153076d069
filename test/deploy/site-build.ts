// The two builds the deploy tests look at: one at the origin root, one under a base path with a site
// URL (as on GitHub Pages). Each is built at most once per source state: the build is stamped with a
// hash of its inputs, and a lock keeps test files running in parallel from building at the same time.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

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
	const stamp = `${inputsHash()} ${base} ${site ?? ''}`;
	const stampFile = join(serveDir, '.stamp');
	const fresh = () => existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp;
	if (fresh()) return build;
	await withLock(async () => {
		if (fresh()) return;
		rmSync(serveDir, { recursive: true, force: true });
		await astroBuild(build.dist, {
			BASE_PATH: base === '/' ? '' : base.slice(0, -1),
			SITE_URL: site ?? '',
		});
		writeFileSync(stampFile, stamp);
	});
	return build;
}

function astroBuild(outDir: string, env: Record<string, string>): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = spawn(
			process.execPath,
			[join(root, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', outDir],
			{
				cwd: root,
				env: { ...buildEnvironment(), ...env },
				stdio: ['ignore', 'pipe', 'pipe'],
			},
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

/**
 * The environment without what Vitest adds to it: Astro reads `BASE_URL`, `SITE`, `NODE_ENV` and
 * friends from there, and would build a test-mode site at the wrong base.
 */
function buildEnvironment(): NodeJS.ProcessEnv {
	const env = { ...process.env };
	for (const key of [
		'TEST',
		'NODE_ENV',
		'BASE_URL',
		'MODE',
		'DEV',
		'PROD',
		'SSR',
		'SITE',
		'ASSETS_PREFIX',
	])
		delete env[key];
	for (const key of Object.keys(env)) if (key.startsWith('VITEST')) delete env[key];
	return env;
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

/** Hash of every file the build reads from the project (not node_modules). */
function inputsHash(): string {
	const hash = createHash('sha256');
	const files = [
		'astro.config.mjs',
		'package-lock.json',
		'tsconfig.json',
		'test/deploy/site-build.ts',
	];
	for (const dir of ['src', 'public', 'snippets'])
		files.push(...walk(join(root, dir)).map((f) => relative(root, f)));
	for (const file of files.sort()) {
		if (!existsSync(join(root, file))) continue;
		hash
			.update(`${file}\0`)
			.update(readFileSync(join(root, file)))
			.update('\0');
	}
	return hash.digest('hex').slice(0, 16);
}

function walk(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		return entry.isDirectory() ? walk(path) : [path];
	});
}
