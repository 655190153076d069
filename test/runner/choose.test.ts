import { describe, expect, it } from 'vitest';
import {
	bootTimeoutMs,
	bootsOnlyOnRun,
	chooseRuntime,
	isWebContainerSupported,
	parseRuntimeParam,
} from '../../src/runner/runtime/choose.ts';

const base = {
	requested: null,
	localAvailable: false,
	crossOriginIsolated: true,
	webContainerSupported: true,
};

describe('runtime choice', () => {
	it('prefers our own server, then a WebContainer, then the recording with a reason', () => {
		expect(chooseRuntime({ ...base, localAvailable: true })).toEqual({ kind: 'local' });
		expect(chooseRuntime(base)).toEqual({ kind: 'webcontainer' });
		expect(chooseRuntime({ ...base, crossOriginIsolated: false })).toEqual({
			kind: 'recorded',
			reason: 'not-isolated',
		});
		expect(chooseRuntime({ ...base, webContainerSupported: false })).toEqual({
			kind: 'recorded',
			reason: 'unsupported-browser',
		});
	});

	it('obeys ?runtime= but still will not boot a WebContainer where it cannot', () => {
		expect(chooseRuntime({ ...base, localAvailable: true, requested: 'webcontainer' })).toEqual({
			kind: 'webcontainer',
		});
		expect(chooseRuntime({ ...base, localAvailable: true, requested: 'recorded' })).toEqual({
			kind: 'recorded',
			reason: 'forced',
		});
		expect(chooseRuntime({ ...base, requested: 'LOCAL' })).toEqual({ kind: 'local' });
		expect(
			chooseRuntime({ ...base, crossOriginIsolated: false, requested: 'webcontainer' }),
		).toEqual({
			kind: 'recorded',
			reason: 'not-isolated',
		});
		expect(chooseRuntime({ ...base, localAvailable: true, requested: 'nonsense' })).toEqual({
			kind: 'local',
		});
		expect(parseRuntimeParam('deno')).toBeUndefined();
	});

	it('knows which browsers WebContainers support', () => {
		const chrome =
			'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';
		const oldSafari =
			'Mozilla/5.0 (Macintosh) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.3 Safari/605.1.15';
		const newSafari =
			'Mozilla/5.0 (Macintosh) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15';
		expect(isWebContainerSupported(chrome, true)).toBe(true);
		expect(isWebContainerSupported(chrome, false)).toBe(false);
		expect(isWebContainerSupported(oldSafari, true)).toBe(false);
		expect(isWebContainerSupported(newSafari, true)).toBe(true);
	});

	it('reads a sane boot timeout from the URL', () => {
		expect(bootTimeoutMs(null)).toBe(20_000);
		expect(bootTimeoutMs('3000')).toBe(3000);
		expect(bootTimeoutMs('abc')).toBe(20_000);
		expect(bootTimeoutMs('5')).toBe(20_000);
	});

	it('waits for Run on iPhone and iPad (also when iPadOS says it is a Mac), not elsewhere', () => {
		const iPhone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15';
		const iPadOld = 'Mozilla/5.0 (iPad; CPU OS 12_2 like Mac OS X) AppleWebKit/605.1.15';
		const mac = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15';
		const android = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/140.0';
		expect(bootsOnlyOnRun(iPhone, 'iPhone', 5)).toBe(true);
		expect(bootsOnlyOnRun(iPadOld, 'iPad', 5)).toBe(true);
		// iPadOS 13 and later: a Mac's user agent and platform, but a touch screen.
		expect(bootsOnlyOnRun(mac, 'MacIntel', 5)).toBe(true);
		expect(bootsOnlyOnRun(mac, 'MacIntel', 0)).toBe(false);
		expect(bootsOnlyOnRun(android, 'Linux armv81', 5)).toBe(false);
	});
});
