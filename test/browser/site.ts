// The book as readers get it from `npm start`, for browser tests: the built site (rebuilt only when
// its sources changed), served by `astro preview` with the local runtime, in Debian's Chromium.
//
//     const book = useBook();                          // at the top of a test file
//     it('…', async () => {
//         const page = await book.open('/01-web/01-clients-and-messages/');
//         const dark = await book.open('/', { viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
//     });
//
// Why preview and not `astro dev`: a fresh dev server reloads the first page that connects to it
// (Astro writes its content store at startup and asks for a full reload while no page is open; Vite
// keeps that message for the first page that connects), so a hover made just before that reload is
// lost with the old page. A built site has no dev client, compiles nothing on request and is what
// deployed readers get. `dev-server.test.ts` keeps one check of `astro dev` for authors.
import {
	chromium,
	type Browser,
	type BrowserContext,
	type BrowserContextOptions,
	type Page,
} from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { recordRunHistory } from './snippet-page.ts';
import { startAstroServer, type AstroServer } from '../helpers/astro-server.ts';
import { chromiumArgs, chromiumPath } from '../helpers/chromium.mjs';
import { siteBuild, type SiteBuild } from '../helpers/site-build.ts';

export interface OpenOptions extends BrowserContextOptions {
	/** When `open` returns. @default 'load' */
	waitUntil?: 'load' | 'domcontentloaded' | 'networkidle' | 'commit';
	/**
	 * Runs on the new page before it navigates: routes (`page.route`), init scripts that seed
	 * localStorage (`page.addInitScript`), listeners that must see the first request.
	 */
	prepare?: (page: Page) => Promise<unknown> | void;
}

export interface Book {
	/** The preview server's origin, e.g. `http://127.0.0.1:41234` (the site is built at the root). */
	readonly origin: string;
	/** The build being served: `dist` is its folder on disk. */
	readonly build: SiteBuild;
	/** The Chromium every page of this file runs in. */
	readonly browser: Browser;
	/**
	 * Opens `path` (with any query, e.g. `/01-web/01-clients-and-messages/?runtime=recorded`) in a
	 * new browser context with `options` (viewport, colorScheme, …). Every context a test opens is
	 * closed after that test, so each test starts with empty storage.
	 */
	open(path: string, options?: OpenOptions): Promise<Page>;
	/** What the preview server (and the local runtime in it) printed so far. */
	serverLog(): string;
}

/**
 * Registers this file's hooks: before all tests, build (if stale), start `astro preview` on a free
 * loopback port and launch Chromium; after each test, close its pages; after all, stop both.
 */
export function useBook(): Book {
	let server: AstroServer | undefined;
	let browser: Browser | undefined;
	let build: SiteBuild | undefined;
	const contexts: BrowserContext[] = [];
	const ready = <T>(value: T | undefined, what: string): T => {
		if (value === undefined) throw new Error(`useBook(): ${what} is used before beforeAll ran`);
		return value;
	};

	beforeAll(async () => {
		build = await siteBuild('root');
		server = await startAstroServer({ command: 'preview', outDir: build.dist });
		browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
	}, 240_000);

	afterEach(async () => {
		await Promise.all(contexts.splice(0).map((context) => context.close()));
	});

	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	return {
		get origin() {
			return ready(server, 'origin').origin;
		},
		get build() {
			return ready(build, 'build');
		},
		get browser() {
			return ready(browser, 'browser');
		},
		async open(path, { waitUntil = 'load', prepare, ...contextOptions } = {}) {
			const context = await ready(browser, 'open()').newContext(contextOptions);
			contexts.push(context);
			await context.addInitScript(recordRunHistory);
			const page = await context.newPage();
			await prepare?.(page);
			await page.goto(ready(server, 'open()').origin + path, { waitUntil });
			return page;
		},
		serverLog: () => server?.log() ?? '',
	};
}
