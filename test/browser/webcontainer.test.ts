// The WebContainer path in the real chapter page, as far as a machine without internet can take it:
// with the WebContainer forced, StackBlitz's hidden frame cannot load here, and the page must say so
// within 3 s of Run (not after its 20 s timeout), show the recording, and on Retry load the frame again
// without a second boot. On iPhone and iPad nothing boots before Run.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, devices, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/lib/scenario/node-host.ts';
import { chromiumArgs, chromiumPath } from '../helpers/chromium.mjs';

const CHAPTER = '/01-web/01-clients-and-messages/';
const SNIPPET = '#snippet-example-com';
const FORCED = '?runtime=webcontainer';
const HEADLESS = /stackblitz\.com\/headless/;

let dev: ChildProcess | undefined;
let origin = '';
let browser: Browser;
let context: BrowserContext | undefined;

async function startDevServer(): Promise<void> {
	const port = await freePort();
	const bin = join(process.cwd(), 'node_modules', '.bin');
	dev = spawn(join(bin, 'astro'), ['dev', '--port', String(port)], {
		// A clean environment: vitest's own variables (MODE, NODE_ENV…) would change what Astro serves.
		env: {
			PATH: `${bin}:${process.env['PATH'] ?? ''}`,
			HOME: process.env['HOME'] ?? '/tmp',
			LANG: 'C.UTF-8',
			ASTRO_TELEMETRY_DISABLED: '1',
		},
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let log = '';
	dev.stdout?.on('data', (c: Buffer) => (log += c.toString()));
	dev.stderr?.on('data', (c: Buffer) => (log += c.toString()));
	origin = `http://localhost:${port}`;
	const until = Date.now() + 90_000;
	for (;;) {
		const ok = await fetch(origin + CHAPTER).then(
			(r) => r.ok,
			() => false,
		);
		if (ok) return;
		if (Date.now() > until || dev.exitCode !== null)
			throw new Error(`astro dev did not serve ${CHAPTER}:\n${log}`);
		await new Promise((r) => setTimeout(r, 300));
	}
}

beforeAll(async () => {
	await startDevServer();
	browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
	// Compile the runner and the API's chunk once, so that no test measures Vite's first transform.
	// The first import of `@webcontainer/api` can make Vite optimize it and reload the page: try again.
	const page = await browser.newPage();
	for (let attempt = 1; ; attempt++) {
		try {
			await page.goto(origin + CHAPTER + FORCED);
			await pointAt(page);
			await page.locator(`${SNIPPET} [data-action=run]`).click();
			await page
				.locator(`${SNIPPET} snippet-runner[data-state="recorded"]`)
				.waitFor({ timeout: 30_000 });
			break;
		} catch (error) {
			if (attempt === 3) throw error;
		}
	}
	await page.close();
}, 150_000);

afterAll(async () => {
	await browser?.close();
	if (dev?.pid) {
		try {
			process.kill(-dev.pid, 'SIGTERM');
		} catch {
			// already gone
		}
	}
});

afterEach(async () => {
	await context?.close();
	context = undefined;
});

/**
 * A reader's page at `query`, in a browser that has visited the book before: the runner's own modules
 * are in its cache (a first visit with the recording forced, which boots nothing), as they would be
 * after any earlier chapter. The dev server serves them unbundled, dozens of requests, where a built
 * site serves one chunk; the WebContainer's code itself still loads on Run.
 */
async function open(query: string, options: Parameters<Browser['newContext']>[0] = {}) {
	context = await browser.newContext(options);
	const page = await context.newPage();
	await page.goto(`${origin}${CHAPTER}?runtime=recorded`);
	await pointAt(page);
	const frames: string[] = [];
	page.on('request', (r) => {
		if (HEADLESS.test(r.url())) frames.push(r.url());
	});
	await page.goto(`${origin}${CHAPTER}${query}`);
	return { page, frames };
}

/**
 * Moves the pointer over the snippet (intent: its editor loads) without pressing anything; again if
 * Vite reloaded the page meanwhile (intent is the pointer moving, and a reload forgets it).
 */
async function pointAt(page: Page) {
	await page.locator(SNIPPET).scrollIntoViewIfNeeded();
	const editor = page.locator(`${SNIPPET} .cm-editor`).first();
	for (let i = 0; ; i++) {
		await page.locator(`${SNIPPET} .snippet__title`).hover({ position: { x: 5 + i * 10, y: 5 } });
		const shown = await editor.waitFor({ timeout: 5000 }).then(
			() => true,
			() => false,
		);
		if (shown) return;
		if (i === 4) throw new Error('no editor after pointing at the snippet five times');
	}
}

const runner = (page: Page) => page.locator(`${SNIPPET} snippet-runner`);

async function state(page: Page, wanted: string, timeout: number) {
	await page.locator(`${SNIPPET} snippet-runner[data-state="${wanted}"]`).waitFor({ timeout });
}

/** Presses Run and returns how long until the recording shows, with its notice's text. */
async function runUntilRecorded(page: Page): Promise<{ ms: number; notice: string }> {
	await page.locator(`${SNIPPET} [data-action=run]`).click();
	const started = Date.now();
	await state(page, 'recorded', 25_000);
	const ms = Date.now() - started;
	const notice = (await page.locator(`${SNIPPET} .runner__notice`).textContent()) ?? '';
	return { ms, notice };
}

describe('WebContainer forced, StackBlitz unreachable', () => {
	it('shows the recording and the reason within 3 s of Run, not after the timeout', async () => {
		const { page, frames } = await open(FORCED);
		// Straight to Run: the boot starts with this click (its pointer is the first intent).
		await page.locator(SNIPPET).scrollIntoViewIfNeeded();
		const { ms, notice } = await runUntilRecorded(page);
		expect(ms).toBeLessThan(3000);
		expect(notice).toContain('StackBlitz(stackblitz.com)에 연결할 수 없습니다');
		expect(notice).toContain('stackblitz.com의 페이지를 열지 못했습니다');
		expect(notice).toContain('cd snippets/example-com');
		expect(frames.length).toBe(1);
		await expect(
			page
				.locator(`${SNIPPET} [role=tab][aria-controls$=transcript]`)
				.getAttribute('aria-selected'),
		).resolves.toBe('true');
	});

	it('says which step it is on, with the seconds so far, while it tries', async () => {
		const { page } = await open(FORCED);
		await page.locator(SNIPPET).scrollIntoViewIfNeeded();
		await page.locator(`${SNIPPET} [data-action=run]`).click();
		await expect
			.poll(() => runner(page).locator('.runner__status').textContent(), {
				timeout: 3000,
				interval: 50,
			})
			.toMatch(/^StackBlitz에 연결하는 중 \(2\/3단계, \d+초\)$/);
		await state(page, 'recorded', 5000);
	});

	it('falls back as fast when a blocker refuses the request', async () => {
		const { page } = await open(FORCED);
		await page.context().route(HEADLESS, (route) => route.abort('blockedbyclient'));
		await pointAt(page);
		const { ms, notice } = await runUntilRecorded(page);
		expect(ms).toBeLessThan(3000);
		expect(notice).toContain('StackBlitz(stackblitz.com)에 연결할 수 없습니다');
	});

	it('on Retry loads StackBlitz again in the same frame, booting no second instance', async () => {
		const { page, frames } = await open(FORCED);
		await pointAt(page);
		await runUntilRecorded(page);
		await page.locator(`${SNIPPET} [data-action=retry]`).click();
		const started = Date.now();
		await state(page, 'booting', 2000);
		await state(page, 'recorded', 5000);
		expect(Date.now() - started).toBeLessThan(3000);
		expect(frames.length).toBe(2);
		expect(await page.locator('iframe[src*="/headless"]').count()).toBe(1);
	});
});

/**
 * A stand-in for StackBlitz's page, on another origin: it loads (embeddable under COEP require-corp)
 * and posts one warning, as the real page can, but never the `init` that would let the boot go on.
 * The real API is pointed at it with `WEBCONTAINER_API_IFRAME_URL`, which 1.6.4 reads.
 */
async function standInStackBlitz(warning: string): Promise<{ url: string; server: Server }> {
	const server = createServer((req, res) => {
		res.writeHead(req.url?.startsWith('/headless') ? 200 : 404, {
			'content-type': 'text/html; charset=utf-8',
			'cross-origin-embedder-policy': 'require-corp',
			'cross-origin-resource-policy': 'cross-origin',
		});
		res.end(
			`<!doctype html><script>parent.postMessage({ type: 'warning', level: 'info', message: ${JSON.stringify(warning)} }, '*');</script>`,
		);
	});
	await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
	return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('StackBlitz reachable (a stand-in page) but not booting', () => {
	it('keeps the timeout while the page answers, showing step 3 of 3, then says it timed out', async () => {
		const stackblitz = await standInStackBlitz('stand-in StackBlitz page');
		try {
			const { page } = await open(`${FORCED}&boot-timeout=5000`);
			await page.addInitScript((url) => {
				(globalThis as { WEBCONTAINER_API_IFRAME_URL?: string }).WEBCONTAINER_API_IFRAME_URL = url;
			}, stackblitz.url);
			await page.reload();
			await page.locator(SNIPPET).scrollIntoViewIfNeeded();
			await page.locator(`${SNIPPET} [data-action=run]`).click();
			const started = Date.now();
			await expect
				.poll(() => runner(page).locator('.runner__status').textContent(), { timeout: 4000 })
				.toMatch(/^브라우저 안에서 Node\.js를 시작하는 중 \(3\/3단계, \d+초\)$/);
			await state(page, 'recorded', 10_000);
			// Not the fast fallback: the page answered, so the boot was given its full 5 s.
			expect(Date.now() - started).toBeGreaterThanOrEqual(4500);
			const notice = (await page.locator(`${SNIPPET} .runner__notice`).textContent()) ?? '';
			expect(notice).toContain('정해진 시간 안에 시작되지 않았습니다');
			expect(notice).toContain('준비되면 알려 드립니다');
		} finally {
			stackblitz.server.close();
		}
	});

	it('says StackBlitz turned the site away when its page warns so, within 3 s', async () => {
		const stackblitz = await standInStackBlitz('This client_id is not allowed on this origin');
		try {
			const { page } = await open(FORCED);
			await page.addInitScript((url) => {
				(globalThis as { WEBCONTAINER_API_IFRAME_URL?: string }).WEBCONTAINER_API_IFRAME_URL = url;
			}, stackblitz.url);
			await page.reload();
			await page.locator(SNIPPET).scrollIntoViewIfNeeded();
			const { ms, notice } = await runUntilRecorded(page);
			expect(ms).toBeLessThan(3000);
			expect(notice).toContain(
				'StackBlitz가 이 사이트에서 브라우저 안의 Node.js(WebContainer)를 여는 것을 거절했습니다',
			);
			expect(notice).toContain('not allowed on this origin');
		} finally {
			stackblitz.server.close();
		}
	});
});

describe('iPhone and iPad', () => {
	it('boots nothing on pointing or focus, says so, and boots on Run', async () => {
		const iPhone = devices['iPhone 13'];
		const { page, frames } = await open(FORCED, {
			userAgent: iPhone?.userAgent ?? '',
			viewport: { width: 390, height: 844 },
		});
		await pointAt(page);
		await page.locator(`${SNIPPET} .cm-content`).first().click();
		await expect
			.poll(() => runner(page).locator('.runner__status').textContent(), { timeout: 5000 })
			.toContain('iPhone·iPad에서는 ▶ 실행을 누를 때 시작합니다');
		await page.waitForTimeout(1500);
		expect(frames).toEqual([]);
		expect(await page.locator('iframe[src*="/headless"]').count()).toBe(0);
		const { notice } = await runUntilRecorded(page);
		expect(frames.length).toBe(1);
		expect(notice).toContain('StackBlitz(stackblitz.com)에 연결할 수 없습니다');
	});
});
