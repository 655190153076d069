// Exercises as the book's pages get them: each chapter shows its own exercises (and only those), near
// its "직접 해 보기"; each exercise's page data carries the check, the solution and a hash that changes
// when anything a reader's pass depends on changes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exerciseBundle, exerciseHash, exerciseIndex } from '../../src/lib/exercises/bundle.ts';
import { loadAllExercises, loadExercise } from '../../src/lib/exercises/load.ts';

const docs = join(process.cwd(), 'src', 'content', 'docs');
const exercises = loadAllExercises();

describe('exercises in the chapters', () => {
	it.each(Object.entries(exerciseIndex()))(
		'%s shows its exercises under 연습 문제, just before 직접 해 보기',
		(chapter, list) => {
			const text = readFileSync(join(docs, `${chapter}.mdx`), 'utf8');
			const shown = [...text.matchAll(/<Exercise\s+id="([^"]+)"/g)].map((m) => m[1]);
			expect(shown).toEqual(list.map((e) => e.id));
			const section = text.indexOf('\n## 연습 문제\n');
			const next = text.indexOf('\n## ', section + 1);
			expect(section).toBeGreaterThan(0);
			expect(text.startsWith('\n## 직접 해 보기\n', next)).toBe(true);
			for (const id of shown) {
				const at = text.indexOf(`<Exercise id="${id}"`);
				expect(at > section && at < next, id).toBe(true);
			}
		},
	);

	it('puts every exercise in a chapter, and no chapter shows another chapter’s exercise', () => {
		const index = exerciseIndex();
		const indexed = Object.values(index).flatMap((list) => list.map((e) => e.id));
		expect(indexed.sort()).toEqual(exercises.map((e) => e.id).sort());
		for (const exercise of exercises)
			expect(index[exercise.manifest.chapter]?.map((e) => e.id)).toContain(exercise.id);
	});
});

describe('an exercise’s page data', () => {
	it('runs the check in a folder of its own and carries the solution', () => {
		const exercise = loadExercise('status-404-301');
		const data = exerciseBundle(exercise);
		expect(data.id).toBe('status-404-301');
		expect(data.exercise.runnable.id).toBe('status-404-301--check');
		expect(data.exercise.runnable.manifest.scenario).toHaveLength(exercise.manifest.check.length);
		expect(data.exercise.solution['server.mjs']).toBe(
			readFileSync(join(exercise.dir, 'solution', 'server.mjs'), 'utf8'),
		);
		expect(data.files.find((f) => f.path === 'server.mjs')?.content).toBe(
			readFileSync(join(exercise.dir, 'starter', 'server.mjs'), 'utf8'),
		);
		expect(data.hash).toBe(exerciseHash(exercise));
	});

	it('has a hash that changes with the task, the check, the starter and the solution', () => {
		const exercise = loadExercise('status-404-301');
		const base = exerciseHash(exercise);
		const changed = [
			{ ...exercise, manifest: { ...exercise.manifest, task: `${exercise.manifest.task}!` } },
			{ ...exercise, manifest: { ...exercise.manifest, check: exercise.manifest.check.slice(1) } },
			{ ...exercise, starter: exercise.starter.map((f) => ({ ...f, content: `${f.content}\n` })) },
			{
				...exercise,
				solution: exercise.solution.map((f) => ({ ...f, content: `${f.content}\n` })),
			},
		];
		for (const variant of changed) expect(exerciseHash(variant)).not.toBe(base);
		expect(exerciseHash(loadExercise('status-404-301'))).toBe(base);
	});
});
