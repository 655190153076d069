// The snippet workbench as a reader meets it, on a laptop (1280×800) and a phone (390×844), in both
// themes: Run shows the output on screen without the reader scrolling, nothing moves while the runner
// loads, no accessibility violation, no keyboard trap, shared links, previews at real pages, errors
// marked in the editor. Screenshots of each screen go to node_modules/.cache/web-book/screenshots/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe.ts';
import { SCREENS, SHOTS, useTheme } from './screens.ts';
import { useBook } from './site.ts';
import {
	CHAPTER,
	chaptersWithSnippets,
	goLive,
	replaceCode,
	SNIPPET,
	state,
	terminalText,
	waitForOutput,
	STOP_MS,
	press,
	scrollSettled,
	waitForPreview,
} from './snippet-page.ts';

const book = useBook();
const CHAPTERS = chaptersWithSnippets();

type Box = { top: number; bottom: number; height: number };

/** How much of `selector` is on screen, under Starlight's fixed header. */
async function onScreen(
	page: Page,
	selector: string,
): Promise<{ visible: number; box: Box } | undefined> {
	return page.evaluate((sel) => {
		const el = document.querySelector(sel);
		if (!el) return undefined;
		const r = el.getBoundingClientRect();
		// Under Starlight's fixed header and its sticky "목차" bar (its scroll padding, less 1.5rem).
		const root = getComputedStyle(document.documentElement);
		const top = Math.max(
			r.top,
			parseFloat(root.scrollPaddingTop) - 1.5 * parseFloat(root.fontSize),
		);
		const bottom = Math.min(r.bottom, innerHeight);
		return {
			visible: Math.max(0, bottom - top),
			box: { top: r.top, bottom: r.bottom, height: r.height },
		};
	}, selector);
}

/** Puts the snippet's top at `fraction` of the screen's height, as a reader who just scrolled to it. */
async function placeSnippet(page: Page, sel: string, fraction: number) {
	await page.evaluate(
		({ sel, fraction }) => {
			const el = document.querySelector(sel);
			if (!el) throw new Error(`no ${sel}`);
			scrollTo({ top: scrollY + el.getBoundingClientRect().top - innerHeight * fraction });
		},
		{ sel, fraction },
	);
}

/** Hovers the snippet's header (intent) without scrolling, and waits for its editor. */
async function hoverLive(page: Page, sel: string) {
	await page.locator(`${sel} .snippet__title`).hover();
	await page.locator(`${sel} .cm-editor`).first().waitFor({ timeout: 20_000 });
}

async function runState(page: Page, sel: string): Promise<string> {
	return (await page.locator(`${sel} snippet-runner`).getAttribute('data-state')) ?? '';
}

describe.each(SCREENS)('on a $name ($viewport.width×$viewport.height)', ({ name, viewport }) => {
	it.each(CHAPTERS)(
		'Run on the first snippet of %s shows its output on screen',
		async (chapter) => {
			const page = await book.open(chapter, { viewport });
			const sel = `#${await page.locator('code-snippet').first().getAttribute('id')}`;
			const kind = await page.locator(sel).getAttribute('data-kind');
			// A reader who has just scrolled the snippet into view: its top in the lower half of the screen.
			await placeSnippet(page, sel, 0.55);
			await hoverLive(page, sel);
			await page.locator(`${sel} [data-action=run]`).click();
			await expect
				.poll(() => runState(page, sel), { timeout: 15_000 })
				.toMatch(kind === 'client' ? /running|exited/ : /running/);
			// A server's page loaded (its log line then grows the terminal, and the scroll follows).
			if (kind !== 'client') await waitForPreview(page, sel, chapter);
			await scrollSettled(page);
			const slug = chapter.replaceAll('/', '_').replace(/^_|_$/g, '');
			await page.screenshot({ path: join(SHOTS, `run-${name}-${slug}.png`) });
			const terminal = await onScreen(page, `${sel} .runner__terminal`);
			expect(terminal?.visible, `${chapter}: terminal on screen`).toBeGreaterThanOrEqual(
				Math.min(100, terminal?.box.height ?? 0),
			);
			expect(terminal?.box.height).toBeGreaterThan(40);
			if (kind !== 'client') {
				// The scroll that follows the terminal's growth may still be on its way on a busy machine.
				await expect
					.poll(async () => (await onScreen(page, `${sel} .runner__frame`))?.visible ?? 0, {
						message: `${chapter}: preview on screen`,
						timeout: 2000,
					})
					.toBeGreaterThanOrEqual(100);
			}
			// On a phone Run flips the snippet to its Output view: the code is out of the way.
			if (name === 'phone')
				expect(await page.locator(`${sel} .snippet__code`).isVisible()).toBe(false);
			// The Run button's row is still in view.
			const run = await onScreen(page, `${sel} [data-action=run]`);
			expect(run?.visible, `${chapter}: Run in view`).toBeGreaterThan(20);
			// Whatever still runs (a server, a client waiting for input) is stopped; Stop is idempotent.
			await page
				.locator(`${sel} snippet-runner`)
				.evaluate((el) => (el as HTMLElement & { stop(): Promise<void> }).stop());
		},
	);

	it('does not move the page while the runner loads on hover (layout shift ≤ 0.01)', async () => {
		const page = await book.open(CHAPTER, { viewport });
		await page.evaluate(() => {
			const w = window as unknown as { shifts: number[]; moved: string[] };
			w.shifts = [];
			w.moved = [];
			new PerformanceObserver((list) => {
				for (const entry of list.getEntries() as Array<
					PerformanceEntry & { value: number; hadRecentInput: boolean }
				>)
					if (!entry.hadRecentInput) {
						w.shifts.push(entry.value);
						const sources = (entry as unknown as { sources: Array<{ node?: Node }> }).sources;
						w.moved.push(
							`${entry.value.toFixed(4)} at ${Math.round(entry.startTime)} ms: ${sources.map((s) => (s.node as Element | undefined)?.className ?? s.node?.nodeName).join(', ')}`,
						);
					}
				// From here on: what hover and the runner's load move. Shifts while the page itself loads
				// (seen once: Starlight's table of contents, 299 ms in) are not what this measures.
			}).observe({ type: 'layout-shift', buffered: false });
		});
		const sel = '#snippet-example-com';
		await placeSnippet(page, sel, 0.3);
		// Reading on: the wheel (a snippet near the viewport loads the runner), then pointing at the code.
		await page.mouse.move(viewport.width / 2, viewport.height / 2);
		await page.mouse.wheel(0, 40);
		await page.waitForTimeout(300);
		await page.locator(`${sel} .snippet__code`).hover();
		await page.locator(`${sel} .cm-editor`).first().waitFor({ timeout: 20_000 });
		// The terminal and the preview are built out of sight once the page is idle.
		await page
			.locator(`${sel} .runner__terminal .xterm`)
			.waitFor({ state: 'attached', timeout: 10_000 });
		await page.waitForTimeout(1000);
		await page.screenshot({ path: join(SHOTS, `hover-${name}.png`) });
		const total = await page.evaluate(() =>
			(window as unknown as { shifts: number[] }).shifts.reduce((a, b) => a + b, 0),
		);
		const moved = await page.evaluate(() => (window as unknown as { moved: string[] }).moved);
		console.log(
			`layout shift during hover + runner load (${name}): ${total.toFixed(4)}${moved.length ? `\n${moved.join('\n')}` : ''}`,
		);
		expect(total).toBeLessThanOrEqual(0.01);
	});
});

/** Snippets whose header and tab row were crowded: many files, a Python tab, a long title. */
const CROWDED = [
	{ chapter: '/03-server/01-base-http-server/', sel: '#snippet-my-httpserver' },
	{ chapter: '/01-web/01-clients-and-messages/', sel: '#snippet-curl' },
	{ chapter: '/01-web/06-web-and-app-servers/', sel: '#snippet-web-app-servers' },
];

describe('a server whose port opens seconds after Run (a busy machine, a slow first boot)', () => {
	const PHONE = { width: 390, height: 844 };
	// The first chapter's server, opening its port 4 s after it starts.
	const server = readFileSync(join(process.cwd(), 'snippets', 'example-com', 'server.mjs'), 'utf8');
	const late = `await new Promise((resolve) => setTimeout(resolve, 4000));\n${server}`;

	async function runLate(page: Page) {
		await placeSnippet(page, SNIPPET, 0.55);
		await hoverLive(page, SNIPPET);
		await replaceCode(page, late);
		await placeSnippet(page, SNIPPET, 0.55);
		await page.locator(`${SNIPPET} [data-action=run]`).click();
		await state(page, 'running');
	}

	/** Waits for the late server's preview to appear and for whatever the page does then to end. */
	async function untilPreviewSettles(page: Page) {
		await page.locator(`${SNIPPET} .runner__frame[src]`).waitFor({ timeout: 15_000 });
		await page.waitForTimeout(600);
		await scrollSettled(page);
	}

	it('on a phone, its preview is brought into view when it appears', async () => {
		const page = await book.open(CHAPTER, { viewport: PHONE });
		await runLate(page);
		await page.locator(`${SNIPPET} .runner__frame[src]`).waitFor({ timeout: 15_000 });
		await scrollSettled(page);
		const preview = await onScreen(page, `${SNIPPET} .runner__frame`);
		expect(preview?.visible, 'preview on screen').toBeGreaterThanOrEqual(100);
		const run = await onScreen(page, `${SNIPPET} [data-action=run]`);
		expect(run?.visible, 'Run in view').toBeGreaterThan(20);
		await press(page, 'stop', SNIPPET);
		await state(page, 'stopped', STOP_MS);
	}, 60_000);

	it('a reader who scrolls away meanwhile (Page Down) is not brought back', async () => {
		const page = await book.open(CHAPTER, { viewport: PHONE });
		await runLate(page);
		await scrollSettled(page);
		// Focus is on Run: Page Down scrolls the page, as a reader reading on past the snippet would.
		const midInSnippet = () =>
			page.evaluate(
				() => !!document.elementFromPoint(innerWidth / 2, innerHeight / 2)?.closest('code-snippet'),
			);
		for (let i = 0; i < 5 && (await midInSnippet()); i++) {
			await page.keyboard.press('PageDown');
			await scrollSettled(page);
		}
		// What the reader reads now: the text in the middle of the screen.
		const reading = () =>
			page.evaluate(() => {
				const w = window as unknown as { reading?: Element | null };
				w.reading ??= document.elementFromPoint(innerWidth / 2, innerHeight / 2);
				return Math.round(w.reading?.getBoundingClientRect().top ?? NaN);
			});
		expect(await midInSnippet(), 'the reader has read on past the snippet').toBe(false);
		const before = await reading();
		await untilPreviewSettles(page);
		// The preview grew the snippet above it (the browser keeps the text in place): no scroll to it.
		expect(await reading()).toBe(before);
		await press(page, 'stop', SNIPPET);
		await state(page, 'stopped', STOP_MS);
	}, 60_000);

	it('a reader who presses on the page meanwhile (the terminal) is not moved', async () => {
		const page = await book.open(CHAPTER, { viewport: PHONE });
		await runLate(page);
		await scrollSettled(page);
		// The reader clicks into the terminal (to type, to select): the page is theirs from then on.
		await page.locator(`${SNIPPET} .runner__terminal`).click({ position: { x: 20, y: 10 } });
		await scrollSettled(page);
		const before = await page.evaluate(() => scrollY);
		await untilPreviewSettles(page);
		expect(await page.evaluate(() => scrollY)).toBe(before);
		await press(page, 'stop', SNIPPET);
		await state(page, 'stopped', STOP_MS);
	}, 60_000);
});

describe('the header and the tab row', () => {
	it.each([1280, 1024, 768, 390, 320])(
		'at %i px wide: every tab and button whole and in the snippet, none over another',
		async (width) => {
			for (const scheme of ['light', 'dark'] as const) {
				const page = await book.open(CROWDED[0]!.chapter, {
					viewport: { width, height: 800 },
					colorScheme: scheme,
				});
				for (const { chapter, sel } of CROWDED) {
					if (!page.url().endsWith(chapter)) await page.goto(book.origin + chapter);
					await page.locator(sel).scrollIntoViewIfNeeded();
					await hoverLive(page, sel);
					const problems = await page.evaluate((sel) => {
						const snippet = document.querySelector(sel)!;
						const outer = snippet.getBoundingClientRect();
						const parts = [
							...snippet.querySelectorAll<HTMLElement>(
								'.snippet__title, .snippet__command, .snippet__actions button, .snippet__tabs [role=tab], .snippet__tools button',
							),
						].filter((el) => el.getClientRects().length > 0);
						const name = (el: HTMLElement) => `"${el.textContent?.trim()}"`;
						const found: string[] = [];
						const boxes = parts.map((el) => ({ el, r: el.getBoundingClientRect() }));
						for (const { el, r } of boxes) {
							if (r.left < outer.left - 0.5 || r.right > outer.right + 0.5)
								found.push(`${name(el)} sticks out of the snippet`);
							if (el.scrollWidth > el.clientWidth + 1) found.push(`${name(el)} is cut`);
						}
						for (const [i, a] of boxes.entries())
							for (const b of boxes.slice(i + 1)) {
								const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
								const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
								if (w > 0.5 && h > 0.5) found.push(`${name(a.el)} overlaps ${name(b.el)}`);
							}
						return found;
					}, sel);
					expect(problems, `${sel} at ${width} px (${scheme})`).toEqual([]);
					await page
						.locator(sel)
						.screenshot({ path: join(SHOTS, `header-${width}-${scheme}-${sel.slice(9)}.png`) });
				}
			}
		},
	);
});

describe('accessibility (axe-core) inside a snippet', () => {
	it.each(['light', 'dark'] as const)(
		'finds nothing in the %s theme, before and after Run',
		async (theme) => {
			const page = await book.open(CHAPTER, {
				viewport: { width: 1280, height: 800 },
				colorScheme: theme,
			});
			await useTheme(page, theme);
			for (const sel of ['#snippet-example-com', '#snippet-curl']) {
				expect(await axeViolations(page, sel), `${sel} static`).toEqual([]);
				await goLive(page, sel);
				expect(await axeViolations(page, sel), `${sel} live`).toEqual([]);
				await page.locator(`${sel} [data-action=run]`).click();
				if (sel === '#snippet-curl') await state(page, 'exited', 15_000, sel);
				else {
					await state(page, 'running', 15_000, sel);
					await page.locator(`${sel} .runner__frame[src]`).waitFor();
				}
				await page.waitForTimeout(500);
				await page
					.locator(sel)
					.screenshot({ path: join(SHOTS, `axe-${theme}-${sel.slice(9)}.png`) });
				expect(await axeViolations(page, sel), `${sel} after Run`).toEqual([]);
				if (sel === '#snippet-example-com') await press(page, 'stop', sel);
			}
		},
	);
});

describe('keyboard', () => {
	const focusInTerminal = (page: Page, sel: string) =>
		page.evaluate((sel) => !!document.activeElement?.closest(`${sel} .runner__terminal`), sel);

	it('Escape leaves the terminal, and so does Tab once no process reads input; Ctrl+Enter runs from it', async () => {
		const page = await book.open(CHAPTER);
		const telnet = '#snippet-telnet';
		await goLive(page, telnet);
		await page.locator(`${telnet} [data-action=run]`).click();
		await waitForOutput(page, 'Connected to', 15_000, telnet);
		await page.locator(`${telnet} .runner__terminal .xterm`).click();
		expect(await focusInTerminal(page, telnet)).toBe(true);
		// The process reads input: Tab is a character for it, Escape still leaves.
		await page.keyboard.press('Escape');
		expect(await focusInTerminal(page, telnet)).toBe(false);
		await press(page, 'stop', telnet);
		await state(page, 'stopped', STOP_MS, telnet);
		await page.locator(`${telnet} .runner__terminal .xterm`).click();
		await page.keyboard.press('Tab');
		expect(await focusInTerminal(page, telnet)).toBe(false);
		await page.locator(`${telnet} .runner__terminal .xterm`).click();
		await page.keyboard.press('Control+Enter');
		await expect.poll(() => runState(page, telnet), { timeout: 15_000 }).toBe('running');
		await press(page, 'stop', telnet);
	});

	it('Escape leaves the editor for the next control', async () => {
		const page = await book.open(CHAPTER);
		await goLive(page, '#snippet-curl');
		await page.locator('#snippet-curl .cm-content').first().click();
		await page.keyboard.press('Escape');
		const inEditor = await page.evaluate(() => !!document.activeElement?.closest('.cm-editor'));
		expect(inEditor).toBe(false);
	});
});

describe('edits', () => {
	it('mark the edited tab, reset offers undo, and a service edited elsewhere is named', async () => {
		const page = await book.open(CHAPTER);
		const tab = page.locator(
			'#snippet-example-com .snippet__tabs [role=tab][data-file="server.mjs"]',
		);
		await goLive(page);
		expect(await tab.getAttribute('data-edited')).toBeNull();
		await replaceCode(page, "console.log('내 서버');\n");
		expect(await tab.getAttribute('data-edited')).toBe('');
		await page.waitForTimeout(600);
		// The curl client talks to example-com: the original, not the reader's edit.
		await goLive(page, '#snippet-curl');
		await page.locator('#snippet-curl [data-action=run]').click();
		const out = await waitForOutput(page, '[종료 코드 0]', 15_000, '#snippet-curl');
		expect(out).toContain('이 예제는 example-com의 원래 코드로 실행됩니다');
		expect(out).toContain('HTTP/1.1 200 OK');
		// Reset, then undo it.
		await page.locator('#snippet-example-com [data-action=reset]').click();
		const editor = page.locator('#snippet-example-com .cm-content').first();
		await expect(editor.textContent()).resolves.toContain('www.example.com 대신');
		expect(await tab.getAttribute('data-edited')).toBeNull();
		await page.getByRole('button', { name: /되돌리기 취소/ }).click();
		await expect(editor.textContent()).resolves.toContain("console.log('내 서버');");
	});

	it('a shared link restores the edits, marked as shared, and never overwrites saved edits without asking', async () => {
		const page = await book.open(CHAPTER);
		await goLive(page);
		await replaceCode(page, "console.log('선생님이 고친 코드');\n");
		await page.locator('#snippet-example-com [data-action=share]').click();
		const link = await page.locator('#snippet-example-com .runner__share-url').inputValue();
		expect(link).toMatch(/#share=example-com:[A-Za-z0-9_-]+$/);
		const path = link.slice(new URL(link).origin.length);

		// A student with nothing saved: the shared code, marked as shared.
		const student = await book.open(path);
		await goLive(student);
		const editor = student.locator('#snippet-example-com .cm-content').first();
		await expect(editor.textContent()).resolves.toContain('선생님이 고친 코드');
		expect(await student.locator('#snippet-example-com').getAttribute('data-shared')).toBe('');
		await expect(
			student.locator('#snippet-example-com .runner__notice').textContent(),
		).resolves.toContain('링크로 공유받은 코드입니다');
		await student.screenshot({ path: join(SHOTS, 'shared-link.png') });

		// A student with edits of their own: asked first, and their saved edits stay.
		const other = await book.open(CHAPTER);
		const own = JSON.stringify({
			hash: await other.locator('#snippet-example-com').getAttribute('data-hash'),
			files: { 'server.mjs': '// 내가 고친 코드\n' },
			savedAt: '2026-01-01',
		});
		await other.evaluate((v) => localStorage.setItem('web-book:edits:example-com', v), own);
		await other.goto(book.origin + path);
		await goLive(other);
		const theirs = other.locator('#snippet-example-com .cm-content').first();
		await expect(theirs.textContent()).resolves.toContain('// 내가 고친 코드');
		const notice = other.locator('#snippet-example-com .runner__notice');
		await expect(notice.textContent()).resolves.toContain('내가 고쳐 저장해 둔 코드도 있습니다');
		await notice.getByRole('button', { name: '공유받은 코드 보기' }).click();
		await expect(theirs.textContent()).resolves.toContain('선생님이 고친 코드');
		await theirs.click();
		await other.keyboard.type('// 더 고침\n');
		await other.waitForTimeout(600);
		expect(await other.evaluate(() => localStorage.getItem('web-book:edits:example-com'))).toBe(
			own,
		);
	});
});

describe('errors, folds, previews and the terminal', () => {
	it('marks the line of a syntax error in the editor, on the file Node named', async () => {
		const page = await book.open(CHAPTER);
		await goLive(page);
		await replaceCode(page, 'const ok = 1;\nconst = 5;\n');
		await page.locator('#snippet-example-com [data-action=run]').click();
		await waitForOutput(page, '[종료 코드 1]');
		const mark = page.locator('#snippet-example-com .cm-lintRange-error');
		await mark.waitFor({ timeout: 5000 });
		const line = await mark.evaluate((el) => el.closest('.cm-line')?.textContent);
		expect(line).toBe('const = 5;');
		expect(await terminalText(page)).toContain('server.mjs 2번째 줄에 표시했습니다');
	});

	it('shows a curl -i run from its status line, not only the tail of the HTML', async () => {
		const page = await book.open(CHAPTER);
		await goLive(page, '#snippet-curl');
		await page.locator('#snippet-curl [data-action=run]').click();
		await state(page, 'exited', 15_000, '#snippet-curl');
		await page.waitForTimeout(300);
		const shown = await page.locator('#snippet-curl .runner__terminal .xterm-rows').innerText();
		expect(shown).toContain('HTTP/1.1 200 OK');
		expect(shown).toContain('Content-Type: text/html');
	});

	it('folds the lines a chapter does not discuss, in the static code and the editor alike', async () => {
		const page = await book.open('/01-web/03-status-codes/', {
			viewport: { width: 1280, height: 800 },
		});
		const sel = '#snippet-status-codes';
		// The Node file's panel: the Python tab has an editor of its own.
		const file = `${sel} .snippet__panel[data-file="server.mjs"]`;
		const staticFolds = await page.locator(`${file} pre .code-fold`).count();
		expect(staticFolds).toBeGreaterThan(0);
		await expect(page.locator(`${file} .snippet__focus`).textContent()).resolves.toContain('44–45');
		await goLive(page, sel);
		// The editor draws only the lines near its viewport: count the folds from top to bottom.
		const placeholders = new Set<string>();
		for (const to of ['top', 'bottom'] as const) {
			await page
				.locator(`${file} .cm-scroller`)
				.evaluate((el, to) => (el.scrollTop = to === 'top' ? 0 : el.scrollHeight), to);
			await page.waitForTimeout(200);
			for (const text of await page.locator(`${file} .cm-foldPlaceholder`).allInnerTexts())
				placeholders.add(text);
		}
		expect(placeholders.size).toBe(staticFolds);
		expect([...placeholders]).toContain('⋯ 1–43번째 줄 (43줄) 접힘');
		await page.locator(`${file} .cm-scroller`).evaluate((el) => (el.scrollTop = 0));
		await page.locator(sel).screenshot({ path: join(SHOTS, 'folded-status-codes.png') });
		// The first line after the first fold is the first taught line.
		const lines = await page.locator(`${file} .cm-gutterElement`).allInnerTexts();
		expect(lines).toContain('44');
		expect(lines).not.toContain('20');
	});

	it("opens each server snippet's preview at a page that is not an error", async () => {
		const seen: string[] = [];
		for (const chapter of CHAPTERS) {
			const page = await book.open(chapter);
			const servers = await page
				// Chapter snippets: an exercise's starter is meant to be wrong (test/browser/exercise.test.ts).
				.locator('code-snippet:not([data-kind=client]):not(book-exercise code-snippet)')
				.evaluateAll((els) => els.map((e) => e.id));
			for (const id of servers) {
				const sel = `#${id}`;
				const pages: Array<{ url: string; status: number }> = [];
				page.on('response', (r) => {
					if (r.request().resourceType() === 'document' && r.frame() !== page.mainFrame())
						pages.push({ url: r.url(), status: r.status() });
				});
				await goLive(page, sel);
				await page.locator(`${sel} [data-action=run]`).click();
				await state(page, 'running', 15_000, sel);
				await page.locator(`${sel} .runner__frame[src]`).waitFor({ timeout: 10_000 });
				const expected = JSON.parse(
					(await page.locator(sel).getAttribute('data-preview')) ?? '{}',
				) as {
					path: string;
				};
				// Redirects are followed; the page the preview ends on is what the reader sees.
				await expect
					.poll(() => pages.at(-1)?.status ?? 0, { message: id, timeout: 10_000 })
					.toBeGreaterThanOrEqual(200);
				await expect
					.poll(() => (pages.at(-1)?.status ?? 0) < 300 || (pages.at(-1)?.status ?? 0) >= 400, {
						timeout: 5000,
					})
					.toBe(true);
				const first = new URL(pages[0]?.url ?? 'http://x/');
				expect(
					`${first.pathname}${first.search}`.endsWith(expected.path),
					`${id} opened ${first.pathname}${first.search}`,
				).toBe(true);
				const last = pages.at(-1);
				expect(
					last?.status,
					`${id} preview at ${expected.path} ended on ${last?.url}`,
				).toBeLessThan(400);
				seen.push(`${id} ${expected.path} → ${last?.status}`);
				await press(page, 'stop', sel);
				await state(page, 'stopped', STOP_MS, sel);
				page.removeAllListeners('response');
			}
		}
		console.log(`previews:\n${seen.join('\n')}`);
		expect(seen.length).toBeGreaterThanOrEqual(10);
	}, 300_000);
});
