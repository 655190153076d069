// What a reader does with a snippet in a chapter page, for browser tests: point at it (the runner
// loads on intent), edit its code, and read its terminal. Every helper takes the snippet's selector
// (`#snippet-<id>`) and defaults to the first chapter's `example-com` server.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** The first chapter, whose snippets the runner tests use. */
export const CHAPTER = '/01-web/01-clients-and-messages/';
/** The `www.example.com` stand-in server on that chapter. */
export const SNIPPET = '#snippet-example-com';

/** Every chapter page that shows a snippet, as URL paths (`/01-web/01-…/`), in sidebar file order. */
export function chaptersWithSnippets(
	dir = join(process.cwd(), 'src', 'content', 'docs'),
	prefix = '/',
): string[] {
	return readdirSync(dir, { withFileTypes: true })
		.sort((a, b) => a.name.localeCompare(b.name))
		.flatMap((entry) => {
			if (entry.isDirectory())
				return chaptersWithSnippets(join(dir, entry.name), `${prefix}${entry.name}/`);
			if (!entry.name.endsWith('.mdx') || entry.name === 'index.mdx') return [];
			const text = readFileSync(join(dir, entry.name), 'utf8');
			return /<Snippet\s/.test(text) ? [`${prefix}${entry.name.replace(/\.mdx$/, '')}/`] : [];
		});
}

/** Hovers the snippet (intent) and waits for its editor. */
export async function goLive(page: Page, sel = SNIPPET): Promise<void> {
	await page.locator(sel).scrollIntoViewIfNeeded();
	await page.locator(sel).hover();
	await page.locator(`${sel} .cm-editor`).first().waitFor({ timeout: 20_000 });
}

/** Replaces the code in the snippet's editor with `code`, as typed by the reader. */
export async function replaceCode(page: Page, code: string, sel = SNIPPET): Promise<void> {
	await page.locator(`${sel} .cm-content`).first().click();
	await page.keyboard.press('Control+A');
	await page.keyboard.press('Delete');
	await page.keyboard.insertText(code);
}

/**
 * How long Stop may take to show "stopped": the endpoint's grace (600 ms) and SIGKILL wait (2 s) for
 * a process that does not end, plus the page's own wait for the exit. These tests check that Stop
 * stops; how fast is measured by scripts/stop-grace.mjs, not here.
 */
export const STOP_MS = 8000;

/**
 * Runs in every page the tests open (before its scripts): keeps what happened to each snippet's run,
 * in order and with the time since load: a press of its buttons, its state, its status line. A test
 * that waits in vain for a state prints it (CI's Stop failures could not be told apart without it).
 */
export function recordRunHistory(): void {
	const history: string[] = [];
	(window as unknown as { runHistory: string[] }).runHistory = history;
	const log = (at: Element, what: string) =>
		history.push(`${Math.round(performance.now())} ms ${at.closest('code-snippet')?.id} ${what}`);
	document.addEventListener(
		'click',
		(event) => {
			const button = (event.target as Element | null)?.closest?.('button[data-action]');
			if (button instanceof HTMLButtonElement)
				log(button, `press ${button.dataset['action']}${button.disabled ? ' (disabled)' : ''}`);
		},
		true,
	);
	new MutationObserver((changes) => {
		for (const change of changes) {
			const el = change.target instanceof Element ? change.target : change.target.parentElement;
			if (!el) continue;
			if (change.attributeName === 'data-state' && el.localName === 'snippet-runner')
				log(el, `state ${(el as HTMLElement).dataset['state']}`);
			else if (el.classList.contains('runner__status')) log(el, `status "${el.textContent}"`);
		}
	}).observe(document, {
		subtree: true,
		attributes: true,
		attributeFilter: ['data-state'],
		childList: true,
		characterData: true,
	});
}

/** Waits until the snippet's runner is in state `wanted` (`running`, `exited`, `stopped`, `recorded`…). */
export async function state(page: Page, wanted: string, timeout = 15_000, sel = SNIPPET) {
	try {
		await page.locator(`${sel} snippet-runner[data-state="${wanted}"]`).waitFor({ timeout });
	} catch (error) {
		// Say where it is instead: the state, the status line and the terminal's last lines.
		const seen = await page
			.locator(`${sel} snippet-runner`)
			.evaluate(async (el) => {
				const runner = el as HTMLElement & { outputText?(): Promise<string> };
				const status = el.closest('code-snippet')?.querySelector('.runner__status')?.textContent;
				const out = (await runner.outputText?.().catch(() => '')) ?? '';
				const id = el.closest('code-snippet')?.id;
				const history = ((window as unknown as { runHistory?: string[] }).runHistory ?? [])
					.filter((line) => line.includes(` ${id} `))
					.slice(-20);
				return `state ${el.dataset['state']}, status "${status ?? ''}", terminal …${out.slice(-400)}\nits run so far:\n${history.join('\n')}`;
			})
			.catch(() => 'the runner is gone');
		throw new Error(`${sel}: wanted state ${wanted} within ${timeout} ms; ${seen}`, {
			cause: error,
		});
	}
}

/** The text the snippet's terminal shows. */
export async function terminalText(page: Page, sel = SNIPPET): Promise<string> {
	return page
		.locator(`${sel} snippet-runner`)
		.evaluate((el) => (el as HTMLElement & { outputText(): Promise<string> }).outputText());
}

/** Waits until the terminal shows `text`; returns all it shows then. */
export async function waitForOutput(
	page: Page,
	text: string,
	timeout = 10_000,
	sel = SNIPPET,
): Promise<string> {
	const until = Date.now() + timeout;
	for (;;) {
		const out = await terminalText(page, sel);
		if (out.includes(text)) return out;
		if (Date.now() > until)
			throw new Error(`terminal never showed ${JSON.stringify(text)}; it shows:\n${out}`);
		await page.waitForTimeout(100);
	}
}

/** Waits until the snippet's preview shows a page: its iframe is there, blank, before the server answers. */
export async function waitForPreview(page: Page, sel = SNIPPET, message = sel): Promise<void> {
	const frame = page.frameLocator(`${sel} .runner__frame`);
	await expect
		.poll(async () => (await frame.locator('body').textContent({ timeout: 1_000 })) ?? '', {
			message,
			timeout: 10_000,
		})
		.toMatch(/\S/);
}

/** Waits until the page has stopped scrolling (the output's eased scroll takes a few hundred ms). */
export async function scrollSettled(page: Page): Promise<void> {
	let last = -1;
	for (let i = 0; i < 40; i++) {
		const y = await page.evaluate(() => scrollY);
		if (y === last) return;
		last = y;
		await page.waitForTimeout(120);
	}
}

/** How many presses of the snippet's `action` button the page has seen (its run history). */
function pressesOf(page: Page, sel: string, action: string): Promise<number> {
	return page.evaluate(
		({ sel, action }) => {
			const id = document.querySelector(sel)?.id;
			const history = (window as unknown as { runHistory?: string[] }).runHistory ?? [];
			return history.filter((line) => line.endsWith(` ${id} press ${action}`)).length;
		},
		{ sel, action },
	);
}

/**
 * Presses the snippet's `action` button (`stop`, `run`…) as a reader does: once the page is still.
 * A press that did not reach the button (the page began to scroll between Playwright's check of the
 * point and its click, which then landed in the preview's frame) is made again, as a reader whose
 * button moved would; what the press does is the test's to check.
 */
export async function press(page: Page, action: string, sel = SNIPPET): Promise<void> {
	const before = await pressesOf(page, sel, action);
	for (let attempt = 1; ; attempt++) {
		await scrollSettled(page);
		await page.locator(`${sel} [data-action=${action}]`).click();
		if ((await pressesOf(page, sel, action)) > before) return;
		if (attempt === 3) throw new Error(`${sel}: ${action} pressed 3 times, never reached`);
		console.warn(`${sel}: the press of ${action} missed the button (the page moved); again`);
	}
}
