// The page's runtime over the WebContainer stand-in: a late boot switches the page to live and says
// so, Retry and a switch back reuse the one instance (one metered session per page), iPhone and iPad
// boot only on Run, the build-time API key reaches configureAPIKey, and progress is named and timed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as WebContainerModule from '../../src/runner/runtime/webcontainer.ts';
import { fakeWebContainerApi, type FakeOptions } from './fake-webcontainer.ts';

const stand = vi.hoisted(() => ({
	fake: undefined as ReturnType<typeof fakeWebContainerApi> | undefined,
}));

vi.mock('../../src/runner/runtime/webcontainer.ts', async (original) => {
	const real = await original<typeof WebContainerModule>();
	return {
		...real,
		createWebContainerRuntime: (options: WebContainerModule.WebContainerOptions) => {
			const fake = stand.fake;
			if (!fake) throw new Error('no stand-in set up');
			return real.createWebContainerRuntime({
				...options,
				load: async () => fake.api,
				watchFrame: fake.watchFrame,
				online: () => true,
			});
		},
	};
});

const CHROME =
	'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';
const IPHONE =
	'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const IPAD_AS_MAC =
	'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';

/** A fresh page: its globals, a stand-in API, and page-runtime.ts loaded anew. */
async function page(
	search: string,
	fakeOptions: FakeOptions = {},
	device: { userAgent?: string; platform?: string; maxTouchPoints?: number } = {},
) {
	stand.fake = fakeWebContainerApi(fakeOptions);
	const storage = new Map<string, string>();
	vi.stubGlobal('location', new URL(`http://localhost/01-web/${search}`));
	vi.stubGlobal('window', globalThis);
	vi.stubGlobal('crossOriginIsolated', true);
	vi.stubGlobal('navigator', {
		userAgent: device.userAgent ?? CHROME,
		platform: device.platform ?? 'Linux x86_64',
		maxTouchPoints: device.maxTouchPoints ?? 0,
		onLine: true,
	});
	vi.stubGlobal('sessionStorage', {
		getItem: (k: string) => storage.get(k) ?? null,
		setItem: (k: string, v: string) => void storage.set(k, v),
		removeItem: (k: string) => void storage.delete(k),
	});
	// No local runtime answers the probe on this "deployed" page.
	vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
	vi.resetModules();
	const module = await import('../../src/runner/page-runtime.ts');
	const notices: string[] = [];
	module.onRuntimeNotice((n) => notices.push(n.kind));
	return { pr: module, fake: stand.fake, notices };
}

async function until<T>(get: () => T | undefined, ms = 5000): Promise<T> {
	const end = Date.now() + ms;
	for (;;) {
		const v = get();
		if (v !== undefined) return v;
		if (Date.now() > end) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 20));
	}
}

let teardowns: Array<() => Promise<unknown>> = [];
beforeEach(() => {
	teardowns = [];
});
afterEach(async () => {
	for (const t of teardowns) await t();
	vi.unstubAllGlobals();
	vi.unstubAllEnvs();
});

describe('the page runtime over a WebContainer', () => {
	it('switches the page to live when a boot it gave up on arrives, and tells every snippet', async () => {
		const { pr, fake, notices } = await page('?runtime=webcontainer&boot-timeout=150', {
			bootMs: 500,
		});
		const first = await pr.pageRuntime();
		expect(first).toMatchObject({ kind: 'recorded', reason: 'boot-timeout' });
		await until(() => (notices.includes('late-boot') ? true : undefined));
		const now = await pr.pageRuntime();
		expect(now.kind).toBe('webcontainer');
		if (now.kind !== 'recorded') teardowns.push(() => now.runtime.teardown());
		expect(fake.state).toMatchObject({ boots: 1, booted: 1, teardowns: 0 });
	});

	it('on Retry while the boot is still under way, waits for it instead of booting again', async () => {
		const { pr, fake, notices } = await page('?runtime=webcontainer&boot-timeout=150', {
			bootMs: 250,
		});
		expect((await pr.pageRuntime()).kind).toBe('recorded');
		await pr.rechoose();
		const retried = await pr.pageRuntime();
		expect(retried.kind).toBe('webcontainer');
		if (retried.kind !== 'recorded') teardowns.push(() => retried.runtime.teardown());
		expect(fake.state.boots).toBe(1);
		expect(notices).toEqual([]);
	});

	it('keeps its one instance when the reader switches away and back', async () => {
		const { pr, fake } = await page('');
		await pr.rechoose('webcontainer');
		const first = await pr.pageRuntime();
		expect(first.kind).toBe('webcontainer');
		await pr.rechoose('recorded');
		expect(await pr.pageRuntime()).toMatchObject({ kind: 'recorded', reason: 'forced' });
		await pr.rechoose('webcontainer');
		const again = await pr.pageRuntime();
		expect(again.kind === 'webcontainer' && first.kind === 'webcontainer').toBe(true);
		if (again.kind !== 'recorded' && first.kind !== 'recorded') {
			expect(again.runtime).toBe(first.runtime);
			teardowns.push(() => again.runtime.teardown());
		}
		expect(fake.state).toMatchObject({ boots: 1, teardowns: 0 });
	});

	it('reports progress in named steps with the seconds so far', async () => {
		const { pr } = await page('?runtime=webcontainer', { bootMs: 1200 });
		const seen: string[] = [];
		pr.onBootProgress((p) => seen.push(pr.bootStatusText(p)));
		const chosen = await pr.pageRuntime();
		if (chosen.kind !== 'recorded') teardowns.push(() => chosen.runtime.teardown());
		// Seconds are wall-clock, so a loaded machine may show a later second; the steps, their order
		// and the count going up are what the reader relies on.
		const steps = [
			/^실행 환경 코드를 내려받는 중 \(1\/3단계, (\d+)초\)$/,
			/^StackBlitz에 연결하는 중 \(2\/3단계, (\d+)초\)$/,
			/^브라우저 안에서 Node\.js를 시작하는 중 \(3\/3단계, (\d+)초\)$/,
			/^준비됨 \((\d+)초\)$/,
		];
		const parsed = seen.map((text) => {
			const step = steps.findIndex((re) => re.test(text));
			expect(step, `unexpected progress text: ${text}`).not.toBe(-1);
			return { step, seconds: Number(steps[step]?.exec(text)?.[1]) };
		});
		expect(new Set(parsed.map((p) => p.step))).toEqual(new Set([0, 1, 2, 3]));
		for (const [i, p] of parsed.entries()) {
			const before = parsed[i - 1];
			if (!before) continue;
			expect(p.step).toBeGreaterThanOrEqual(before.step);
			expect(p.seconds).toBeGreaterThanOrEqual(before.seconds);
		}
		// The boot takes 1.2 s: the third step is shown again once a second has passed.
		expect(parsed.some((p) => p.step === 2 && p.seconds >= 1)).toBe(true);
	});

	it('passes the build-time API key to configureAPIKey before booting', async () => {
		vi.stubEnv('PUBLIC_WEBCONTAINER_CLIENT_ID', 'wc_api_site');
		const { pr, fake } = await page('?runtime=webcontainer', { acceptKey: 'wc_api_site' });
		const chosen = await pr.pageRuntime();
		expect(chosen.kind).toBe('webcontainer');
		if (chosen.kind !== 'recorded') teardowns.push(() => chosen.runtime.teardown());
		expect(fake.state.key).toBe('wc_api_site');
	});

	it('without the key a site StackBlitz requires one for falls back fast, not naming a key', async () => {
		const { pr } = await page('?runtime=webcontainer', { acceptKey: 'wc_api_site' });
		const started = Date.now();
		const chosen = await pr.pageRuntime();
		expect(chosen).toMatchObject({ kind: 'recorded', reason: 'network-blocked' });
		expect(chosen.kind === 'recorded' && chosen.detail).not.toContain('API 키');
		expect(Date.now() - started).toBeLessThan(3000);
	});
});

describe('iPhone and iPad', () => {
	for (const [name, device] of [
		['iPhone', { userAgent: IPHONE, platform: 'iPhone' }],
		[
			'iPad that says it is a Mac',
			{ userAgent: IPAD_AS_MAC, platform: 'MacIntel', maxTouchPoints: 5 },
		],
	] as const) {
		it(`${name}: intent boots nothing, Run boots`, async () => {
			const { pr, fake } = await page('?runtime=webcontainer', {}, device);
			expect(await pr.warmPageRuntime()).toBeUndefined();
			await new Promise((r) => setTimeout(r, 100));
			expect(fake.state.boots).toBe(0);
			expect(fake.frame.state).toBe('absent');
			const chosen = await pr.pageRuntime();
			expect(chosen.kind).toBe('webcontainer');
			if (chosen.kind !== 'recorded') teardowns.push(() => chosen.runtime.teardown());
			expect(fake.state.boots).toBe(1);
			// After Run, intent finds the booted runtime.
			expect((await pr.warmPageRuntime())?.kind).toBe('webcontainer');
		});
	}

	it('a desktop browser boots on intent', async () => {
		const { pr, fake } = await page('?runtime=webcontainer', {}, { platform: 'MacIntel' });
		const chosen = await pr.warmPageRuntime();
		expect(chosen?.kind).toBe('webcontainer');
		if (chosen && chosen.kind !== 'recorded') teardowns.push(() => chosen.runtime.teardown());
		expect(fake.state.boots).toBe(1);
	});
});
