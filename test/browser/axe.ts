// axe-core in a test page: the accessibility violations inside one element, as readable lines.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export async function axeViolations(page: Page, sel: string): Promise<string[]> {
	if (!(await page.evaluate(() => 'axe' in window)))
		await page.addScriptTag({
			content: readFileSync(join(process.cwd(), 'node_modules', 'axe-core/axe.min.js'), 'utf8'),
		});
	return page.evaluate(async (sel) => {
		const axe = (window as unknown as { axe: { run: Function } }).axe;
		const result = await axe.run(sel, { iframes: false, resultTypes: ['violations'] });
		return (
			result.violations as Array<{
				id: string;
				help: string;
				nodes: Array<{ target: string[]; failureSummary: string }>;
			}>
		).map(
			(v) =>
				`${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}: ${n.failureSummary}`).join('\n')}`,
		);
	}, sel);
}
