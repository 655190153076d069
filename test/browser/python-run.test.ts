// The Python tab's Run under the local runtime (this machine's python3, 3.11): the same terminal,
// preview and request console as the Node run, running the Python code, editable like the Node code;
// and, where Python cannot run (a WebContainer, the recording, a machine without Python 3.11 or
// later) or lacks what the code uses (3.15 and CGIHTTPRequestHandler), the sentence in the tab that
// says so. Screenshots go to node_modules/.cache/web-book/screenshots/python-*.png.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe.ts';
import { SCREENS, SHOTS, useTheme } from './screens.ts';
import { useBook, type OpenOptions } from './site.ts';
import {
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
/** The Python the local runtime runs here: `python3 --version` says e.g. `Python 3.11.7`. */
const PYTHON = execFileSync('python3', ['--version'], { encoding: 'utf8' }).trim().split(' ')[1];

const CLIENTS = '/01-web/01-clients-and-messages/';
const CGI = '/03-server/03-cgi-http-server/';

/** Opens the Python tab of `sel` (the snippet must be live). */
async function pythonTab(page: Page, sel: string) {
	await page.locator(`${sel} [data-python-tab]`).click();
	await page.locator(`${sel} [data-role=python][data-active]`).waitFor();
}

/** The Python tab's sentence about running here, once the page knows its runtime. */
async function gate(page: Page, sel: string): Promise<{ state: string; text: string }> {
	const where = page.locator(`${sel} [data-python-where][data-gate]`);
	await where.waitFor({ state: 'attached', timeout: 15_000 });
	return {
		state: (await where.getAttribute('data-gate')) ?? '',
		text: (await where.textContent()) ?? '',
	};
}

/** The Python file `file`'s panel in the Python tab. */
const pythonFile = (sel: string, file: string) =>
	`${sel} .snippet__python-code[data-file="${file}"]`;

/** Its editor. */
const pythonEditor = (sel: string, file: string) => `${pythonFile(sel, file)} .cm-content`;

/** Replaces a Python file's code in its editor, as typed by the reader. */
const replacePython = (page: Page, sel: string, file: string, code: string) =>
	replaceCode(page, code, pythonFile(sel, file));

/**
 * Makes the page hear the probe's answer as a machine with `python` would give it (undefined: no
 * usable Python). In the page, around its own `fetch`: the real answer (and its token) with only the
 * Python changed, and no extra hop that a loaded machine could push past the probe's timeout.
 */
function probeSays(python: string | undefined): NonNullable<OpenOptions['prepare']> {
	return (page) =>
		page.addInitScript((python: string | null) => {
			const fetchFirst = window.fetch.bind(window);
			window.fetch = async (input, init) => {
				const response = await fetchFirst(input, init);
				const url = input instanceof Request ? input.url : String(input);
				if (!new URL(url, location.href).pathname.endsWith('/__runner/probe')) return response;
				const body = (await response.json()) as Record<string, unknown>;
				if (python === null) delete body['python'];
				else body['python'] = python;
				return new Response(JSON.stringify(body), {
					status: response.status,
					headers: response.headers,
				});
			};
		}, python ?? null);
}

/** Sends one request from the snippet's request console; returns the raw response shown. */
async function send(page: Page, sel: string, method: string, path: string, body = '') {
	const form = page.locator(`${sel} .runner__inspector-form`);
	await form.locator('select[name=method]').selectOption(method);
	await form.locator('input[name=path]').fill(path);
	await form
		.locator('textarea[name=headers]')
		.fill(body ? 'Content-Type: application/x-www-form-urlencoded' : '');
	await form.locator('textarea[name=body]').fill(body);
	await form.locator('button[type=submit]').click();
	// The exchange is drawn whole once the answer is in: its request line says it is this one.
	const request = page.locator(`${sel} [data-message=request] pre`);
	await expect
		.poll(async () => (await request.textContent().catch(() => '')) ?? '', { timeout: 10_000 })
		.toContain(`${method} ${path} HTTP/1.1`);
	const response = page.locator(`${sel} [data-message=response] pre`);
	return (await response.textContent()) ?? '';
}

async function stop(page: Page, sel: string) {
	await page
		.locator(`${sel} snippet-runner`)
		.evaluate((el) => (el as HTMLElement & { stop(): Promise<void> }).stop());
}

describe('the Python tab runs the Python code under the local runtime', () => {
	it('a Python client: its output in the terminal, which Python ran it said before and in the run', async () => {
		const page = await book.open(CLIENTS);
		const sel = '#snippet-curl';
		await goLive(page, sel);
		await pythonTab(page, sel);
		const said = await gate(page, sel);
		expect(said.state).toBe('ready');
		expect(said.text).toContain(`이 컴퓨터의 python3(파이썬 ${PYTHON})`);
		await page.locator(`${sel} [data-action=run-python]`).click();
		const out = await waitForOutput(page, '[종료 코드 0]', 15_000, sel);
		expect(out).toContain(`이 컴퓨터의 Python ${PYTHON} (python3)`);
		expect(out).toMatch(/\$ python3 curl\.py -i http:\/\/localhost:8080\//);
		// http.client's status line and the example.com stand-in (a Node service) that answered it.
		expect(out).toContain('HTTP/1.1 200 OK');
		expect(out).toContain('<title>Example Domain</title>');
		expect(await page.locator(`${sel} snippet-runner`).getAttribute('data-variant')).toBe('python');
		// The header's Run still runs the Node code, in the same terminal.
		await page.locator(`${sel} [data-action=run]`).click();
		const node = await waitForOutput(page, '$ node curl.mjs', 15_000, sel);
		expect(node).not.toContain('(python3)');
		await state(page, 'exited', 15_000, sel);
		expect(await page.locator(`${sel} snippet-runner`).getAttribute('data-variant')).toBe('node');
	});

	it('a Python server: the preview shows its page and the request console talks to it', async () => {
		const page = await book.open('/03-server/01-base-http-server/');
		const sel = '#snippet-my-httpserver';
		await goLive(page, sel);
		await pythonTab(page, sel);
		await page.locator(`${sel} [data-action=run-python]`).click();
		await state(page, 'running', 15_000, sel);
		await expect(page.locator(`${sel} [data-action=run-python]`).textContent()).resolves.toBe(
			'↻ 파이썬으로 다시 실행',
		);
		const frame = page.frameLocator(`${sel} .runner__frame`);
		await expect(frame.locator('h1').textContent({ timeout: 10_000 })).resolves.toBe(
			'웹 서버가 응답했습니다',
		);
		const raw = await send(page, sel, 'GET', '/hello?name=web');
		expect(raw).toMatch(/^HTTP\/1\.0 200 OK/);
		// The server that answered is Python's http.server, not the Node code.
		expect(raw).toContain(`Server: BaseHTTP/0.6 Python/${PYTHON}`);
		expect(raw).toContain('요청한 경로: /hello?name=web');
		// Its own log, as Python prints it, in the terminal.
		await waitForOutput(page, '"GET /hello?name=web HTTP/1.1" 200', 5000, sel);
		await press(page, 'stop', sel);
		await state(page, 'stopped', STOP_MS, sel);
	});

	it(`a Python CGI server (CGIHTTPRequestHandler) runs on this machine's Python ${PYTHON}`, async () => {
		const page = await book.open(CGI);
		const sel = '#snippet-cgi-http-server';
		await goLive(page, sel);
		await pythonTab(page, sel);
		const said = await gate(page, sel);
		expect(said.state).toBe('ready');
		expect(said.text).not.toContain('사라졌습니다');
		await page.locator(`${sel} [data-action=run-python]`).click();
		await state(page, 'running', 15_000, sel);
		const frame = page.frameLocator(`${sel} .runner__frame`);
		await expect(frame.locator('form').getAttribute('action', { timeout: 10_000 })).resolves.toBe(
			'/cgi-bin/form.mjs',
		);
		// A Python CGI script, and the snippet's Node one: Python runs both (the Node script because
		// it is executable, as in the repository).
		const env = await send(page, sel, 'GET', '/cgi-bin/env.py?q=1');
		expect(env).toMatch(/^HTTP\/1\.0 200 Script output follows/);
		expect(env).toContain('QUERY_STRING=q=1');
		expect(env).toContain('SCRIPT_NAME=/cgi-bin/env.py');
		const form = await send(page, sel, 'POST', '/cgi-bin/form.mjs', 'name=web&message=hello+cgi');
		expect(form).toMatch(/^HTTP\/1\.0 200 Script output follows/);
		expect(form).toContain('<tr><th>message</th><td>hello cgi</td></tr>');
		await stop(page, sel);
	});
});

describe('the Python tab folds the lines its chapter does not discuss, as a Node tab does', () => {
	it('in the static code and the editor, opened by click and by keyboard, kept through Run', async () => {
		const page = await book.open('/01-web/02-methods/', { viewport: { width: 1280, height: 800 } });
		const sel = '#snippet-methods-server';
		const file = pythonFile(sel, 'methods_server.py');
		// Before the runner: the highlighted code has the folds and the line naming the taught lines.
		await expect(page.locator(`${file} pre .code-fold`).count()).resolves.toBe(3);
		await expect(page.locator(`${file} .snippet__focus`).textContent()).resolves.toContain(
			'이 장에서 볼 곳: 1–2, 20–33, 50–100번째 줄',
		);
		await goLive(page, sel);
		await pythonTab(page, sel);
		await page.locator(`${file} .cm-editor`).waitFor();
		/** The fold placeholders the editor draws, top to bottom (it draws only lines near the view). */
		const placeholders = async () => {
			const seen = new Set<string>();
			const tab = page.locator(`${sel} [data-role=python]`);
			for (const to of ['top', 'bottom'] as const) {
				// The tab scrolls as a whole (code, Run, recorded run): to the editor's top, then its end.
				await tab.evaluate((el, to) => {
					const editor = el.querySelector('.snippet__python-code .cm-editor');
					const end = editor ? editor.getBoundingClientRect().bottom : 0;
					el.scrollTop = to === 'top' ? 0 : el.scrollTop + end - el.getBoundingClientRect().bottom;
				}, to);
				await page.waitForTimeout(200);
				for (const text of await page.locator(`${file} .cm-foldPlaceholder`).allInnerTexts())
					seen.add(text);
			}
			await tab.evaluate((el) => (el.scrollTop = 0));
			return [...seen];
		};
		const folded = [
			'⋯ 3–19번째 줄 (17줄) 접힘',
			'⋯ 34–49번째 줄 (16줄) 접힘',
			'⋯ 101–105번째 줄 (5줄) 접힘',
		];
		expect(await placeholders()).toEqual(folded);
		const numbers = () => page.locator(`${file} .cm-gutterElement`).allInnerTexts();
		// The taught lines follow the fold: 20 comes right after 3 (the fold's line).
		expect(await numbers()).toContain('20');
		expect(await numbers()).not.toContain('10');
		await page.locator(sel).screenshot({ path: join(SHOTS, 'python-folded-methods-server.png') });

		await page.locator(`${sel} [data-action=run-python]`).click();
		await state(page, 'running', 15_000, sel);
		await waitForPreview(page, sel, 'methods-server');
		// The run leaves the reader's view of the code as it was.
		expect(await placeholders()).toEqual(folded);

		// By keyboard: into the editor, down to the fold's line, and the fold key opens it.
		await page.locator(`${file} .cm-content`).click();
		await page.keyboard.press('Control+Home');
		await page.keyboard.press('ArrowDown');
		await page.keyboard.press('ArrowDown');
		await page.keyboard.press('Control+Shift+BracketRight');
		await expect.poll(numbers).toContain('10');
		expect(await placeholders()).toEqual(folded.slice(1));
		// By click: the placeholder itself.
		await page.locator(`${file} .cm-foldPlaceholder`, { hasText: '34–49' }).click();
		await expect.poll(numbers).toContain('40');
		expect(await placeholders()).toEqual(folded.slice(2));
		await stop(page, sel);
		await state(page, 'stopped', STOP_MS, sel);
		expect(await placeholders()).toEqual(folded.slice(2));
	});
});

describe('every Python tab runs its code as written', () => {
	it.each(chaptersWithSnippets())('%s', async (chapter) => {
		const page = await book.open(chapter);
		const ids = await page
			.locator('code-snippet:has([data-action=run-python])')
			.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset['snippetId'] ?? ''));
		const ran: string[] = [];
		for (const id of ids) {
			const sel = `#snippet-${id}`;
			const kind = await page.locator(sel).getAttribute('data-kind');
			await goLive(page, sel);
			await pythonTab(page, sel);
			expect((await gate(page, sel)).state, id).toBe('ready');
			await page.locator(`${sel} [data-action=run-python]`).click();
			if (kind === 'client') {
				// A client ends by itself, except one that waits for the reader's input (telnet).
				const runner = page.locator(`${sel} snippet-runner`);
				await expect
					.poll(
						async () =>
							(await runner.getAttribute('data-state')) === 'exited' ||
							(await terminalText(page, sel)).includes('Connected to'),
						{ message: id, timeout: 15_000 },
					)
					.toBe(true);
				const out = await terminalText(page, sel);
				expect(out, `${id}: ${out}`).toContain('(python3)');
				if ((await runner.getAttribute('data-state')) === 'exited')
					expect(out, `${id}: ${out}`).toContain('[종료 코드 0]');
				else await stop(page, sel);
			} else {
				await state(page, 'running', 15_000, sel);
				await waitForPreview(page, sel, id);
				expect(await terminalText(page, sel), id).toContain('(python3)');
				await stop(page, sel);
				await state(page, 'stopped', STOP_MS, sel);
			}
			ran.push(id);
		}
		console.log(`${chapter}: ran the Python code of ${ran.join(', ') || 'none'}`);
	});
});

describe('where the Python code cannot run, the Python tab says why in place', () => {
	it('in a WebContainer: no Python there, the recorded Python run stays', async () => {
		const page = await book.open(`${CLIENTS}?runtime=webcontainer&boot-timeout=3000`);
		const sel = '#snippet-curl';
		await goLive(page, sel);
		await pythonTab(page, sel);
		const said = await gate(page, sel);
		expect(said.state).toBe('browser');
		expect(said.text).toContain('WebContainer)에는 파이썬이 없어서');
		expect(await page.locator(`${sel} [data-action=run-python]`).isVisible()).toBe(false);
		// The recorded Python run is what the tab shows instead.
		await expect(
			page.locator(`${sel} [data-role=python] .transcript`).first().textContent(),
		).resolves.toContain('python3 curl.py -i');
		await page.locator(`${sel} [data-python-run]`).scrollIntoViewIfNeeded();
		await page.locator(`${sel} [data-python-run]`).screenshot({
			path: join(SHOTS, 'python-webcontainer.png'),
		});
	});

	it('with the recording only: says nothing runs live', async () => {
		const page = await book.open(`${CLIENTS}?runtime=recorded`);
		const sel = '#snippet-curl';
		await goLive(page, sel);
		await pythonTab(page, sel);
		const said = await gate(page, sel);
		expect(said.state).toBe('recorded');
		expect(await page.locator(`${sel} [data-action=run-python]`).isVisible()).toBe(false);
	});

	it('on a machine without Python 3.11 or later: says why, with the command to run it', async () => {
		const page = await book.open(CLIENTS, { prepare: probeSays(undefined) });
		const sel = '#snippet-curl';
		await goLive(page, sel);
		await pythonTab(page, sel);
		const said = await gate(page, sel);
		expect(said.state).toBe('no-python');
		expect(said.text).toContain('python3(파이썬 3.11 이상)를 찾지 못해');
		expect(await page.locator(`${sel} [data-action=run-python]`).isVisible()).toBe(false);
		await expect(page.locator(`${sel} .snippet__python-command`).textContent()).resolves.toContain(
			'(윈도: py curl.py -i http://localhost:8080/)',
		);
		// Ctrl+Enter in the Python tab then runs what can run: the Node code.
		await page.locator(pythonEditor(sel, 'curl.py')).click();
		await page.keyboard.press('Control+Enter');
		await waitForOutput(page, '$ node curl.mjs', 15_000, sel);
	});

	it('on Python 3.15: the CGI code is flagged before Run, and a run that fails on it is explained', async () => {
		const page = await book.open(CGI, { prepare: probeSays('3.15.0') });
		const sel = '#snippet-cgi-http-server';
		await goLive(page, sel);
		await pythonTab(page, sel);
		const said = await gate(page, sel);
		expect(said.state).toBe('ready');
		expect(said.text).toContain(
			'CGIHTTPRequestHandler 클래스는 파이썬 3.15에서 사라졌습니다(3.14 이하 필요)',
		);
		expect(said.text).toMatch(/^이 컴퓨터의 python3는 파이썬 3\.15\.0입니다\./);
		expect(said.text).toContain('그래서 여기서 실행하면 ImportError로 멈춥니다');
		await page.locator(`${sel} [data-python-run]`).screenshot({
			path: join(SHOTS, 'python-3.15-cgi.png'),
		});
		// Run stays: the reader may know better (a 3.14 under another name). This machine's Python is
		// 3.11, so the 3.15 failure is played by the code: it raises what 3.15's import raises.
		await replacePython(
			page,
			sel,
			'cgi_server.py',
			"import sys\nraise ImportError(\"cannot import name 'CGIHTTPRequestHandler' from 'http.server' (/usr/lib/python3.15/http/server.py)\")\n",
		);
		await page.locator(`${sel} [data-action=run-python]`).click();
		const out = await waitForOutput(page, '[종료 코드 1]', 15_000, sel);
		expect(out).toContain('이 컴퓨터의 파이썬은 3.15.0입니다.');
		expect(out).toContain('파이썬 3.14 이하로 실행하거나, Node 쪽(코드 탭)을 실행하세요.');
		// The traceback's line is marked in the Python editor, on its tab.
		const mark = page.locator(`${pythonFile(sel, 'cgi_server.py')} .cm-lintRange-error`);
		await mark.waitFor({ timeout: 5000 });
		expect(await mark.evaluate((el) => el.closest('.cm-line')?.textContent)).toMatch(
			/^raise ImportError/,
		);
		expect(out).toContain('편집기에서 cgi_server.py 2번째 줄에 표시했습니다');
		// The same code without the removed class is not flagged.
		const curl = await book.open(CLIENTS, { prepare: probeSays('3.15.0') });
		await goLive(curl, '#snippet-curl');
		expect((await gate(curl, '#snippet-curl')).text).not.toContain('사라졌습니다');
	});
});

describe('Python edits are kept like Node edits', () => {
	it('mark the Python tab and file, run as edited, survive a reload, reset with undo, travel in a share link', async () => {
		const page = await book.open(CLIENTS);
		const sel = '#snippet-curl';
		await goLive(page, sel);
		await pythonTab(page, sel);
		const tab = page.locator(`${sel} [data-python-tab]`);
		const label = page.locator(pythonFile(sel, 'curl.py'));
		expect(await tab.getAttribute('data-edited')).toBeNull();
		await replacePython(page, sel, 'curl.py', "print('파이썬을 고쳤습니다')\n");
		expect(await tab.getAttribute('data-edited')).toBe('');
		expect(await label.getAttribute('data-edited')).toBe('');
		// The Node code's tab is untouched, and the reset button is on.
		expect(
			await page
				.locator(`${sel} .snippet__tabs [data-file="curl.mjs"]`)
				.getAttribute('data-edited'),
		).toBeNull();
		await page.locator(`${sel} [data-action=run-python]`).click();
		await waitForOutput(page, '파이썬을 고쳤습니다', 15_000, sel);
		// Node's run is not the Python edit's.
		await page.locator(`${sel} [data-action=run]`).click();
		const node = await waitForOutput(page, 'HTTP/1.1 200 OK', 15_000, sel);
		expect(node).not.toContain('파이썬을 고쳤습니다');
		await page.waitForTimeout(600);
		await page.reload();
		await goLive(page, sel);
		await expect(page.locator(pythonEditor(sel, 'curl.py')).textContent()).resolves.toContain(
			"print('파이썬을 고쳤습니다')",
		);
		// A share link carries the Python edit.
		await page.locator(`${sel} [data-action=share]`).click();
		const link = await page.locator(`${sel} .runner__share-url`).inputValue();
		const student = await book.open(link.slice(new URL(link).origin.length));
		await goLive(student, sel);
		await expect(student.locator(pythonEditor(sel, 'curl.py')).textContent()).resolves.toContain(
			"print('파이썬을 고쳤습니다')",
		);
		// Reset brings the original back, with a way to undo it.
		await page.locator(`${sel} [data-action=reset]`).click();
		await expect(page.locator(pythonEditor(sel, 'curl.py')).textContent()).resolves.toContain(
			'http.client',
		);
		expect(await tab.getAttribute('data-edited')).toBeNull();
		await page.getByRole('button', { name: /되돌리기 취소/ }).click();
		await expect(page.locator(pythonEditor(sel, 'curl.py')).textContent()).resolves.toContain(
			"print('파이썬을 고쳤습니다')",
		);
	});
});

describe('keyboard and accessibility in the Python tab', () => {
	it('Ctrl+Enter in the Python editor runs the Python code; Escape leaves it for the Python Run', async () => {
		const page = await book.open(CLIENTS);
		const sel = '#snippet-curl';
		await goLive(page, sel);
		await pythonTab(page, sel);
		await gate(page, sel);
		await page.locator(pythonEditor(sel, 'curl.py')).click();
		await page.keyboard.press('Escape');
		expect(
			await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset['action']),
		).toBe('run-python');
		await page.keyboard.press('Enter');
		await waitForOutput(page, '(python3)', 15_000, sel);
		await state(page, 'exited', 15_000, sel);
		await page.locator(pythonEditor(sel, 'curl.py')).click();
		await page.keyboard.press('Control+Enter');
		await state(page, 'exited', 15_000, sel);
		const out = await terminalText(page, sel);
		expect(out).toContain('$ python3 curl.py');
		expect(out).not.toContain('$ node curl.mjs');
	});

	it.each(['light', 'dark'] as const)(
		'axe finds nothing in the Python tab (%s theme), before and after a Python run',
		async (theme) => {
			const page = await book.open('/03-server/01-base-http-server/', {
				viewport: { width: 1280, height: 800 },
				colorScheme: theme,
			});
			await useTheme(page, theme);
			const sel = '#snippet-my-httpserver';
			await goLive(page, sel);
			await pythonTab(page, sel);
			await gate(page, sel);
			expect(await axeViolations(page, sel), 'before Run').toEqual([]);
			await page.locator(`${sel} [data-action=run-python]`).click();
			await state(page, 'running', 15_000, sel);
			await page.locator(`${sel} .runner__frame[src]`).waitFor();
			await page.waitForTimeout(500);
			expect(await axeViolations(page, sel), 'after Run').toEqual([]);
			await stop(page, sel);
		},
	);
});

describe('screenshots of the Python tab, before and after Run', () => {
	for (const { name, viewport } of SCREENS)
		for (const theme of ['light', 'dark'] as const)
			it(`${name}, ${theme}`, async () => {
				const page = await book.open('/03-server/01-base-http-server/', {
					viewport,
					colorScheme: theme,
				});
				await useTheme(page, theme);
				const sel = '#snippet-my-httpserver';
				await goLive(page, sel);
				await pythonTab(page, sel);
				await gate(page, sel);
				const run = page.locator(`${sel} [data-action=run-python]`);
				await run.scrollIntoViewIfNeeded();
				await page.screenshot({ path: join(SHOTS, `python-before-${name}-${theme}.png`) });
				await run.click();
				await state(page, 'running', 15_000, sel);
				await page.locator(`${sel} .runner__frame[src]`).waitFor();
				await page.waitForTimeout(800);
				await page.screenshot({ path: join(SHOTS, `python-after-${name}-${theme}.png`) });
				// Run brought the output into view: the terminal is on screen.
				const box = await page.locator(`${sel} .runner__terminal`).boundingBox();
				expect(box && box.y < viewport.height && box.y + box.height > 0).toBe(true);
				await stop(page, sel);
			});
});
