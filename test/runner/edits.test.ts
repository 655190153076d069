import { describe, expect, it } from 'vitest';
import { editsKey, loadEdits, saveEdits } from '../../src/runner/edits.ts';

function memory(): Storage {
	const map = new Map<string, string>();
	return {
		get length() {
			return map.size;
		},
		clear: () => map.clear(),
		key: (i) => [...map.keys()][i] ?? null,
		getItem: (k) => map.get(k) ?? null,
		setItem: (k, v) => void map.set(k, String(v)),
		removeItem: (k) => void map.delete(k),
	};
}

describe('saved edits', () => {
	it('come back for the same snippet hash, and are offered (not applied) for a new edition', () => {
		const storage = memory();
		expect(saveEdits(storage, 'echo', 'h1', { 'server.mjs': 'edited' })).toBe(true);
		expect(loadEdits(storage, 'echo', 'h1')).toMatchObject({
			state: 'current',
			edits: { files: { 'server.mjs': 'edited' } },
		});
		expect(loadEdits(storage, 'echo', 'h2')).toMatchObject({
			state: 'stale',
			edits: { hash: 'h1' },
		});
		expect(loadEdits(storage, 'other', 'h1')).toEqual({ state: 'none' });
	});

	it('are forgotten when nothing is edited any more', () => {
		const storage = memory();
		saveEdits(storage, 'echo', 'h1', { 'server.mjs': 'edited' });
		saveEdits(storage, 'echo', 'h1', {});
		expect(storage.getItem(editsKey('echo'))).toBeNull();
	});

	it('treat corrupt or blocked storage as a notice, never an exception', () => {
		const storage = memory();
		storage.setItem(editsKey('echo'), '{not json');
		expect(loadEdits(storage, 'echo', 'h1')).toEqual({ state: 'corrupt' });
		storage.setItem(editsKey('echo'), JSON.stringify({ hash: 'h1', files: { a: 1 } }));
		expect(loadEdits(storage, 'echo', 'h1')).toEqual({ state: 'corrupt' });
		const blocked = {
			getItem: () => {
				throw new Error('SecurityError');
			},
			setItem: () => {
				throw new Error('QuotaExceeded');
			},
			removeItem: () => {},
		};
		expect(loadEdits(blocked, 'echo', 'h1')).toEqual({ state: 'corrupt' });
		expect(saveEdits(blocked, 'echo', 'h1', { a: 'b' })).toBe(false);
		expect(loadEdits(undefined, 'echo', 'h1')).toEqual({ state: 'none' });
	});
});
