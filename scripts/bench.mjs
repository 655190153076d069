// `npm run bench`: prints the figures the README's performance budgets are about. It measures; it
// does not pass or fail (each figure says whether its budget is met).
//   --skip-tests   leave out the test suite's wall time (it runs `npm test`, several minutes)
//   --runs N       Run → first output samples per snippet (default 10)
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromiumArgs, chromiumPath } from '../test/helpers/chromium.mjs';
import { runnerMemory } from './bench-runner-memory.mjs';
import { measureStopGrace } from './stop-grace.mjs';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const skipTests = args.includes('--skip-tests');
const runs = Number(args[args.indexOf('--runs') + 1]) || 10;
const chromePath = chromiumPath;
const chromeFlags = ['--headless=new', ...chromiumArgs];

/** Three chapter pages with snippets: the first chapter, a middle one, a server one (first that exist). */
const candidates = [
	'01-web/01-clients-and-messages',
	'01-web/07-cgi-and-alternatives',
	'01-web/03-status-codes',
	'03-server/02-simple-http-server',
	'04-cgi-wsgi/03-wsgiref',
	'02-client/02-urlopen',
];
const chapters = candidates
	.filter((slug) => existsSync(join(root, 'src/content/docs', `${slug}.mdx`)))
	.slice(0, 3);

const work = mkdtempSync(join(tmpdir(), 'book-bench-'));
const outDir = join(work, 'dist');
const plainDir = join(root, 'src/content/docs/zz-bench-plain');
const results = {};
const budgets = [];

function budget(name, met, detail) {
	budgets.push({ name, met, detail });
}

try {
	// ---- 6. Stop: how long the book's servers take to end after SIGTERM ----
	results.stopGrace = await measureStopGrace();
	const slowest = Math.max(...results.stopGrace.map((r) => r.ms ?? Infinity));
	budget(
		'every server ends within the WebContainer Stop grace (3 s)',
		slowest <= 3000,
		`slowest ${slowest} ms`,
	);

	writePlainPages();

	// ---- 4. Build time, cold and warm ----
	const transcripts = join(work, 'transcripts');
	const cold = await timed(() =>
		astro(['build', '--outDir', outDir], { BOOK_TRANSCRIPTS_DIR: transcripts }),
	);
	const warm = await timed(() =>
		astro(['build', '--outDir', outDir], { BOOK_TRANSCRIPTS_DIR: transcripts }),
	);
	// The twins are built; remove them before anything else (the test suite) reads the content folder.
	rmSync(plainDir, { recursive: true, force: true });
	const ranCold = /snippets: ran (\d+)/.exec(cold.value)?.[1];
	const ranWarm = /snippets: ran (\d+)/.exec(warm.value)?.[1];
	results.build = {
		coldSeconds: round(cold.ms / 1000),
		warmSeconds: round(warm.ms / 1000),
		snippetsRunCold: Number(ranCold),
		snippetsRunWarm: Number(ranWarm),
	};
	budget('warm build re-runs 0 snippets', Number(ranWarm) === 0, `re-ran ${ranWarm}`);
	budget('cold build ≤ 30 s', cold.ms <= 30_000, `${round(cold.ms / 1000)} s`);

	// ---- 1. Bytes before interaction ----
	results.bytes = [];
	for (const slug of chapters) {
		const chapter = pageWeight(slug);
		const plain = pageWeight(`zz-bench-plain/${slug.replaceAll('/', '--')}`);
		const ratio = chapter.total / plain.total;
		results.bytes.push({ page: slug, ...chapter, plainTotal: plain.total, ratio: round(ratio, 3) });
		budget(`${slug}: JS+CSS ≤ 1.2× plain Starlight`, ratio <= 1.2, `${round(ratio, 3)}×`);
		budget(
			`${slug}: runner JS before interaction = 0`,
			chapter.runnerBytes === 0,
			`${chapter.runnerBytes} B`,
		);
	}

	// ---- 2. Lighthouse (astro preview sends COOP/COEP) and 3. Run → first output ----
	const port = await freePort();
	const preview = spawn(
		process.execPath,
		[
			join(root, 'node_modules/astro/bin/astro.mjs'),
			'preview',
			'--outDir',
			outDir,
			'--port',
			String(port),
			'--host',
			'127.0.0.1',
		],
		{
			cwd: root,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		},
	);
	try {
		let previewLog = '';
		preview.stdout.on('data', (c) => (previewLog += c));
		preview.stderr.on('data', (c) => (previewLog += c));
		await waitForHttp(`http://127.0.0.1:${port}/`, 30_000).catch((error) => {
			// Astro allows one preview server per project; say so instead of a bare timeout.
			throw new Error(`${error.message}\n--- astro preview said ---\n${previewLog}`);
		});
		results.lighthouse = [];
		for (const slug of chapters) {
			const scores = await lighthouse(`http://127.0.0.1:${port}/${slug}/`);
			results.lighthouse.push({ page: slug, ...scores });
			budget(
				`${slug}: Lighthouse performance ≥ 98`,
				scores.performance >= 98,
				String(scores.performance),
			);
			budget(
				`${slug}: Lighthouse accessibility = 100`,
				scores.accessibility === 100,
				String(scores.accessibility),
			);
		}
		results.runToOutput = await runToFirstOutput(`http://127.0.0.1:${port}`);
		for (const r of results.runToOutput) {
			if (r.medianMs !== undefined)
				budget(`Run → first output (${r.snippet}) ≤ 150 ms`, r.medianMs <= 150, `${r.medianMs} ms`);
		}
		// ---- 3b. The workbench: Run → first output against a cold `node <file>`, Run → output in view ----
		results.workbench = await workbenchFigures(`http://127.0.0.1:${port}`);
		const wb = results.workbench;
		if (wb.ratio !== undefined)
			budget(
				'Run → first output ≤ 1.5× a cold `node <file>` (url-anatomy)',
				wb.ratio <= 1.5,
				`${wb.runMs} ms vs ${wb.coldNodeMs} ms, ${wb.ratio}×`,
			);
		for (const v of wb.inView)
			if (v.medianMs !== undefined)
				budget(
					`Run → output ≥ 100 px on screen ≤ 300 ms (${v.snippet}, ${v.screen})`,
					v.medianMs <= 300,
					`${v.medianMs} ms`,
				);
		// ---- 6. The local runtime's memory with 24 processes printing at full speed ----
		results.runnerMemory = await runnerMemory(port, preview.pid);
		const growth =
			Math.max(results.runnerMemory.reading.peakMiB, results.runnerMemory.notReading.peakMiB) -
			results.runnerMemory.idleMiB;
		budget(
			'server memory with 24 full-speed printers: peak ≤ idle + 128 MiB',
			growth <= 128,
			`+${growth} MiB`,
		);
	} finally {
		try {
			process.kill(-preview.pid, 'SIGTERM');
		} catch {}
	}

	// ---- 5. Test suite wall time ----
	if (!skipTests) {
		const t = await timed(() =>
			run('npm', ['test'], {}, 20 * 60_000).then(
				() => 'passed',
				(error) => `FAILED (${String(error.message).split('\n')[0]})`,
			),
		);
		results.testSeconds = round(t.ms / 1000);
		results.testOutcome = t.value;
		budget('npm test ≤ 10 minutes', t.ms <= 600_000, `${round(t.ms / 1000)} s, ${t.value}`);
	}
} finally {
	rmSync(plainDir, { recursive: true, force: true });
	rmSync(work, { recursive: true, force: true });
}

report();
await import('./bench-ports.mjs'); // the http.server port beside CPython (load, floods, memory, CGI watcher)

// ---------------------------------------------------------------------------------------------

/** Copies of the measured chapters with the same text but no snippet components, built in the same run. */
function writePlainPages() {
	mkdirSync(plainDir, { recursive: true });
	for (const slug of chapters) {
		const source = readFileSync(join(root, 'src/content/docs', `${slug}.mdx`), 'utf8');
		const plain = source
			.replace(/^import Snippet from .*$/m, '')
			.replace(/<Snippet\b[^>]*\/>/g, '')
			// Relative imports move one folder deeper.
			.replace(/from '\.\.\/\.\.\/\.\.\//g, "from '../../../")
			.replace(/^---\n/, '---\npagefind: false\n');
		const file = join(plainDir, `${slug.replaceAll('/', '--')}.mdx`);
		writeFileSync(file, plain);
	}
}

/** Gzipped bytes of the JS and CSS a page loads before interaction: what its HTML references, and static imports from there. */
function pageWeight(slug) {
	const html = readFileSync(join(outDir, slug, 'index.html'), 'utf8');
	const seen = new Set();
	let js = 0;
	let css = 0;
	let runnerBytes = 0;
	const assetPath = (url) => join(outDir, decodeURI(url.split(/[?#]/)[0]).replace(/^\//, ''));
	const addJs = (file) => {
		if (seen.has(file) || !existsSync(file)) return;
		seen.add(file);
		const text = readFileSync(file, 'utf8');
		const bytes = gzipSync(text).length;
		js += bytes;
		if (isRunnerCode(text)) runnerBytes += bytes;
		// Static imports only: dynamic import() is what runs on interaction.
		for (const m of text.matchAll(
			/(?:^|[;\n}])\s*import\s*(?:[^'"()]*?from\s*)?["']([^"']+)["']/g,
		)) {
			addJs(resolve(dirname(file), m[1]));
		}
	};
	for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
		const src = /\bsrc="([^"]+)"/.exec(m[1])?.[1];
		if (src) addJs(assetPath(src));
		else if (!/type="application\/(ld\+)?json"/.test(m[1])) {
			const bytes = gzipSync(m[2]).length;
			js += bytes;
			if (isRunnerCode(m[2])) runnerBytes += bytes;
			for (const imp of m[2].matchAll(/import\s*(?:[^'"()]*?from\s*)?["']([^"']+)["']/g))
				addJs(assetPath(imp[1]));
		}
	}
	for (const m of html.matchAll(/<link\b[^>]*>/g)) {
		const href = /\bhref="([^"]+)"/.exec(m[0])?.[1];
		if (!href) continue;
		if (/rel="stylesheet"/.test(m[0])) {
			const file = assetPath(href);
			if (!seen.has(file) && existsSync(file)) {
				seen.add(file);
				css += gzipSync(readFileSync(file)).length;
			}
		} else if (/rel="modulepreload"/.test(m[0])) addJs(assetPath(href));
	}
	for (const m of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)) css += gzipSync(m[1]).length;
	return { js, css, total: js + css, runnerBytes };
}

/** Code of the live runner (editor, terminal, runtimes): none of it may load before interaction. */
function isRunnerCode(text) {
	return /EditorView|xterm|WebContainer\.boot|webcontainer-api|codemirror/i.test(text);
}

async function lighthouse(url) {
	const { default: lh } = await import('lighthouse');
	const chromeLauncher = await import('chrome-launcher');
	const chrome = await chromeLauncher.launch({ chromePath, chromeFlags });
	try {
		const result = await lh(url, {
			port: chrome.port,
			output: 'json',
			logLevel: 'error',
			onlyCategories: ['performance', 'accessibility'],
		});
		const c = result.lhr.categories;
		const failing = c.accessibility.auditRefs
			.filter((ref) => ref.weight > 0 && result.lhr.audits[ref.id]?.score !== 1)
			.map((ref) => ref.id);
		return {
			performance: Math.round((c.performance.score ?? 0) * 100),
			accessibility: Math.round((c.accessibility.score ?? 0) * 100),
			...(failing.length ? { failingAccessibilityAudits: failing } : {}),
		};
	} finally {
		await chrome.kill();
	}
}

/** Median time from pressing Run to the first output (client) or the loaded preview (server). */
async function runToFirstOutput(origin) {
	const { chromium } = await import('playwright-core');
	const browser = await chromium.launch({
		executablePath: chromePath,
		args: chromeFlags.filter((f) => f !== '--headless=new'),
	});
	const out = [];
	try {
		for (const [snippet, kind] of [
			['curl', 'client'],
			['example-com', 'server'],
		]) {
			const samples = [];
			let error;
			for (let i = 0; i < runs; i++) {
				const page = await browser.newPage();
				try {
					await page.goto(`${origin}/01-web/01-clients-and-messages/?runtime=local`);
					const shell = page.locator(`#snippet-${snippet}`);
					await shell.hover();
					// Let the intent preload finish, as it would while a reader reads the code.
					await page.waitForTimeout(1500);
					// The page marks Run, the first byte of the program's own output, and each preview load.
					await shell.locator('[data-action=run]').click();
					const done =
						kind === 'server'
							? `web-book:preview-loaded:${snippet}`
							: `web-book:first-output:${snippet}`;
					await page.waitForFunction(
						(name) => performance.getEntriesByName(name).length > 0,
						done,
						{ timeout: 15_000 },
					);
					const t = await page.evaluate(
						({ run, done }) =>
							performance.getEntriesByName(done)[0].startTime -
							performance.getEntriesByName(run)[0].startTime,
						{ run: `web-book:run:${snippet}`, done },
					);
					samples.push(t);
				} catch (e) {
					error = e.message.split('\n')[0];
				} finally {
					await page.close();
				}
			}
			samples.sort((a, b) => a - b);
			out.push({
				snippet,
				kind,
				samples: samples.length,
				medianMs: samples.length ? round(samples[Math.floor(samples.length / 2)]) : undefined,
				...(error ? { error } : {}),
			});
		}
	} finally {
		await browser.close();
	}
	return out;
}

/**
 * The workbench's figures. (1) Run → the program's first output in the page (local runtime, median of
 * `runs`) for a snippet with no services, against the same file started cold with `node <file>` on
 * this machine until its first line, in the same bench run. (2) Run → at least 100 px of the output
 * (a server: of the terminal and of the preview) on screen, at 1280×800 and 390×844, with the
 * snippet placed as a reader who just scrolled to it.
 */
async function workbenchFigures(origin) {
	const snippet = 'url-anatomy';
	const dir = join(root, 'snippets', snippet);
	const file = JSON.parse(readFileSync(join(dir, 'snippet.json'), 'utf8')).files[0];
	const node = snippetNodeBinary();
	const cold = [];
	for (let i = 0; i < runs; i++) cold.push(await firstLine(node, [file], dir));
	const coldNodeMs = median(cold);
	const { chromium } = await import('playwright-core');
	const browser = await chromium.launch({
		executablePath: chromePath,
		args: chromeFlags.filter((f) => f !== '--headless=new'),
	});
	const run = [];
	const inView = [];
	let error;
	try {
		for (let i = 0; i < runs; i++) {
			const page = await browser.newPage();
			try {
				await page.goto(`${origin}/01-web/04-urls/?runtime=local`);
				const shell = page.locator(`#snippet-${snippet}`);
				await shell.hover();
				await page.waitForTimeout(1500);
				await shell.locator('[data-action=run]').click();
				await page.waitForFunction(
					(name) => performance.getEntriesByName(name).length > 0,
					`web-book:first-output:${snippet}`,
					{ timeout: 15_000 },
				);
				run.push(
					await page.evaluate(
						(id) =>
							performance.getEntriesByName(`web-book:first-output:${id}`)[0].startTime -
							performance.getEntriesByName(`web-book:run:${id}`)[0].startTime,
						snippet,
					),
				);
			} catch (e) {
				error = e.message.split('\n')[0];
			} finally {
				await page.close();
			}
		}
		for (const [id, chapter] of [
			['url-anatomy', '01-web/04-urls'],
			['example-com', '01-web/01-clients-and-messages'],
		]) {
			for (const [screen, viewport] of [
				['1280×800', { width: 1280, height: 800 }],
				['390×844', { width: 390, height: 844 }],
			]) {
				const samples = [];
				for (let i = 0; i < Math.min(runs, 5); i++) {
					const page = await browser.newPage({ viewport });
					try {
						await page.goto(`${origin}/${chapter}/?runtime=local`);
						const sel = `#snippet-${id}`;
						await page.evaluate((sel) => {
							const el = document.querySelector(sel);
							scrollTo({ top: scrollY + el.getBoundingClientRect().top - innerHeight * 0.55 });
						}, sel);
						await page.locator(`${sel} .snippet__title`).hover();
						await page.locator(`${sel} .cm-editor`).first().waitFor({ timeout: 20_000 });
						await page.waitForTimeout(1000);
						// Watches every frame from the click on until enough of the output is on screen.
						await page.evaluate((sel) => {
							const w = window;
							w.__inView = undefined;
							const visible = (q) => {
								const el = document.querySelector(q);
								if (!el) return 0;
								const r = el.getBoundingClientRect();
								const top = Math.max(
									r.top,
									document.querySelector('header.header').getBoundingClientRect().bottom,
								);
								return r.height > 0 ? Math.min(r.bottom, innerHeight) - top : 0;
							};
							const server = document.querySelector(sel).dataset.kind !== 'client';
							const tick = (now) => {
								const ok =
									visible(`${sel} .runner__terminal:not([data-standby])`) >= 100 &&
									(!server || visible(`${sel} .runner__frame`) >= 100);
								if (ok) w.__inView = now;
								else requestAnimationFrame(tick);
							};
							document
								.querySelector(`${sel} [data-action=run]`)
								.addEventListener('click', () => requestAnimationFrame(tick), {
									once: true,
									capture: true,
								});
						}, sel);
						await page.locator(`${sel} [data-action=run]`).click();
						await page.waitForFunction(() => window.__inView !== undefined, null, {
							timeout: 10_000,
						});
						samples.push(
							await page.evaluate(
								(id) =>
									window.__inView - performance.getEntriesByName(`web-book:run:${id}`)[0].startTime,
								id,
							),
						);
					} catch (e) {
						error = e.message.split('\n')[0];
					} finally {
						await page.close();
					}
				}
				inView.push({ snippet: id, screen, samples: samples.length, medianMs: median(samples) });
			}
		}
	} finally {
		await browser.close();
	}
	const runMs = median(run);
	return {
		snippet,
		coldNodeMs,
		runMs,
		ratio: runMs !== undefined && coldNodeMs ? round(runMs / coldNodeMs, 2) : undefined,
		samples: run.length,
		inView,
		...(error ? { error } : {}),
	};
}

/** The Node that runs snippets on the local runtime: $SNIPPET_NODE, else the first outside node_modules. */
function snippetNodeBinary() {
	if (process.env.SNIPPET_NODE) return process.env.SNIPPET_NODE;
	for (const dir of (process.env.PATH ?? '').split(':')) {
		if (!dir || dir.split('/').includes('node_modules')) continue;
		if (existsSync(join(dir, 'node'))) return join(dir, 'node');
	}
	return process.execPath;
}

/** Milliseconds from spawning `cmd argv` to its first byte of output. */
function firstLine(cmd, argv, cwd) {
	return new Promise((resolvePromise, reject) => {
		const started = performance.now();
		const child = spawn(cmd, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
		let done = false;
		const finish = () => {
			if (done) return;
			done = true;
			resolvePromise(performance.now() - started);
		};
		child.stdout.once('data', finish);
		child.stderr.once('data', finish);
		child.on('error', reject);
	});
}

function median(values) {
	if (!values.length) return undefined;
	const sorted = [...values].sort((a, b) => a - b);
	return round(sorted[Math.floor(sorted.length / 2)]);
}

function report() {
	const line = (s = '') => console.log(s);
	line('\n== Bytes loaded before interaction (gzip) ==');
	for (const b of results.bytes ?? []) {
		line(
			`${b.page.padEnd(36)} JS ${kb(b.js)}  CSS ${kb(b.css)}  total ${kb(b.total)}  plain Starlight ${kb(b.plainTotal)}  ratio ${b.ratio}×  runner JS ${b.runnerBytes} B`,
		);
	}
	line('\n== Lighthouse (mobile preset, astro preview) ==');
	for (const l of results.lighthouse ?? [])
		line(
			`${l.page.padEnd(36)} performance ${l.performance}  accessibility ${l.accessibility}${l.failingAccessibilityAudits ? `  (failing: ${l.failingAccessibilityAudits.join(', ')})` : ''}`,
		);
	line(`\n== Run → first output, local runtime, median of ${runs} ==`);
	for (const r of results.runToOutput ?? [])
		line(
			`${r.snippet.padEnd(14)} (${r.kind})  ${r.medianMs ?? '—'} ms  (${r.samples} samples)${r.error ? `  last error: ${r.error}` : ''}`,
		);
	const wb = results.workbench;
	if (wb) {
		line(`\n== Workbench: Run → first output vs a cold node, median of ${runs} ==`);
		line(
			`${wb.snippet}: Run → first output ${wb.runMs ?? '—'} ms (${wb.samples} samples); cold \`node <file>\` → first line ${wb.coldNodeMs} ms; ratio ${wb.ratio ?? '—'}×${wb.error ? `  last error: ${wb.error}` : ''}`,
		);
		line('Run → output ≥ 100 px on screen (server: terminal and preview):');
		for (const v of wb.inView)
			line(
				`  ${v.snippet.padEnd(12)} ${v.screen.padEnd(9)} ${v.medianMs ?? '—'} ms (${v.samples} samples)`,
			);
	}
	const m = results.runnerMemory;
	line('\n== Local runtime memory, 24 processes printing at full speed (3 pages × 8) ==');
	if (m)
		for (const [label, p] of [
			['pages reading', m.reading],
			['pages not reading', m.notReading],
		])
			line(
				`${label.padEnd(18)} server RSS idle ${m.idleMiB} MiB, peak ${p.peakMiB} MiB (+${p.peakMiB - m.idleMiB}); ${p.mostAlive} alive at most, ${p.processesStarted} started`,
			);
	line('\n== Stop: SIGTERM → exit, keep-alive connection open ==');
	for (const r of results.stopGrace ?? [])
		line(`${r.snippet.padEnd(20)} ${r.ms === undefined ? 'did not end in 10 s' : `${r.ms} ms`}`);
	line('\n== Build ==');
	if (results.build)
		line(
			`cold ${results.build.coldSeconds} s (ran ${results.build.snippetsRunCold} snippets), warm ${results.build.warmSeconds} s (re-ran ${results.build.snippetsRunWarm})`,
		);
	line('\n== Test suite ==');
	line(
		results.testSeconds === undefined
			? 'skipped (--skip-tests)'
			: `npm test: ${results.testSeconds} s (${results.testOutcome})`,
	);
	line('\n== Budgets ==');
	for (const b of budgets) line(`${b.met ? 'met   ' : 'MISSED'}  ${b.name}  (${b.detail})`);
	line();
	console.log(JSON.stringify(results));
}

// ---- small helpers ----

async function timed(fn) {
	const start = Date.now();
	const value = await fn();
	return { ms: Date.now() - start, value };
}

function astro(argv, env) {
	return run(
		process.execPath,
		[join(root, 'node_modules/astro/bin/astro.mjs'), ...argv],
		env,
		10 * 60_000,
	);
}

async function run(cmd, argv, env, timeout) {
	const { stdout, stderr } = await promisify(execFile)(cmd, argv, {
		cwd: root,
		env: { ...process.env, ...env },
		maxBuffer: 256 * 1024 * 1024,
		timeout,
	});
	return stdout + stderr;
}

function freePort() {
	return new Promise((resolve) => {
		const s = createServer();
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => resolve(port));
		});
	});
}

async function waitForHttp(url, timeoutMs) {
	const until = Date.now() + timeoutMs;
	while (Date.now() < until) {
		try {
			if ((await fetch(url)).ok) return;
		} catch {}
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

function kb(bytes) {
	return `${(bytes / 1024).toFixed(1)} KiB`.padStart(10);
}

function round(n, digits = 0) {
	const f = 10 ** digits;
	return Math.round(n * f) / f;
}
