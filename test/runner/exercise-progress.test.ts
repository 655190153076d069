// Passed exercises kept in the browser: per exercise and per version of it, cleared on request, and
// storage that cannot be read ignored (and said so) rather than fatal.
import { describe, expect, it } from 'vitest';
import {
	clearProgress,
	countPassed,
	hasPassed,
	loadProgress,
	markPassed,
	PROGRESS_KEY,
} from '../../src/runner/ui/exercise/progress.ts';

function memoryStorage(initial: Record<string, string> = {}) {
	const items = new Map(Object.entries(initial));
	return {
		getItem: (k: string) => items.get(k) ?? null,
		setItem: (k: string, v: string) => void items.set(k, v),
		removeItem: (k: string) => void items.delete(k),
		raw: (k: string) => items.get(k),
	};
}

describe('exercise progress', () => {
	it('remembers a pass for that version of the exercise only', () => {
		const storage = memoryStorage();
		expect(markPassed(storage, 'status-404-301', 'aaaa', new Date('2026-12-02T00:00:00Z'))).toBe(
			true,
		);
		const { state, record } = loadProgress(storage);
		expect(state).toBe('ok');
		expect(hasPassed(record, 'status-404-301', 'aaaa')).toBe(true);
		// The exercise changed since: its new hash is not passed.
		expect(hasPassed(record, 'status-404-301', 'bbbb')).toBe(false);
		expect(hasPassed(record, 'url-parts', 'aaaa')).toBe(false);
		expect(record.passed['status-404-301']?.at).toBe('2026-12-02T00:00:00.000Z');
	});

	it('counts a chapter’s passed exercises', () => {
		const storage = memoryStorage();
		markPassed(storage, 'a', '1');
		markPassed(storage, 'b', 'old');
		const { record } = loadProgress(storage);
		const chapter = [
			{ id: 'a', hash: '1' },
			{ id: 'b', hash: '2' },
			{ id: 'c', hash: '3' },
		];
		expect(countPassed(record, chapter)).toBe(1);
	});

	it('clears one exercise, or all of them', () => {
		const storage = memoryStorage();
		markPassed(storage, 'a', '1');
		markPassed(storage, 'b', '2');
		clearProgress(storage, ['a']);
		expect(Object.keys(loadProgress(storage).record.passed)).toEqual(['b']);
		clearProgress(storage);
		expect(storage.raw(PROGRESS_KEY)).toBeUndefined();
		expect(loadProgress(storage)).toEqual({ state: 'ok', record: { version: 1, passed: {} } });
	});

	it.each([
		['not JSON', '{oops'],
		['another shape', JSON.stringify({ version: 1, passed: { a: true } })],
		['another version', JSON.stringify({ version: 2, passed: {} })],
		['null', 'null'],
	])(
		'ignores storage holding %s, says so, and writes a fresh record on the next pass',
		(_, text) => {
			const storage = memoryStorage({ [PROGRESS_KEY]: text });
			const loaded = loadProgress(storage);
			expect(loaded.state).toBe('corrupt');
			expect(loaded.record.passed).toEqual({});
			markPassed(storage, 'a', '1');
			const after = loadProgress(storage);
			expect(after.state).toBe('ok');
			expect(hasPassed(after.record, 'a', '1')).toBe(true);
		},
	);

	it('survives storage that throws (blocked), reporting it', () => {
		const blocked = {
			getItem: () => {
				throw new Error('SecurityError');
			},
			setItem: () => {
				throw new Error('SecurityError');
			},
			removeItem: () => {
				throw new Error('SecurityError');
			},
		};
		expect(loadProgress(blocked).state).toBe('corrupt');
		expect(markPassed(blocked, 'a', '1')).toBe(false);
		expect(clearProgress(blocked)).toBe(false);
		expect(markPassed(undefined, 'a', '1')).toBe(false);
	});
});
