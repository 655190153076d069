// The screens a browser test looks at a page on: a laptop and a phone, Starlight's light and dark
// themes, and the folder their screenshots go to (node_modules/.cache/web-book/screenshots/).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** Where screenshots go; made when a test file imports this. */
export const SHOTS = join(process.cwd(), 'node_modules', '.cache', 'web-book', 'screenshots');
mkdirSync(SHOTS, { recursive: true });

export const SCREENS = [
	{ name: 'laptop', viewport: { width: 1280, height: 800 } },
	{ name: 'phone', viewport: { width: 390, height: 844 } },
] as const;

/** Puts the open page in Starlight's `theme`, and keeps it in storage as its theme picker does. */
export async function useTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
	await page.evaluate((t) => {
		localStorage.setItem('starlight-theme', t);
		document.documentElement.dataset['theme'] = t;
	}, theme);
}
