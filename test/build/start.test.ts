// `npm start` end to end, in a copy of the project (so this clone's dist/ is left alone): it builds
// when the sources changed, then serves the book as deployed (search, local runtime) with the
// arguments given to it, stops on Ctrl+C, and serves the last build at once when nothing changed.
import { spawn } from 'node:child_process';
import {
	appendFileSync,
	copyFileSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteSources } from '../../scripts/site-sources.mjs';
import { transcriptsDir } from '../../src/lib/recording/store.ts';
import { freePort } from '../../src/lib/scenario/node-host.ts';
import { astroEnvironment } from '../helpers/astro-env.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
// Inside this clone's ignored `.cache/`, so the copy finds the clone's node_modules by walking up,
// as Node and Vite resolve packages (a symlinked node_modules confuses Astro's compiler).
mkdirSync(join(root, '.cache'), { recursive: true });
const copy = mkdtempSync(join(root, '.cache', 'start-test-'));
/** The clone's recordings: the copy reuses them instead of running every snippet again. */
const transcripts = transcriptsDir(root);
const CHAPTER = 'src/content/docs/01-web/01-clients-and-messages.mdx';

interface Started {
	origin: string;
	output(): string;
	/** Ctrl+C, as a terminal sends it to the whole process group; resolves with the exit code. */
	interrupt(): Promise<number | null>;
}

/** `node scripts/start.mjs ARGS` in the copy, as `npm start -- ARGS` runs it; resolves once it serves. */
async function npmStart(): Promise<Started> {
	const port = await freePort();
	const child = spawn(
		process.execPath,
		['scripts/start.mjs', '--port', String(port), '--host', '127.0.0.1'],
		{
			cwd: copy,
			env: astroEnvironment({ BOOK_TRANSCRIPTS_DIR: transcripts }),
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	);
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk));
	child.stderr.on('data', (chunk: Buffer) => (output += chunk));
	const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
	const origin = `http://127.0.0.1:${port}`;
	const started: Started = {
		origin,
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
	for (const until = Date.now() + 180_000; ; await sleep(250)) {
		if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
		if (Date.now() > until) {
			await started.interrupt();
			throw new Error(`npm start never served ${origin}/:\n${output}`);
		}
		const res = await fetch(`${origin}/`).catch(() => undefined);
		if (res?.ok) return started;
	}
}

beforeAll(() => {
	for (const file of [
		...siteSources(root),
		'package.json',
		'scripts/start.mjs',
		'scripts/site-sources.mjs',
	]) {
		mkdirSync(dirname(join(copy, file)), { recursive: true });
		copyFileSync(join(root, file), join(copy, file));
	}
});
afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe('npm start', () => {
	let first: Started;
	beforeAll(async () => {
		first = await npmStart();
	}, 240_000);

	it('builds a clone that has no build, saying so, with the recording summary', () => {
		expect(first.output()).toContain('[npm start] building the book');
		expect(first.output()).toMatch(/\d+ snippets: ran \d+/);
		expect(first.output()).toMatch(/\[npm start\] built in \d+\.\d s/);
	});

	it('serves the book on the port and host given, with the search index and the local runtime', async () => {
		expect(first.output()).toContain(`${first.origin}/`);
		const page = await fetch(`${first.origin}/01-web/01-clients-and-messages/`);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('<code-snippet');
		expect((await fetch(`${first.origin}/pagefind/pagefind.js`)).status).toBe(200);
		const probe = await fetch(`${first.origin}/__runner/probe`);
		expect(await probe.json()).toMatchObject({ runner: 'local' });
	});

	it('stops on Ctrl+C', async () => {
		await first.interrupt();
		await expect(fetch(`${first.origin}/`)).rejects.toThrow();
	});

	it('serves the last build at once when no source changed', async () => {
		const again = await npmStart();
		try {
			expect(again.output()).toContain('[npm start] dist/ is up to date with the sources');
			expect(again.output()).not.toContain('[build]');
		} finally {
			await again.interrupt();
		}
	}, 60_000);

	it('rebuilds when a chapter changed, and serves the new text', async () => {
		appendFileSync(join(copy, CHAPTER), '\n\n방금 덧붙인 문장입니다.\n');
		const edited = await npmStart();
		try {
			expect(edited.output()).toContain('[npm start] the sources changed since the last build');
			const html = await (await fetch(`${edited.origin}/01-web/01-clients-and-messages/`)).text();
			expect(html).toContain('방금 덧붙인 문장입니다.');
			expect(readFileSync(join(copy, 'dist', 'index.html'), 'utf8')).toContain('<html');
		} finally {
			await edited.interrupt();
		}
	}, 240_000);
});
