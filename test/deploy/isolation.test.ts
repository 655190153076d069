// The built site in Chromium, served as static hosts serve it: by Python's http.server (no headers,
// like GitHub Pages: the service worker must isolate the page with one reload, never a loop) and by a
// server that applies `_headers` (Netlify, Cloudflare Pages: isolated at once, no worker at all).
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { filesOf, parseHtml } from './dist-scan.ts';
import { siteBuild, type SiteBuild } from '../helpers/site-build.ts';
import { startHeadersServer, startPythonServer, type RunningServer } from './static-servers.ts';
import { readFileSync } from 'node:fs';
import type {} from '../../src/lib/isolation.ts';
import { relative, sep } from 'node:path';
import { chromiumArgs, chromiumPath } from '../helpers/chromium.mjs';

let browser: Browser;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
	browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
	cleanups.push(() => browser.close());
});

afterAll(async () => {
	for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

/** A page of the build with a snippet on it (found in the output, so chapters may move). */
function snippetPage(build: SiteBuild): string {
	for (const file of filesOf(build.dist)) {
		if (!file.endsWith('.html')) continue;
		const doc = parseHtml(readFileSync(file, 'utf8'));
		// A chapter's snippet, with its recorded run (an exercise's workbench has none), first on its page.
		const first = doc.tags.find((t) => t.name === 'code-snippet' || t.name === 'book-exercise');
		if (first?.name === 'code-snippet') {
			return (
				build.base +
				relative(build.dist, file)
					.split(sep)
					.join('/')
					.replace(/index\.html$/, '') +
				// No StackBlitz here: a WebContainer never boots, so let the fallback come quickly.
				'?boot-timeout=2000'
			);
		}
	}
	throw new Error('no page of the build has a snippet');
}

interface Watched {
	page: Page;
	/** Every document load of the main frame (the first visit and each reload). */
	loads: string[];
	/** Requests to any origin but the server's own. */
	foreign: string[];
	/** Same-origin responses with an error status (broken assets). */
	failed: string[];
}

async function watchedPage(context: BrowserContext, origin: string): Promise<Watched> {
	const page = await context.newPage();
	const watched: Watched = { page, loads: [], foreign: [], failed: [] };
	page.on('framenavigated', (frame) => {
		if (frame === page.mainFrame()) watched.loads.push(frame.url());
	});
	page.on('request', (request) => {
		if (!request.url().startsWith(origin) && !request.url().startsWith('data:'))
			watched.foreign.push(request.url());
	});
	page.on('response', (response) => {
		if (response.status() >= 400) watched.failed.push(`${response.status()} ${response.url()}`);
	});
	return watched;
}

/** Lets time pass so a reload loop, if there were one, would show up in `loads`. */
const settle = (page: Page) => page.waitForTimeout(2000);

const status = (page: Page) =>
	page.evaluate(() => ({ isolated: crossOriginIsolated, status: window.webBookIsolation }));

/** Run a snippet: it must either run live or show the transcript recorded at build time. */
/**
 * Presses Run. On a static host the runner either boots a WebContainer (StackBlitz is unreachable
 * here, so it falls back after the boot timeout) or goes straight to the recording; either way the
 * reader ends up with the recorded transcript and the reason.
 */
async function runSnippet(page: Page) {
	const shell = page.locator('code-snippet').first();
	await shell.locator('[data-action=run]').click();
	const transcript = shell.locator('[role=tabpanel][data-role=transcript]');
	await expect.poll(() => transcript.isVisible(), { timeout: 30_000, interval: 250 }).toBe(true);
	// The recording is real output, not an empty frame.
	expect(await transcript.locator('.transcript pre').count()).toBeGreaterThan(0);
	expect(
		((await transcript.locator('.transcript').textContent()) ?? '').trim().length,
	).toBeGreaterThan(20);
}

/** After Run, the only other origin a page may reach is StackBlitz, where WebContainers boot. */
function beyondStackBlitz(foreign: string[]): string[] {
	return foreign.filter((url) => new URL(url).hostname !== 'stackblitz.com');
}

describe('on a static server that sends no headers (GitHub Pages), under a base path', () => {
	let build: SiteBuild;
	let server: RunningServer;
	beforeAll(async () => {
		build = await siteBuild('book');
		server = await startPythonServer(build.serveDir);
		cleanups.push(() => server.close());
	});

	test('the service worker isolates the page with a single reload, and later pages at once', async () => {
		const context = await browser.newContext();
		cleanups.push(() => context.close());
		const visit = await watchedPage(context, server.origin);
		const url = server.origin + snippetPage(build);
		await visit.page.goto(url);
		await visit.page.waitForFunction(() => crossOriginIsolated, null, { timeout: 20_000 });
		await settle(visit.page);
		expect(visit.loads).toEqual([url, url]);
		expect(await status(visit.page)).toEqual({
			isolated: true,
			status: { state: 'isolated', via: 'service-worker' },
		});
		expect(await visit.page.evaluate(() => typeof SharedArrayBuffer)).toBe('function');
		// The worker is scoped to the base path, not the whole origin.
		const scopes = await visit.page.evaluate(async () =>
			(await navigator.serviceWorker.getRegistrations()).map((r) => r.scope),
		);
		expect(scopes).toEqual([`${server.origin}${build.base}`]);

		// Another page of the book: already controlled, so isolated on its first load.
		const home = server.origin + build.base;
		await visit.page.goto(home);
		expect(await visit.page.evaluate(() => crossOriginIsolated)).toBe(true);
		await settle(visit.page);
		expect(visit.loads).toEqual([url, url, home]);

		await visit.page.goto(url);
		expect(visit.foreign).toEqual([]);
		await runSnippet(visit.page);
		expect(beyondStackBlitz(visit.foreign)).toEqual([]);
		expect(visit.failed).toEqual([]);
	});

	test('when the worker cannot isolate the page, it reloads once and then says why, never looping', async () => {
		const context = await browser.newContext();
		cleanups.push(() => context.close());
		// A browser that ignores headers a worker adds (as some do) never becomes isolated.
		await context.addInitScript(() =>
			Object.defineProperty(window, 'crossOriginIsolated', { get: () => false }),
		);
		const visit = await watchedPage(context, server.origin);
		const url = server.origin + snippetPage(build);
		await visit.page.goto(url);
		await visit.page.waitForSelector('html[data-isolation=unavailable]', { timeout: 20_000 });
		await settle(visit.page);
		expect(visit.loads).toEqual([url, url]);
		const { status: reported } = await status(visit.page);
		expect(reported).toMatchObject({ state: 'unavailable', reason: 'not-isolated-after-reload' });
		// Later pages in the same tab do not try again.
		await visit.page.goto(url);
		await settle(visit.page);
		expect(visit.loads).toEqual([url, url, url]);
		await expect
			.poll(() => visit.page.locator('.snippet__isolation-note').first().isVisible())
			.toBe(true);
	});

	test('with service workers blocked, the page loads once, reads, and says why live running is off', async () => {
		const context = await browser.newContext({ serviceWorkers: 'block' });
		cleanups.push(() => context.close());
		const visit = await watchedPage(context, server.origin);
		const url = server.origin + snippetPage(build);
		await visit.page.goto(url);
		await visit.page.waitForSelector('html[data-isolation=unavailable]', { timeout: 20_000 });
		await settle(visit.page);
		expect(visit.loads).toEqual([url]);
		const { isolated, status: reported } = await status(visit.page);
		expect(isolated).toBe(false);
		expect(reported).toMatchObject({ state: 'unavailable', reason: 'service-worker-blocked' });
		if (reported?.state !== 'unavailable') throw new Error('unreachable');

		// The chapter reads as usual, and each snippet says why it will show the recording.
		await expect.poll(() => visit.page.locator('main h1').first().isVisible()).toBe(true);
		const note = visit.page.locator('code-snippet .snippet__isolation-note').first();
		expect(await note.isVisible()).toBe(true);
		expect(await note.textContent()).toContain(reported.message);
		expect(visit.foreign).toEqual([]);
		await runSnippet(visit.page);
		expect(beyondStackBlitz(visit.foreign)).toEqual([]);
		expect(visit.failed).toEqual([]);
	});
});

describe('on a static server that applies _headers (Netlify, Cloudflare Pages)', () => {
	let build: SiteBuild;
	let server: RunningServer;
	beforeAll(async () => {
		build = await siteBuild('root');
		server = await startHeadersServer(build.dist);
		cleanups.push(() => server.close());
	});

	test('the page is isolated on its first load, with no worker and no reload', async () => {
		const context = await browser.newContext();
		cleanups.push(() => context.close());
		const visit = await watchedPage(context, server.origin);
		const url = server.origin + snippetPage(build);
		const response = await visit.page.goto(url);
		expect(response?.headers()['cross-origin-embedder-policy']).toBe('require-corp');
		expect(await visit.page.evaluate(() => crossOriginIsolated)).toBe(true);
		await settle(visit.page);
		expect(visit.loads).toEqual([url]);
		expect(await status(visit.page)).toEqual({
			isolated: true,
			status: { state: 'isolated', via: 'headers' },
		});
		expect(
			await visit.page.evaluate(
				async () => (await navigator.serviceWorker.getRegistrations()).length,
			),
		).toBe(0);
		expect(visit.foreign).toEqual([]);
		await runSnippet(visit.page);
		expect(beyondStackBlitz(visit.foreign)).toEqual([]);
		expect(visit.failed).toEqual([]);
	});

	test('an unknown address gets the Korean 404 page, styled, with a way home', async () => {
		const context = await browser.newContext();
		cleanups.push(() => context.close());
		const visit = await watchedPage(context, server.origin);
		const response = await visit.page.goto(`${server.origin}/no/such/page/`);
		expect(response?.status()).toBe(404);
		expect(await visit.page.getAttribute('html', 'lang')).toBe('ko');
		expect(await visit.page.evaluate(() => document.styleSheets.length)).toBeGreaterThan(0);
		expect(visit.failed).toEqual([`404 ${server.origin}/no/such/page/`]);
		await visit.page.locator('header a[href="/"]').first().click();
		await visit.page.waitForURL(`${server.origin}/`);
	});
});
