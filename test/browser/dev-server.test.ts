// `npm run dev`, as authors use it: a cold `astro dev` serves a chapter whose snippet runs live on
// the local runtime. (Every other browser test runs against the built site: see site.ts.)
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAstroServer, type AstroServer } from '../helpers/astro-server.ts';
import { chromiumArgs, chromiumPath } from '../helpers/chromium.mjs';
import { CHAPTER, SNIPPET, state, waitForOutput } from './snippet-page.ts';

let dev: AstroServer | undefined;
let browser: Browser | undefined;

/**
 * A fresh dev server writes Astro's content store at startup and asks every page to reload while
 * none is connected; Vite keeps that message and hands it to the first client that connects, so
 * the first page opened would reload under the reader's first hover. Connecting once ourselves
 * takes the message: Vite sends it, and forgets it, together with `connected`.
 */
async function takeStartupReload(origin: string): Promise<string[]> {
	const socket = new WebSocket(origin.replace(/^http/, 'ws') + '/', 'vite-hmr');
	const received: string[] = [];
	try {
		await new Promise<void>((done, fail) => {
			const timer = setTimeout(() => fail(new Error('no `connected` from Vite')), 15_000);
			socket.addEventListener('message', (event) => {
				received.push(String(event.data));
				if (String(event.data).includes('"connected"')) {
					clearTimeout(timer);
					done();
				}
			});
			socket.addEventListener('error', () => fail(new Error('Vite refused the HMR socket')));
		});
	} finally {
		socket.close();
	}
	return received;
}

beforeAll(async () => {
	dev = await startAstroServer({ command: 'dev', readyPath: CHAPTER });
	await takeStartupReload(dev.origin);
	browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}, 150_000);

afterAll(async () => {
	await browser?.close();
	await dev?.stop();
});

describe('astro dev (authors)', () => {
	it('serves a chapter whose snippet runs live on the local runtime', async () => {
		const page = await browser!.newPage();
		const loads: string[] = [];
		page.on('framenavigated', (frame) => {
			if (frame === page.mainFrame()) loads.push(frame.url());
		});
		await page.goto(dev!.origin + CHAPTER);
		// The dev server compiles the runner on this first hover: that is the slow part of a cold start.
		await page.locator(SNIPPET).hover();
		await page.locator(`${SNIPPET} .cm-editor`).first().waitFor({ timeout: 60_000 });
		await page.locator(`${SNIPPET} [data-action=run]`).click();
		await state(page, 'running');
		await waitForOutput(page, 'GET / HTTP/1.1');
		const frame = page.frameLocator(`${SNIPPET} .runner__frame`);
		await expect(frame.locator('h1').textContent({ timeout: 10_000 })).resolves.toBe(
			'Example Domain',
		);
		// One document all along: no reload threw the reader's hover away.
		expect(loads).toHaveLength(1);
	});

	it("shows no Astro dev toolbar over the home page's table of contents", async () => {
		const page = await browser!.newPage();
		await page.goto(dev!.origin + '/');
		await page.waitForLoadState('networkidle');
		// The toolbar is a custom element its own module script adds once the page has loaded.
		expect(await page.locator('astro-dev-toolbar').count()).toBe(0);
		expect(await page.getByRole('heading', { name: '차례' }).isVisible()).toBe(true);
	});
});
