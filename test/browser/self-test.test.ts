// The self-test page in Chromium, on the built book under `astro preview`: every snippet's scenario
// passes on the local runtime through the page's ScenarioHost; a forced WebContainer that cannot
// boot here (no StackBlitz) says so within its timeout instead of hanging; Stop ends a run.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { listSnippetIds } from '../../src/lib/snippets/load.ts';
import { SHOTS } from './screens.ts';
import { useBook } from './site.ts';

const book = useBook();
const PAGE = '/self-test/';

async function finished(page: Page, timeout: number) {
	await page.locator('self-test[data-selftest="pass"], self-test[data-selftest="fail"]').waitFor({
		timeout,
	});
	return page.locator('self-test').evaluate((el) => ({ ...(el as HTMLElement).dataset }));
}

describe('the self-test page', () => {
	it('lists every snippet as static HTML, before anything runs', async () => {
		const page = await book.open(PAGE);
		const ids = await page
			.locator('tr[data-snippet]')
			.evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset['snippet']));
		expect(ids).toEqual(listSnippetIds());
		await expect(page.locator('self-test').getAttribute('data-selftest')).resolves.toBe('idle');
	});

	it('passes for every snippet on the local runtime', async () => {
		const page = await book.open(PAGE);
		await page.locator('[data-start]').click();
		await page.locator('self-test[data-selftest="running"]').waitFor({ timeout: 10_000 });
		const result = await finished(page, 240_000);
		const failures = await page
			.locator('tr[data-snippet]:not([data-state="passed"])')
			.evaluateAll((rows) =>
				rows.map(
					(r) =>
						`${(r as HTMLElement).dataset['snippet']}: ${r.querySelector('[data-cell="message"]')?.textContent}`,
				),
			);
		expect(failures).toEqual([]);
		expect(result).toMatchObject({
			selftest: 'pass',
			passed: String(listSnippetIds().length),
			failed: '0',
			total: String(listSnippetIds().length),
		});
		await expect(page.locator('[data-runtime]').textContent()).resolves.toContain(
			'이 컴퓨터의 Node.js',
		);
		const curl = page.locator('tr[data-snippet="curl"]');
		await expect(curl.locator('[data-cell="runtime"]').textContent()).resolves.toMatch(/v\d+\./);
		await expect(curl.locator('[data-cell="steps"]').textContent()).resolves.toBe('3/3');

		// What a teacher sees after a passing run, wide and narrow, light and dark.
		await page.screenshot({ path: join(SHOTS, 'self-test-pass-1280-light.png'), fullPage: true });
		for (const [width, height, scheme] of [
			[390, 844, 'light'],
			[1280, 800, 'dark'],
			[390, 844, 'dark'],
		] as const) {
			await page.setViewportSize({ width, height });
			await page.emulateMedia({ colorScheme: scheme });
			await page.evaluate((s) => (document.documentElement.dataset['theme'] = s), scheme);
			await page.locator('tr[data-snippet="curl"]').scrollIntoViewIfNeeded();
			await page.screenshot({ path: join(SHOTS, `self-test-pass-${width}-${scheme}.png`) });
		}
	}, 300_000);

	it('with the WebContainer forced where StackBlitz is unreachable, says so instead of hanging', async () => {
		const page = await book.open(`${PAGE}?runtime=webcontainer&boot-timeout=2000`);
		const started = Date.now();
		await page.locator('[data-start]').click();
		const result = await finished(page, 30_000);
		expect(Date.now() - started).toBeLessThan(30_000);
		expect(result['selftest']).toBe('fail');
		expect(['boot-timeout', 'network-blocked', 'boot-failed', 'not-isolated']).toContain(
			result['reason'],
		);
		const summary = await page.locator('[data-summary]').textContent();
		expect(summary).toContain('점검할 수 없습니다');
		await expect(page.locator('[data-runtime]').textContent()).resolves.toContain(
			'실행 환경: 없음',
		);
		const messages = await page
			.locator('td[data-cell="message"]')
			.evaluateAll((cells) => [...new Set(cells.map((c) => c.textContent))]);
		expect(messages).toEqual(['실행할 환경이 없어 점검하지 못했습니다.']);
		const states = await page
			.locator('tr[data-snippet]')
			.evaluateAll((rows) => [...new Set(rows.map((r) => (r as HTMLElement).dataset['state']))]);
		expect(states).toEqual(['not-run']);
		await page.setViewportSize({ width: 1280, height: 800 });
		await page.screenshot({ path: join(SHOTS, 'self-test-webcontainer-unreachable.png') });
	}, 60_000);

	it('stops on Stop: the running snippet and the rest are marked, the page says it stopped', async () => {
		const page = await book.open(PAGE);
		await page.locator('[data-start]').click();
		await page.locator('tr[data-state="running"]').first().waitFor({ timeout: 20_000 });
		await page.locator('[data-stop]').click();
		const result = await finished(page, 15_000);
		expect(result).toMatchObject({ selftest: 'fail', reason: 'stopped' });
		const states = await page
			.locator('tr[data-snippet]')
			.evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset['state']));
		expect(states).not.toContain('running');
		expect(states).not.toContain('waiting');
		expect(states).toContain('stopped');
		await expect(page.locator('[data-summary]').textContent()).resolves.toContain('멈췄습니다');
		await expect(page.locator('[data-stop]').isHidden()).resolves.toBe(true);
	}, 60_000);
});
