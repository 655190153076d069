// Exercises in Chromium, on the built book under `astro preview` with the local runtime: a starter
// checked in the page fails with the failing expectation's own sentence, the loaded solution passes,
// the pass survives a reload and shows in the sidebar, stale or unreadable progress is not taken for a
// pass, a page without a live runtime gives the local command, and every state of the exercise is
// reachable by keyboard and free of axe violations, wide and narrow, light and dark (screenshots in
// node_modules/.cache/web-book/screenshots/exercise-*.png).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { offReasonText } from '../../src/runner/page-runtime.ts';
import { PROGRESS_KEY } from '../../src/runner/ui/exercise/progress.ts';
import { axeViolations } from './axe.ts';
import { SHOTS } from './screens.ts';
import { useBook } from './site.ts';

const book = useBook();
const CHAPTER = '/01-web/03-status-codes/';
const ID = 'status-404-301';
const EX = `#exercise-${ID}`;
const SIDEBAR_COUNT = `nav.sidebar a[href$="${CHAPTER}"] .exercise-count`;
const exerciseFile = (which: 'starter' | 'solution') =>
	readFileSync(join(process.cwd(), 'exercises', ID, which, 'server.mjs'), 'utf8');

async function check(page: Page, wanted: 'pass' | 'fail' | 'unavailable') {
	await page.locator(`${EX} [data-action=check]`).click();
	await page.locator(`${EX}[data-check]`).waitFor({ timeout: 60_000 });
	// On a mismatch, the verdict the reader sees says which expectation went the other way.
	const shown = await page
		.locator(`${EX} [data-result]`)
		.innerText({ timeout: 1000 })
		.catch(() => '');
	expect(await page.locator(EX).getAttribute('data-check'), shown).toBe(wanted);
}

async function editorFiles(page: Page): Promise<Record<string, string>> {
	return page
		.locator(`${EX} snippet-runner`)
		.evaluate((el) => (el as HTMLElement & { files(): Record<string, string> }).files());
}

async function sidebarCount(page: Page) {
	const badge = page.locator(SIDEBAR_COUNT);
	return { passed: await badge.getAttribute('data-passed'), text: await badge.textContent() };
}

describe('an exercise in its chapter', () => {
	it('fails the starter with the expectation’s sentence, passes the loaded solution, and remembers it', async () => {
		const page = await book.open(CHAPTER, { viewport: { width: 1280, height: 800 } });
		expect(await sidebarCount(page)).toEqual({
			passed: '0',
			text: '0/2(연습 문제 2개 중 0개 통과)',
		});

		await check(page, 'fail');
		const result = page.locator(`${EX} [data-result]`);
		const failed = result.locator('.exercise__item[data-state=failed]');
		await expect(failed.first().textContent()).resolves.toContain(
			'옮긴 주소(/old-about)에는 301 Moved Permanently로 답합니다.',
		);
		await expect(failed.first().textContent()).resolves.toContain(
			'301 상태 코드를 기대했는데 200이 왔습니다.',
		);
		await expect(
			result.locator('.exercise__item[data-state=passed]').first().textContent(),
		).resolves.toContain('있는 페이지(/about)에는 200으로 답합니다.');
		await expect(result.locator('.exercise__summary').textContent()).resolves.toMatch(
			/^아직입니다: 9가지 중 4가지 통과, 5가지 실패/,
		);
		// The failed step's raw request and response, one click away.
		const exchange = result.locator('.exercise__exchange').first();
		await expect(exchange.locator('.exercise__raw').first().isVisible()).resolves.toBe(false);
		await exchange.locator('summary').click();
		await expect(exchange.locator('.exercise__raw').first().textContent()).resolves.toContain(
			'GET /old-about HTTP/1.1',
		);
		await expect(exchange.locator('.exercise__raw').nth(1).textContent()).resolves.toMatch(
			/^HTTP\/1\.1 200 OK/,
		);
		expect(await sidebarCount(page)).toMatchObject({ passed: '0' });

		// The solution as a diff, then loaded; the reader's code kept for undo.
		await page.locator(`${EX} [data-action=solution]`).click();
		await page.locator(`${EX} .exercise__diff .cm-editor`).waitFor();
		expect(await page.locator(`${EX} .exercise__diff .cm-deletedChunk`).count()).toBeGreaterThan(0);
		await expect(page.locator(`${EX} .exercise__diff-file`).textContent()).resolves.toMatch(
			/server\.mjs — 바뀐 곳 \d+군데/,
		);
		expect(await editorFiles(page)).toEqual({ 'server.mjs': exerciseFile('starter') });
		await page.locator(`${EX} [data-action=load-solution]`).click();
		expect(await editorFiles(page)).toEqual({ 'server.mjs': exerciseFile('solution') });
		await page.locator(`${EX} [data-action=undo-solution]`).click();
		expect(await editorFiles(page)).toEqual({ 'server.mjs': exerciseFile('starter') });
		await page.locator(`${EX} [data-action=load-solution]`).click();

		await check(page, 'pass');
		await expect(result.locator('.exercise__summary').textContent()).resolves.toBe(
			'통과했습니다! 확인한 9가지를 모두 만족합니다.',
		);
		await expect(result.locator('.exercise__item:not([data-state=passed])').count()).resolves.toBe(
			0,
		);
		const progress = page.locator(`${EX} [data-progress]`);
		await expect(progress.getAttribute('data-state')).resolves.toBe('passed');
		expect(await sidebarCount(page)).toMatchObject({
			passed: '1',
			text: expect.stringMatching(/^1\/2/),
		});

		// After a reload: still passed, here and in the sidebar (of another page too).
		await page.reload();
		await expect(progress.getAttribute('data-state')).resolves.toBe('passed');
		await expect(progress.textContent()).resolves.toContain('통과한 문제입니다');
		expect(await sidebarCount(page)).toMatchObject({ passed: '1' });
		await page.goto(`${book.origin}/01-web/04-urls/`);
		expect(await sidebarCount(page)).toMatchObject({ passed: '1' });
		await page.goBack();

		// Cleared by the reader.
		await page.locator(`${EX} [data-action=clear-progress]`).click();
		await expect(progress.isHidden()).resolves.toBe(true);
		expect(await sidebarCount(page)).toMatchObject({ passed: '0' });
		await page.reload();
		expect(await sidebarCount(page)).toMatchObject({ passed: '0' });
	}, 180_000);

	it('does not count a pass of an earlier version of the exercise', async () => {
		const page = await book.open(CHAPTER, {
			prepare: (p) =>
				p.addInitScript(
					([key, id]) =>
						localStorage.setItem(
							key,
							JSON.stringify({
								version: 1,
								passed: { [id]: { hash: '0000000000000000', at: '2026-01-01T00:00:00Z' } },
							}),
						),
					[PROGRESS_KEY, ID] as const,
				),
		});
		const progress = page.locator(`${EX} [data-progress]`);
		await expect(progress.getAttribute('data-state')).resolves.toBe('changed');
		await expect(progress.textContent()).resolves.toContain('바뀌었습니다');
		expect(await sidebarCount(page)).toMatchObject({ passed: '0' });
	});

	it('ignores unreadable progress with a notice', async () => {
		const page = await book.open(CHAPTER, {
			prepare: (p) =>
				p.addInitScript((key) => localStorage.setItem(key, '{not json'), PROGRESS_KEY),
		});
		const progress = page.locator(`${EX} [data-progress]`);
		await expect(progress.isVisible()).resolves.toBe(true);
		await expect(progress.getAttribute('data-state')).resolves.toBe('corrupt');
		await expect(progress.textContent()).resolves.toContain('읽을 수 없어 무시했습니다');
		expect(await sidebarCount(page)).toMatchObject({ passed: '0' });
	});

	it('without a live runtime, says why and gives the local command', async () => {
		const page = await book.open(`${CHAPTER}?runtime=recorded`);
		await check(page, 'unavailable');
		const result = page.locator(`${EX} [data-result]`);
		await expect(result.textContent()).resolves.toContain('이 페이지에서는 확인할 수 없습니다');
		await expect(result.textContent()).resolves.toContain(offReasonText('forced'));
		await expect(result.locator('.exercise__command').textContent()).resolves.toBe(
			`npm run check -- ${ID} server.mjs`,
		);
		await page.locator(EX).screenshot({ path: join(SHOTS, 'exercise-unavailable.png') });
	});

	it('hints come one at a time, and everything is reachable by keyboard', async () => {
		const page = await book.open(CHAPTER);
		const hints = page.locator(`${EX} [data-hint]`);
		const total = await hints.count();
		expect(total).toBe(3);
		const visible = () =>
			hints.evaluateAll((els) => els.filter((e) => (e as HTMLElement).checkVisibility()).length);
		expect(await visible()).toBe(0);
		// From 확인, Tab reaches the hint button; Enter shows the first hint and moves focus to it.
		await page.locator(`${EX} [data-action=check]`).focus();
		const focused = () =>
			page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset['action'] ?? '');
		for (let i = 0; i < 40 && (await focused()) !== 'hint'; i++) await page.keyboard.press('Tab');
		expect(await focused()).toBe('hint');
		await page.keyboard.press('Enter');
		expect(await visible()).toBe(1);
		expect(await page.evaluate(() => document.activeElement?.getAttribute('data-hint'))).toBe('0');
		for (let i = 2; i <= total; i++) {
			await page.locator(`${EX} [data-action=hint]`).click();
			expect(await visible()).toBe(i);
		}
		await expect(page.locator(`${EX} [data-action=hint]`).isDisabled()).resolves.toBe(true);
		// The solution's buttons by keyboard: 풀이 보기 focuses the diff's heading, then Tab reaches 풀이 불러오기.
		await page.locator(`${EX} [data-action=solution]`).focus();
		await page.keyboard.press('Enter');
		await page.locator(`${EX} .exercise__diff .cm-editor`).waitFor();
		for (let i = 0; i < 10 && (await focused()) !== 'load-solution'; i++)
			await page.keyboard.press('Tab');
		expect(await focused()).toBe('load-solution');
		await page.keyboard.press('Enter');
		expect(await focused()).toBe('undo-solution');
	}, 60_000);
});

describe.each([
	{ width: 1280, height: 800, scheme: 'light' },
	{ width: 1280, height: 800, scheme: 'dark' },
	{ width: 390, height: 844, scheme: 'light' },
	{ width: 390, height: 844, scheme: 'dark' },
] as const)('at $width×$height, $scheme', ({ width, height, scheme }) => {
	it('every state of an exercise is free of axe violations (screenshots of each)', async () => {
		const page = await book.open(CHAPTER, {
			viewport: { width, height },
			colorScheme: scheme,
			prepare: (p) => p.addInitScript((s) => localStorage.setItem('starlight-theme', s), scheme),
		});
		const shot = async (state: string, sel: string) => {
			await page.locator(sel).scrollIntoViewIfNeeded();
			await page.waitForTimeout(150);
			await page.screenshot({ path: join(SHOTS, `exercise-${state}-${width}-${scheme}.png`) });
		};
		await page.evaluate((sel) => document.querySelector(sel)?.scrollIntoView(), EX);
		await shot('before', `${EX} .exercise__task`);
		expect(await axeViolations(page, EX), 'before').toEqual([]);
		await check(page, 'fail');
		await page.locator(`${EX} .exercise__exchange summary`).first().click();
		await shot('failed', `${EX} [data-result]`);
		expect(await axeViolations(page, EX), 'after a failed check').toEqual([]);
		await page.locator(`${EX} [data-action=hint]`).click();
		await shot('hint', `${EX} [data-hints]`);
		expect(await axeViolations(page, EX), 'with a hint').toEqual([]);
		await page.locator(`${EX} [data-action=solution]`).click();
		await page.locator(`${EX} .exercise__diff .cm-editor`).waitFor();
		await shot('diff', `${EX} .exercise__diff`);
		expect(await axeViolations(page, EX), 'with the solution’s diff').toEqual([]);
		expect(await axeViolations(page, 'nav.sidebar'), 'the sidebar’s counts').toEqual([]);
	}, 120_000);
});
