// `npm start`: the whole book as it is deployed, with search and the local runtime. Builds `dist/`
// when its sources changed since the last `npm start` (scripts/site-sources.mjs says what they are),
// then serves it with `astro preview`, which gets every argument: `npm start -- --port 8080 --host 0.0.0.0`.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourcesHash } from './site-sources.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
// Found as Node finds packages, so a project whose node_modules sits in a parent folder works too.
const astro = join(
	dirname(createRequire(import.meta.url).resolve('astro/package.json')),
	'bin',
	'astro.mjs',
);
const dist = join(root, 'dist');
const builtPage = join(dist, 'index.html');
/**
 * What the last build of `npm start` was made from, and the page it wrote (see `isFresh`). In the
 * clone's `.astro/` (Astro's own caches), so that a copy of the project never reads another's.
 */
const stampFile = join(root, '.astro', 'web-book-start.json');

const say = (line) => console.log(`[npm start] ${line}`);

/**
 * Fresh when the sources hash the same as at our last build and `dist/` is still that build: a
 * `npm run build` in between (perhaps with another BASE_PATH) rewrites dist/index.html.
 */
function isFresh(hash) {
	if (!existsSync(builtPage) || !existsSync(stampFile)) return false;
	try {
		const stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
		return stamp.sources === hash && stamp.page === statSync(builtPage).mtimeMs;
	} catch {
		return false;
	}
}

/** Runs astro with the terminal attached; resolves with its exit code, passing Ctrl+C on to it. */
function runAstro(args) {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, [astro, ...args], { cwd: root, stdio: 'inherit' });
		// The terminal sends Ctrl+C to astro too; this only keeps us alive until astro has finished.
		const forward = (signal) => () => child.kill(signal);
		const onInt = forward('SIGINT');
		const onTerm = forward('SIGTERM');
		process.on('SIGINT', onInt);
		process.on('SIGTERM', onTerm);
		child.on('error', (error) => {
			console.error(error);
			resolve(1);
		});
		child.on('exit', (code, signal) => {
			process.off('SIGINT', onInt);
			process.off('SIGTERM', onTerm);
			resolve(code ?? (signal ? 128 : 1));
		});
	});
}

/** A preview server of this clone that is still running (Astro's lock file), if any. */
function runningPreview() {
	try {
		const lock = JSON.parse(readFileSync(join(root, '.astro', 'preview.json'), 'utf8'));
		process.kill(lock.pid, 0);
		// A stale lock's process id may belong to another program by now.
		const command = `/proc/${lock.pid}/cmdline`;
		if (existsSync(command) && !readFileSync(command, 'utf8').includes('astro')) return undefined;
		return lock;
	} catch {
		return undefined;
	}
}

const running = runningPreview();
if (running) {
	// Rebuilding dist/ under a running server would break the pages it is serving.
	console.error(
		`[npm start] the book is already being served at ${running.url} (pid ${running.pid}); stop it first (Ctrl+C in its terminal, or npx astro preview stop).`,
	);
	process.exit(1);
}

const started = Date.now();
const hash = sourcesHash(root);
if (isFresh(hash)) {
	say('dist/ is up to date with the sources: serving it');
} else {
	say(
		existsSync(builtPage)
			? 'the sources changed since the last build: building the book (search index included)…'
			: 'building the book (search index included); the first build also records every snippet…',
	);
	const code = await runAstro(['build']);
	if (code !== 0) {
		console.error(`[npm start] the build failed (exit code ${code}); nothing is served.`);
		process.exit(code);
	}
	mkdirSync(join(stampFile, '..'), { recursive: true });
	writeFileSync(
		stampFile,
		JSON.stringify({ sources: hash, page: statSync(builtPage).mtimeMs, builtAt: new Date() }),
	);
	say(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
process.exit(await runAstro(['preview', ...process.argv.slice(2)]));
