// What the site is built from, and one hash of it: `npm start` rebuilds only when this hash changes,
// and the tests reuse their builds the same way. Plain JS so that scripts run it without a compiler.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * Folders whose every file can change the built site: chapters, components, runner, snippets, the
 * exercises the chapters embed, the committed Python transcripts the pages show, static files.
 */
export const SOURCE_DIRS = ['src', 'public', 'snippets', 'exercises', 'transcripts'];

/**
 * Single files the build reads: the Astro config, TypeScript's config (Astro compiles with it), the
 * lock file (a dependency update changes Starlight, Astro or the runner's libraries) and the `.env`
 * files Vite reads for a production build (`PUBLIC_WEBCONTAINER_CLIENT_ID`, see `.env.example`).
 */
export const SOURCE_FILES = [
	'astro.config.mjs',
	'tsconfig.json',
	'package-lock.json',
	'.env',
	'.env.local',
	'.env.production',
	'.env.production.local',
];

/**
 * Environment variables that change the output (see README, "배포하기"), so a build for one base
 * path is never served as another's; every `PUBLIC_*` variable counts too, since pages may read it.
 */
export const SOURCE_ENV = ['BASE_PATH', 'SITE_URL'];
const PUBLIC_ENV = /^PUBLIC_/;

/** What running snippets or editing leaves in source folders without changing the site. */
const NOT_SOURCE = /^(__pycache__|\.DS_Store|.*\.pyc|.*~|\..*\.swp)$/;

/** Every source file, relative to `root` with `/` separators, sorted. */
export function siteSources(root) {
	const files = SOURCE_FILES.filter((file) => existsSync(join(root, file)));
	for (const dir of SOURCE_DIRS) {
		for (const path of walk(join(root, dir))) files.push(relative(root, path).split(sep).join('/'));
	}
	return files.sort();
}

/**
 * Hash of every source file's path and bytes, the source variables of `env` (the build's
 * environment) and `extra` (anything else the caller's output depends on).
 */
export function sourcesHash(root, { env = process.env, extra = [] } = {}) {
	const hash = createHash('sha256');
	for (const file of siteSources(root)) {
		hash
			.update(`${file}\0`)
			.update(readFileSync(join(root, file)))
			.update('\0');
	}
	const names = [
		...SOURCE_ENV,
		...Object.keys(env)
			.filter((name) => PUBLIC_ENV.test(name))
			.sort(),
	];
	for (const name of names) hash.update(`${name}=${env[name] ?? ''}\0`);
	for (const text of extra) hash.update(`${text}\0`);
	return hash.digest('hex').slice(0, 16);
}

function walk(dir) {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		if (NOT_SOURCE.test(entry.name)) return [];
		const path = join(dir, entry.name);
		return entry.isDirectory() ? walk(path) : [path];
	});
}
