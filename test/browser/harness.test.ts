// The browser tests' harness keeps its promise: stopping a server leaves no process behind, not
// even the snippets a page started on its local runtime.
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { expect, it } from 'vitest';
import { startAstroServer } from '../helpers/astro-server.ts';
import { chromiumArgs, chromiumPath } from '../helpers/chromium.mjs';
import { siteBuild } from '../helpers/site-build.ts';
import { CHAPTER, SNIPPET, goLive, state } from './snippet-page.ts';

/** Every live process below `pid`, with its command line. */
function descendants(pid: number): Map<number, string> {
	const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
		.split('\n')
		.map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
		.filter((m): m is RegExpExecArray => m !== null)
		.map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3] ?? '' }));
	const found = new Map<number, string>();
	const visit = (parent: number) => {
		for (const row of rows)
			if (row.ppid === parent && !found.has(row.pid)) {
				found.set(row.pid, row.args);
				visit(row.pid);
			}
	};
	visit(pid);
	return found;
}

const alive = (pid: number) => {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
};

it('stopping the preview server ends it and every snippet process it started, page still open', async () => {
	const build = await siteBuild('root');
	const server = await startAstroServer({ command: 'preview', outDir: build.dist });
	const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
	try {
		const page = await browser.newPage();
		await page.goto(server.origin + CHAPTER);
		await goLive(page);
		await page.locator(`${SNIPPET} [data-action=run]`).click();
		await state(page, 'running');
		const started = descendants(server.pid);
		expect([...started.values()].some((args) => args.includes('server.mjs'))).toBe(true);

		await server.stop();
		expect(alive(server.pid)).toBe(false);
		// The snippet's exit is the server's last act; give the kernel a moment to reap it.
		await expect
			.poll(() => [...started.keys()].filter(alive).map((pid) => started.get(pid)), {
				timeout: 3000,
			})
			.toEqual([]);
	} finally {
		await browser.close();
		await server.stop();
	}
}, 240_000);
