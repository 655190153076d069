// What the page needs of an exercise, made at build: the starter as a snippet bundle (what the
// workbench edits and runs), and beside it the check (the exercise's manifest, whose sentences the
// verdict uses, and the runnable scenario), the solution's files and the hash progress is keyed by.
import { createHash } from 'node:crypto';
import type { RunnableSnippet } from '../scenario/run.ts';
import { snippetBundle, type SnippetBundle } from '../snippets/bundle.ts';
import type { Snippet } from '../snippets/load.ts';
import { exerciseSnippet, loadAllExercises, type LoadedExercise } from './load.ts';
import type { Exercise } from './schema.ts';

/** The suffix of the folder a check runs in, apart from the one the reader's Run uses. */
export const CHECK_FOLDER_SUFFIX = '--check';

export interface ExercisePageData {
	/** Changes whenever the task, the check, the starter, the solution or a service changes. */
	hash: string;
	/** The manifest: the check's steps and their sentences (for the verdict). */
	manifest: Exercise;
	/**
	 * The check as the scenario runner plays it, under the id `<id>--check`: a check runs in its own
	 * folder, so whatever a Run wrote into the reader's folder can never be what is checked.
	 */
	runnable: RunnableSnippet;
	/** The solution: path → content, for the files the reader edits. */
	solution: Record<string, string>;
}

export interface ExerciseBundle extends SnippetBundle {
	exercise: ExercisePageData;
}

/**
 * The hash a passed exercise is remembered under: a changed exercise needs passing again. Give the
 * starter's snippet when it is made anyway.
 */
export function exerciseHash(
	exercise: LoadedExercise,
	starter: Snippet = exerciseSnippet(exercise, 'starter'),
): string {
	const hash = createHash('sha256');
	hash.update(starter.hash);
	for (const f of exercise.solution) hash.update(`\0${f.path}\0${f.content}`);
	return hash.digest('hex').slice(0, 16);
}

export function exerciseBundle(exercise: LoadedExercise): ExerciseBundle {
	const snippet = exerciseSnippet(exercise, 'starter');
	const hash = exerciseHash(exercise, snippet);
	return {
		...snippetBundle(snippet),
		hash,
		exercise: {
			hash,
			manifest: exercise.manifest,
			runnable: {
				id: `${exercise.id}${CHECK_FOLDER_SUFFIX}`,
				hash: snippet.hash,
				manifest: { ...snippet.manifest, id: `${exercise.id}${CHECK_FOLDER_SUFFIX}` },
				services: snippet.services,
			},
			solution: Object.fromEntries(exercise.solution.map((f) => [f.path, f.content])),
		},
	};
}

/** Chapter (`01-web/03-status-codes`) → its exercises, in file order, with their hashes. */
export type ExerciseIndex = Record<string, Array<{ id: string; hash: string }>>;

let index: ExerciseIndex | undefined;
/** Every exercise by chapter (made once per build: every page's sidebar carries its chapters' lists). */
export function exerciseIndex(): ExerciseIndex {
	if (index) return index;
	const built: ExerciseIndex = {};
	for (const exercise of loadAllExercises())
		(built[exercise.manifest.chapter] ??= []).push({
			id: exercise.id,
			hash: exerciseHash(exercise),
		});
	index = built;
	return built;
}
