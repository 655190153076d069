// The preview proxy (issue #12, item 5): it reaches only ports the session's own runs listen on, its
// answers are sandboxed and carry no cookies either way, and in Chromium a snippet's page, framed in
// the book's page as the runner frames it, can neither create a session nor touch the book's storage.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREVIEW_POLICY } from '../../src/integrations/local-runner/preview-proxy.ts';
import { freePort } from '../../src/lib/scenario/node-host.ts';
import type { WireEvent } from '../../src/runner/protocol.ts';
import { chromiumArgs, chromiumPath } from '../helpers/chromium.mjs';
import { startHarness, type Harness } from './local-harness.ts';

/** The page a snippet's server serves: it tries everything a hostile page would, and reports in its title. */
const HOSTILE_PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>loading</title><link rel="stylesheet" href="style.css"></head>
<body><h1>snippet page</h1><script>
(async () => {
  const results = [];
  const attempt = async (label, request) => {
    try { results.push(label + ':' + (await request()).status); } catch { results.push(label + ':blocked'); }
  };
  await attempt('probe', () => fetch('/__runner/probe'));
  let token = '';
  try { token = (await (await fetch('/__runner/probe')).json()).token; } catch {}
  await attempt('session', () => fetch('/__runner/sessions', { method: 'POST', headers: { 'x-web-book-token': token } }));
  await attempt('form-like', () => fetch('/__runner/sessions', { method: 'POST', mode: 'no-cors' }));
  // A popup and a nested frame of the probe inherit the sandbox: an opaque origin of their own.
  const read = async (win) => { for (let i = 0; i < 50; i++) { try { const text = win.document.body.textContent; if (text.includes('runner')) return text.includes('token') ? 'read' : 'empty'; } catch { return 'blocked'; } await new Promise((r) => setTimeout(r, 50)); } return 'none'; };
  const popup = window.open('/__runner/probe');
  results.push('popup:' + (popup ? await read(popup) : 'none'));
  popup?.close();
  const nested = document.createElement('iframe');
  nested.src = '/__runner/probe';
  document.body.append(nested);
  results.push('nested:' + (await read(nested.contentWindow)));
  try { localStorage.setItem('snippet', '1'); results.push('storage:open'); } catch { results.push('storage:blocked'); }
  try { results.push('parent:' + parent.document.title); } catch { results.push('parent:blocked'); }
  results.push('origin:' + self.origin);
  document.title = 'done ' + results.join(' ');
})();
</script></body></html>`;

const SNIPPET_SERVER = (port: number) => `
import { createServer } from 'node:http';
const page = ${JSON.stringify(HOSTILE_PAGE)};
createServer((req, res) => {
  if (req.url === '/style.css') {
    res.writeHead(200, { 'content-type': 'text/css' });
    return res.end('h1 { color: rgb(1, 2, 3); }');
  }
  if (req.url === '/headers') {
    res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': 'snippet=1; Path=/', 'clear-site-data': '"storage"' });
    return res.end(JSON.stringify(req.headers));
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'set-cookie': 'snippet=1; Path=/', 'clear-site-data': '"storage"' });
  res.end(page);
}).listen(${port}, '127.0.0.1', () => console.log('listening'));
`;

let h: Harness;
let browser: Browser;
/** A server of this machine that no session started. */
let outsider: Server;
let outsiderPort = 0;

beforeAll(async () => {
	h = await startHarness({}, '127.0.0.1', (req, res) => {
		// The book's page, as the dev server serves it: cross-origin isolated, framing the preview.
		const frame = new URL(req.url ?? '/', 'http://x').searchParams.get('frame') ?? '';
		res.writeHead(200, {
			'content-type': 'text/html; charset=utf-8',
			'cross-origin-opener-policy': 'same-origin',
			'cross-origin-embedder-policy': 'require-corp',
		});
		res.end(
			`<!doctype html><title>the book</title><script>localStorage.setItem('edits', 'kept')</script><iframe src="${frame}" allow="cross-origin-isolated"></iframe>`,
		);
	});
	outsider = createServer((_req, res) => res.end('not a snippet'));
	await new Promise<void>((ok) => outsider.listen(0, '127.0.0.1', ok));
	outsiderPort = (outsider.address() as AddressInfo).port;
	browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}, 60_000);

afterAll(async () => {
	await browser?.close();
	await new Promise<void>((ok) => outsider.close(() => ok()));
	await h.stop();
});

async function startSnippetServer() {
	const s = await h.openSession();
	const port = await freePort();
	await s.spawn(SNIPPET_SERVER(port), { watchPorts: [port] });
	await s.waitFor(
		(e): e is WireEvent => e.t === 'port' && e.port === port && e.type === 'open',
		8000,
	);
	return { s, port, url: `${s.base}p/${port}/` };
}

describe('local runner: the preview proxy', () => {
	it('sandboxes every answer and strips cookies both ways', async () => {
		const { s, port } = await startSnippetServer();
		const res = await h.call('GET', `${s.base}p/${port}/headers`, {
			headers: { cookie: 'book-session=secret' },
		});
		expect(res.status).toBe(200);
		expect(res.headers['content-security-policy']).toBe(PREVIEW_POLICY);
		expect(res.headers['set-cookie']).toBeUndefined();
		expect(res.headers['clear-site-data']).toBeUndefined();
		const seen = JSON.parse(res.body) as Record<string, string>;
		expect(seen['cookie']).toBeUndefined();
		expect(seen['x-web-book-token']).toBeUndefined();
		s.close();
	});

	it("proxies only ports the session's runs listen on: not another program's, not another page's", async () => {
		const a = await h.openSession();
		// Declares a port that some other program of this machine listens on, and listens on nothing.
		await a.spawn(`setInterval(() => {}, 1000)`, { watchPorts: [outsiderPort] });
		await new Promise((r) => setTimeout(r, 300));
		expect(a.events.some((e) => e.t === 'port' && e.port === outsiderPort)).toBe(false);
		const stolen = await h.call('GET', `${a.base}p/${outsiderPort}/`);
		expect(stolen.status).toBe(404);
		expect(stolen.body).not.toContain('not a snippet');
		// Another page's snippet server is that page's.
		const { s: b, port } = await startSnippetServer();
		expect((await h.call('GET', `${b.base}p/${port}/`)).status).toBe(200);
		expect((await h.call('GET', `${a.base}p/${port}/`)).status).toBe(404);
		a.close();
		b.close();
	});

	it('connects where the run listens, never to another program holding the same port on 127.0.0.1', async () => {
		// The run listens on 127.0.0.2:P; some other program (another user's, say) on 127.0.0.1:P,
		// which is where the proxy connects.
		const port = await freePort();
		const other = createServer((_req, res) => res.end('another program'));
		await new Promise<void>((ok) => other.listen(port, '127.0.0.1', ok));
		try {
			const s = await h.openSession();
			await s.spawn(
				`import { createServer } from 'node:http';
				createServer((q, a) => a.end('the snippet')).listen(${port}, '127.0.0.2', () => console.log('listening'));`,
				{ watchPorts: [port] },
			);
			await s.waitFor(
				(e): e is WireEvent => e.t === 'port' && e.port === port && e.type === 'open',
				8000,
			);
			const res = await h.call('GET', `${s.base}p/${port}/`);
			expect(res.status).toBe(200);
			expect(res.body).toBe('the snippet');
			s.close();
		} finally {
			await new Promise<void>((ok) => other.close(() => ok()));
		}
	});

	it("in Chromium, a proxied page's script cannot create a session, read the book, or set its cookies", async () => {
		const { s, url } = await startSnippetServer();
		const sessionsBefore = h.runner.stats().sessions;
		const context = await browser.newContext();
		try {
			const page = await context.newPage();
			await page.goto(`${h.origin}/book/?frame=${encodeURIComponent(url)}`);
			const frame = page.frameLocator('iframe');
			await expect.poll(() => page.frames()[1]?.title(), { timeout: 10_000 }).toMatch(/^done /);
			const title = (await page.frames()[1]?.title()) ?? '';
			expect(title).toContain('probe:blocked');
			// The popup has no handle (COOP severs it) or an opaque origin; the nested frame is opaque too.
			expect(title).toMatch(/popup:(none|blocked)/);
			expect(title).toContain('nested:blocked');
			expect(title).toMatch(/session:(blocked|403)/);
			expect(title).toMatch(/form-like:(blocked|0|403)/);
			expect(title).toContain('storage:blocked');
			expect(title).toContain('parent:blocked');
			expect(title).toContain('origin:null');
			expect(h.runner.stats().sessions).toBe(sessionsBefore);
			// Its own style sheet still loads in the sandbox.
			await expect(frame.locator('h1').evaluate((el) => getComputedStyle(el).color)).resolves.toBe(
				'rgb(1, 2, 3)',
			);
			// Neither its Set-Cookie nor its Clear-Site-Data reached the book's origin.
			expect((await context.cookies()).map((c) => c.name)).not.toContain('snippet');
			await expect(page.evaluate(() => localStorage.getItem('edits'))).resolves.toBe('kept');

			// Opened in a tab of its own (the preview's "새 탭" link), it is still sandboxed.
			const tab = await context.newPage();
			await tab.goto(`${h.origin}${url}`);
			await expect.poll(() => tab.title(), { timeout: 10_000 }).toMatch(/^done /);
			expect(await tab.title()).toContain('probe:blocked');
			expect(h.runner.stats().sessions).toBe(sessionsBefore);
		} finally {
			await context.close();
			s.close();
		}
	});
});
