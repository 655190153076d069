// The live runner end to end: the built chapter page under `astro preview` (as `npm start` serves
// it), the local runtime, Debian's Chromium. Each test is one thing a reader does, checked by what
// the page then shows.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBook } from './site.ts';
import {
	CHAPTER,
	SNIPPET,
	chaptersWithSnippets,
	goLive,
	replaceCode,
	state,
	terminalText,
	waitForOutput,
	waitForPreview,
	STOP_MS,
	press,
} from './snippet-page.ts';

const book = useBook();
/** Every chapter page that shows a snippet: each of its snippets must run in the page. */
const CHAPTERS_WITH_SNIPPETS = chaptersWithSnippets();

/**
 * The built files of the live runner's libraries (editor, terminal, runtimes), found by what they
 * contain as the bench does: none may load before the reader shows intent.
 */
function runnerChunks(): Set<string> {
	const dir = join(book.build.dist, '_astro');
	const chunks = readdirSync(dir).filter(
		(name) =>
			name.endsWith('.js') &&
			/EditorView|xterm|WebContainer\.boot|webcontainer-api|codemirror/i.test(
				readFileSync(join(dir, name), 'utf8'),
			),
	);
	if (chunks.length === 0) throw new Error(`no runner code found in ${dir}`);
	return new Set(chunks.map((name) => `${book.build.base}_astro/${name}`));
}
const isRunnerCode = (url: string, chunks: Set<string>) => chunks.has(new URL(url).pathname);

const openChapter = (query = '', chapter = CHAPTER): Promise<Page> =>
	book.open(`${chapter}${query}`);

describe('live runner in the chapter page (local runtime)', () => {
	it('loads no editor, terminal or runtime code with the page, only on intent', async () => {
		const page = await openChapter();
		const requested: string[] = [];
		page.on('request', (r) => requested.push(r.url()));
		const chunks = runnerChunks();
		await page.reload({ waitUntil: 'networkidle' });
		expect(requested.filter((u) => isRunnerCode(u, chunks))).toEqual([]);
		expect(requested.some((u) => u.includes('/__runner/'))).toBe(false);
		await goLive(page);
		expect(requested.filter((u) => isRunnerCode(u, chunks)).length).toBeGreaterThan(0);
	});

	it('boots nothing and loads no runner code while the reader only scrolls past snippets', async () => {
		const page = await openChapter();
		const requested: string[] = [];
		page.on('request', (r) => requested.push(r.url()));
		const chunks = runnerChunks();
		await page.reload({ waitUntil: 'networkidle' });
		// The pointer rests where snippets will pass under it: the browser then sends pointerenter.
		await page.mouse.move(400, 300);
		for (let i = 0; i < 4; i++) {
			await page.mouse.wheel(0, 300);
			await page.waitForTimeout(250);
		}
		await page.waitForTimeout(1000);
		// Scrolling is not intent toward a snippet: a WebContainer boot is a metered session.
		expect(requested.filter((u) => isRunnerCode(u, chunks))).toEqual([]);
		expect(requested.some((u) => u.includes('/__runner/'))).toBe(false);
		expect(await page.locator('code-snippet .cm-editor').count()).toBe(0);
	});

	it('runs the edited code on Ctrl+Enter and shows its output and exit code', async () => {
		const page = await openChapter();
		await goLive(page);
		await replaceCode(
			page,
			"console.log('안녕, ' + 6 * 7);\nconsole.log(process.version);\nprocess.exit(3);\n",
		);
		await page.keyboard.press('Control+Enter');
		const out = await waitForOutput(page, '[종료 코드 3]');
		expect(out).toContain('안녕, 42');
		expect(out).toMatch(/v20\.\d+\.\d+/);
		await state(page, 'exited');
		await expect(page.locator(`${SNIPPET} .runner__status`).textContent()).resolves.toContain(
			'종료 코드 3',
		);
	});

	it('shows a thrown error with its stack trace and exit code 1', async () => {
		const page = await openChapter();
		await goLive(page);
		await replaceCode(page, "function deep() { throw new Error('일부러 낸 오류'); }\ndeep();\n");
		await page.locator(`${SNIPPET} [data-action=run]`).click();
		const out = await waitForOutput(page, '[종료 코드 1]');
		expect(out).toContain('Error: 일부러 낸 오류');
		expect(out).toMatch(/at deep \(.*server\.mjs:1/);
	});

	it("previews a server snippet's page and round-trips a raw request in the inspector", async () => {
		const page = await openChapter();
		await goLive(page);
		await page.locator(`${SNIPPET} [data-action=run]`).click();
		await state(page, 'running');
		const frame = page.frameLocator(`${SNIPPET} .runner__frame`);
		await expect(frame.locator('h1').textContent({ timeout: 10_000 })).resolves.toBe(
			'Example Domain',
		);
		await waitForOutput(page, 'GET / HTTP/1.1');

		const form = page.locator(`${SNIPPET} .runner__inspector-form`);
		await form.locator('select[name=method]').selectOption('HEAD');
		await form.locator('input[name=path]').fill('/');
		await form.locator('textarea[name=headers]').fill('User-Agent: book-reader/1.0');
		await form.locator('button[type=submit]').click();
		const request = page.locator(`${SNIPPET} [data-message=request] pre`);
		const response = page.locator(`${SNIPPET} [data-message=response] pre`);
		await response.waitFor({ timeout: 10_000 });
		// The port the server really listens on (a free one when 8080 is taken on this machine).
		const listening = /비어 있는 (\d+)번/.exec(await terminalText(page))?.[1] ?? '8080';
		// Host carries the address and the port the request went to, as a real client sends it.
		expect(await request.textContent()).toContain(
			`HEAD / HTTP/1.1\nHost: 127.0.0.1:${listening}\nUser-Agent: book-reader/1.0\nConnection: close\n↵`,
		);
		const raw = (await response.textContent()) ?? '';
		expect(raw).toMatch(/^HTTP\/1\.1 200 OK/);
		expect(raw).toContain('Content-Type: text/html');
		// A HEAD response has the headers of a GET and no body after the blank line.
		expect(raw.trimEnd().endsWith('↵')).toBe(true);
		// The same request from the reader's own terminal goes to the port the server really listens on.
		expect(await page.locator(`${SNIPPET} .runner__curl code`).textContent()).toBe(
			`curl -i -I -H 'User-Agent: book-reader/1.0' http://127.0.0.1:${listening}/`,
		);
		// The server saw it too, in its own log.
		await waitForOutput(page, 'HEAD / HTTP/1.1 — book-reader/1.0');

		// Bad input is explained, not sent.
		await form.locator('input[name=path]').fill('no slash');
		await form.locator('button[type=submit]').click();
		await expect(
			page.locator(`${SNIPPET} .runner__problem`).first().textContent(),
		).resolves.toContain('공백');
	});

	it('sends what the reader types to stdin: a raw request typed into the telnet client', async () => {
		const page = await openChapter();
		const telnet = '#snippet-telnet';
		await goLive(page, telnet);
		await page.locator(`${telnet} [data-action=run]`).click();
		await waitForOutput(page, 'Connected to', 15_000, telnet);
		await page.locator(`${telnet} .runner__terminal .xterm`).click();
		for (const line of ['GET / HTTP/1.1', 'Host: www.example.com', '']) {
			await page.keyboard.type(line);
			await page.keyboard.press('Enter');
		}
		let out = await waitForOutput(page, '</html>', 10_000, telnet);
		expect(out).toContain('GET / HTTP/1.1'); // echoed as typed
		expect(out).toContain('HTTP/1.1 200 OK');
		expect(out).toContain('<title>Example Domain</title>');
		for (const line of [
			'GET /missing HTTP/1.1',
			'Host: www.example.com',
			'Connection: close',
			'',
		]) {
			await page.keyboard.type(line);
			await page.keyboard.press('Enter');
		}
		out = await waitForOutput(page, '[종료 코드 0]', 10_000, telnet);
		expect(out).toContain('HTTP/1.1 404 Not Found');
		expect(out).toContain('Connection closed by foreign host.');
		// The service's own log shows both requests arrived.
		expect(out).toMatch(/\[example-com\] GET \/missing HTTP\/1\.1/);
	});

	it.each(CHAPTERS_WITH_SNIPPETS)('runs every snippet of %s as written', async (chapter) => {
		const page = await openChapter('', chapter);
		const ids = await page
			// An exercise's starter is meant to be wrong: test/browser/exercise.test.ts checks those.
			.locator('code-snippet:not(book-exercise code-snippet)')
			.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset['snippetId'] ?? ''));
		expect(ids.length).toBeGreaterThanOrEqual(1);
		for (const id of ids) {
			const sel = `#snippet-${id}`;
			const kind = await page.locator(sel).getAttribute('data-kind');
			await goLive(page, sel);
			await page.locator(`${sel} [data-action=run]`).click();
			if (kind === 'client') {
				// A client ends by itself, except one that waits for the reader's input (telnet).
				const runner = page.locator(`${sel} snippet-runner`);
				let waiting = false;
				for (
					const until = Date.now() + 15_000;
					Date.now() < until;
					await page.waitForTimeout(100)
				) {
					if ((await runner.getAttribute('data-state')) === 'exited') break;
					if ((await terminalText(page, sel)).includes('Connected to')) {
						waiting = true;
						break;
					}
				}
				const out = await terminalText(page, sel);
				if (waiting) {
					expect(out, id).toContain('Connected to');
					await press(page, 'stop', sel);
					await state(page, 'stopped', STOP_MS, sel);
				} else {
					expect(out, id).toContain('[종료 코드 0]');
				}
			} else {
				await state(page, 'running', 15_000, sel);
				await waitForPreview(page, sel, id);
				await press(page, 'stop', sel);
				await state(page, 'stopped', STOP_MS, sel);
			}
		}
	});

	it('stops an infinite loop within 2 s', async () => {
		const page = await openChapter();
		await goLive(page);
		await replaceCode(page, "console.log('돌기 시작');\nwhile (true) {}\n");
		await page.locator(`${SNIPPET} [data-action=run]`).click();
		await waitForOutput(page, '돌기 시작');
		await state(page, 'running');
		const started = Date.now();
		await press(page, 'stop', SNIPPET);
		await state(page, 'stopped', 2000);
		expect(Date.now() - started).toBeLessThan(2000);
		await waitForOutput(page, '멈춤 버튼으로 멈췄습니다');
	});

	it('keeps edits across a reload, and Reset brings the original back', async () => {
		const page = await openChapter();
		await goLive(page);
		await replaceCode(page, "console.log('내가 고친 코드');\n");
		await page.waitForTimeout(600);
		await page.reload();
		await goLive(page);
		const editor = page.locator(`${SNIPPET} .cm-content`).first();
		await expect(editor.textContent()).resolves.toContain("console.log('내가 고친 코드');");
		await page.locator(`${SNIPPET} [data-action=reset]`).click();
		await expect(editor.textContent()).resolves.toContain(
			'www.example.com 대신 쓰는 작은 서버입니다.',
		);
		await page.reload();
		await goLive(page);
		await expect(page.locator(`${SNIPPET} .cm-content`).first().textContent()).resolves.toContain(
			'www.example.com 대신 쓰는 작은 서버입니다.',
		);
	});

	it('offers edits made against an older edition instead of applying them', async () => {
		const page = await openChapter();
		await page.evaluate(() =>
			localStorage.setItem(
				'web-book:edits:example-com',
				JSON.stringify({
					hash: 'an-old-edition',
					files: { 'server.mjs': '// 지난 판에서 고친 코드' },
					savedAt: '2020-01-01',
				}),
			),
		);
		await goLive(page);
		const editor = page.locator(`${SNIPPET} .cm-content`).first();
		await expect(editor.textContent()).resolves.toContain('www.example.com 대신');
		const notice = page.locator(`${SNIPPET} .runner__notice`);
		await expect(notice.textContent()).resolves.toContain('새 판에서 바뀌었습니다');
		await notice.getByRole('button', { name: '내 수정본 불러오기' }).click();
		await expect(editor.textContent()).resolves.toContain('// 지난 판에서 고친 코드');
	});

	it('stays responsive while a snippet prints a million lines', async () => {
		const page = await openChapter();
		await goLive(page);
		await replaceCode(page, 'for (let i = 0; i < 1e6; i++) console.log(`줄 ${i}`);\n');
		// The longest gap between animation frames while the output streams in.
		await page.evaluate(() => {
			const w = window as unknown as { maxGap: number; last: number };
			w.maxGap = 0;
			w.last = performance.now();
			const tick = (now: number) => {
				w.maxGap = Math.max(w.maxGap, now - w.last);
				w.last = now;
				requestAnimationFrame(tick);
			};
			requestAnimationFrame(tick);
		});
		await page.locator(`${SNIPPET} [data-action=run]`).click();
		await page
			.locator(`${SNIPPET} snippet-runner:is([data-state="exited"], [data-state="stopped"])`)
			.waitFor({ timeout: 60_000 });
		await page.waitForTimeout(500);
		const maxGap = await page.evaluate(() => (window as unknown as { maxGap: number }).maxGap);
		expect(maxGap).toBeLessThan(1000);
		const out = await terminalText(page);
		// Either every line arrived or the 5 MB limit ended it, saying so; the end is on screen.
		expect(out).toMatch(/줄 999999[\s\S]*\[종료 코드 0\]|출력이 5 MB를 넘어 멈췄습니다/);
	});

	it('ignores corrupt saved edits with a notice', async () => {
		const page = await openChapter();
		await page.evaluate(() => localStorage.setItem('web-book:edits:example-com', '{broken'));
		await goLive(page);
		await expect(page.locator(`${SNIPPET} .runner__notice`).textContent()).resolves.toContain(
			'저장된 수정본을 읽을 수 없어',
		);
		await expect(page.locator(`${SNIPPET} .cm-content`).first().textContent()).resolves.toContain(
			'www.example.com 대신',
		);
	});
});
