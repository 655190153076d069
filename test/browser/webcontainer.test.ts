// The WebContainer path in the built chapter page (useBook: astro preview), as far as a machine
// without internet can take it, with the real `@webcontainer/api` 1.6.4: StackBlitz's hidden frame
// cannot load here, and with the WebContainer forced the page must say so within 3 s of Run (not after
// its 20 s timeout), show the recording, and on Retry load the frame again without a second boot. A
// stand-in StackBlitz page on another origin shows that a frame which answers keeps the long timeout.
// On iPhone and iPad nothing boots before Run.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { devices, type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBook, type OpenOptions } from './site.ts';
import { CHAPTER, SNIPPET, goLive, state } from './snippet-page.ts';

const FORCED = '?runtime=webcontainer';
const HEADLESS = /stackblitz\.com\/headless/;

const book = useBook();

/** The chapter at `query` in a fresh browser, counting the requests for StackBlitz's page. */
async function open(query: string, options: OpenOptions = {}) {
	const page = await book.open(`${CHAPTER}${query}`, options);
	const frames: string[] = [];
	page.on('request', (r) => {
		if (HEADLESS.test(r.url())) frames.push(r.url());
	});
	return { page, frames };
}

const runner = (page: Page) => page.locator(`${SNIPPET} snippet-runner`);

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
		expect(notice).toContain('node server.mjs');
		expect(frames.length).toBe(1);
		await expect(page.locator(`${SNIPPET} [data-action=retry]`).isVisible()).resolves.toBe(true);
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
		await goLive(page);
		const { ms, notice } = await runUntilRecorded(page);
		expect(ms).toBeLessThan(3000);
		expect(notice).toContain('StackBlitz(stackblitz.com)에 연결할 수 없습니다');
	});

	it('on Retry loads StackBlitz again in the same frame, booting no second instance', async () => {
		const { page, frames } = await open(FORCED);
		await goLive(page);
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
		await goLive(page);
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
