// The lines a build prints while it records snippets.
import { describe, expect, it } from 'vitest';
import { recordingProgress } from '../../src/lib/recording/progress.ts';

function progress(toRecord: number, total: number) {
	const lines: string[] = [];
	let clock = 1_000;
	const onSettled = recordingProgress({
		toRecord,
		total,
		print: (line) => lines.push(line),
		now: () => clock,
	});
	const settle = (id: string, ran = true, failed = false) => {
		clock += 700;
		onSettled({ id, ran, failed });
	};
	return { lines, settle };
}

describe('recording progress', () => {
	it('announces the work, then prints counts and seconds after every five and after the last', () => {
		const { lines, settle } = progress(7, 9);
		expect(lines).toEqual(['recording 7 changed snippets of 9 in real Node (2 unchanged, reused)']);
		for (const id of ['a', 'b', 'c', 'd']) settle(id);
		settle('kept', false);
		expect(lines).toHaveLength(1);
		settle('e');
		expect(lines[1]).toBe('recorded 5/7 in 4.2 s (a, b, c, d, e)');
		settle('f');
		settle('g', true, true);
		expect(lines[2]).toBe('recorded 7/7 in 5.6 s (f, g FAILED)');
		expect(lines).toHaveLength(3);
	});

	it('says when it records every snippet (a first build)', () => {
		const { lines, settle } = progress(2, 2);
		settle('a');
		settle('b');
		expect(lines).toEqual([
			'recording all 2 snippets in real Node; later builds run only the snippets that change',
			'recorded 2/2 in 1.4 s (a, b)',
		]);
	});

	it('prints nothing when every transcript is reused', () => {
		const { lines, settle } = progress(0, 3);
		for (const id of ['a', 'b', 'c']) settle(id, false);
		expect(lines).toEqual([]);
	});
});
