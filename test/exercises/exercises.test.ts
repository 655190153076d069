// Every exercise: its manifest and files load, its solution passes its check and its starter fails
// it (a check that cannot fail is a defect), in real Node, with the runner the page uses. Every
// teaching chapter has at least two, and their text is written in the book's own words.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkExercise } from '../../src/lib/exercises/check.ts';
import { listExerciseIds, loadAllExercises, loadExercise } from '../../src/lib/exercises/load.ts';
import { copiedLectureLines } from '../helpers/lecture-copy.ts';

const only = process.env['EXERCISE']?.split(',').filter(Boolean);
const ids = listExerciseIds().filter((id) => !only || only.includes(id));

/** The teaching chapters: every page of parts 1 to 4 (the summary part teaches nothing new). */
function teachingChapters(): string[] {
	const docs = join(process.cwd(), 'src', 'content', 'docs');
	return readdirSync(docs)
		.filter((part) => /^0[1-4]-/.test(part))
		.flatMap((part) =>
			readdirSync(join(docs, part))
				.filter((f) => f.endsWith('.mdx'))
				.map((f) => `${part}/${f.replace(/\.mdx$/, '')}`),
		)
		.sort();
}

describe('the exercises as a whole', () => {
	test('every manifest passes its schema and names only existing files', () => {
		expect(() => loadAllExercises()).not.toThrow();
	});

	test('every teaching chapter has at least two, and each names a chapter that exists', () => {
		const chapters = teachingChapters();
		expect(chapters.length).toBeGreaterThanOrEqual(17);
		const exercises = loadAllExercises();
		const count = new Map(chapters.map((c) => [c, 0]));
		for (const { id, manifest } of exercises) {
			expect(chapters, `${id} names chapter ${manifest.chapter}`).toContain(manifest.chapter);
			count.set(manifest.chapter, (count.get(manifest.chapter) ?? 0) + 1);
		}
		const thin = [...count].filter(([, n]) => n < 2).map(([c, n]) => `${c}: ${n}`);
		expect(thin).toEqual([]);
		expect(exercises.length).toBeGreaterThanOrEqual(2 * chapters.length);
	});

	test('their task, hints, messages and code share no 30-character run with the lecture', () => {
		const text = loadAllExercises()
			.map(({ dir, manifest, starter, solution }) =>
				[
					readFileSync(join(dir, 'exercise.json'), 'utf8'),
					...starter.map((f) => f.content),
					...solution.map((f) => f.content),
					manifest.task,
				].join(' '),
			)
			.join(' ');
		expect(copiedLectureLines(text)).toEqual([]);
	});
});

// Checks wait on processes and sockets far more than they compute: a few at once (vitest's
// maxConcurrency), each in its own folder with its own free ports.
describe.concurrent.each(ids)('exercise %s', (id) => {
	const exercise = loadExercise(id);

	test('its starter is a real starting point: the solution’s files, with TODOs left', () => {
		for (const [i, file] of exercise.starter.entries()) {
			const solved = exercise.solution[i];
			expect(file.content.trim().length).toBeGreaterThan(80);
			expect(file.content).not.toBe(solved?.content);
		}
		expect(exercise.starter.some((f) => f.content.includes('TODO'))).toBe(true);
		expect(exercise.solution.some((f) => f.content.includes('TODO'))).toBe(false);
	});

	test('its solution passes the check', async () => {
		const { verdict, transcript } = await checkExercise(exercise, 'solution');
		const broken = verdict.items.filter((i) => i.state !== 'passed');
		expect(
			[...verdict.problems.map((p) => p.message), ...broken.map((i) => `${i.says}: ${i.outcome}`)],
			transcript.failure,
		).toEqual([]);
		expect(verdict.ok).toBe(true);
		expect(verdict.items.length).toBeGreaterThanOrEqual(3);
	});

	test('its starter fails the check, with a message for what it got wrong', async () => {
		const { verdict } = await checkExercise(exercise, 'starter');
		expect(verdict.ok).toBe(false);
		const failed = verdict.items.filter((i) => i.state === 'failed');
		expect(failed.length + verdict.problems.length).toBeGreaterThan(0);
		for (const item of failed) expect(item.outcome).toMatch(/기대했는데/);
	});
});
