// Loads exercises from `exercises/<id>/`: validates the manifest, reads the starter, solution and
// asset files, and turns an exercise (with the starter, the solution or a reader's file) into a
// snippet the scenario runner and the page's runtimes already know how to run.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
	loadSnippet,
	readJsonManifest,
	RECORDING_VERSION,
	sharedImports,
	SHARED_DIR,
	snippetsRoot,
	type Snippet,
	type SnippetFile,
} from '../snippets/load.ts';
import { ManifestSchema } from '../snippets/schema.ts';
import { ExerciseSchema, type Exercise } from './schema.ts';

export class ExerciseError extends Error {
	readonly exerciseId: string;
	// No parameter properties: `npm run check` loads this file with Node's own type stripping.
	constructor(exerciseId: string, message: string, options?: { cause?: unknown }) {
		super(`exercise "${exerciseId}": ${message}`, options);
		this.exerciseId = exerciseId;
		this.name = 'ExerciseError';
	}
}

export interface LoadedExercise {
	id: string;
	dir: string;
	manifest: Exercise;
	/** `files`, as the reader gets them. */
	starter: SnippetFile[];
	/** `files`, solved. */
	solution: SnippetFile[];
	/** Files both share: `assets` and the shared modules they all import. */
	common: SnippetFile[];
}

/** Which files to check: the starter, the solution, or the reader's (path → content) in place of the starter's. */
export type ExerciseFiles = 'starter' | 'solution' | { edits: Record<string, string> };

export function exercisesRoot(root = process.cwd()): string {
	return join(root, 'exercises');
}

/** The ids of every exercise folder, sorted. */
export function listExerciseIds(root = process.cwd()): string[] {
	const dir = exercisesRoot(root);
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((name) => !name.startsWith('_') && !name.startsWith('.'))
		.filter((name) => statSync(join(dir, name)).isDirectory())
		.sort();
}

export function readExerciseManifest(id: string, root = process.cwd()): Exercise {
	const manifest = readJsonManifest(
		join(exercisesRoot(root), id, 'exercise.json'),
		{ id, root, schema: ExerciseSchema, schemaName: 'the exercise schema' },
		(message, options) => new ExerciseError(id, message, options),
	);
	// Ids are lower-case words, never a hidden or `_` folder: a snippet folder of that name is a snippet.
	const twin = join(snippetsRoot(root), id);
	if (existsSync(twin) && statSync(twin).isDirectory())
		throw new ExerciseError(
			id,
			`a snippet has the same id; both would be mounted at snippets/${id}/`,
		);
	return manifest;
}

export function loadExercise(id: string, root = process.cwd()): LoadedExercise {
	const manifest = readExerciseManifest(id, root);
	const dir = join(exercisesRoot(root), id);
	const read = (sub: string, path: string, role: SnippetFile['role']): SnippetFile => {
		const full = join(dir, sub, path);
		if (!existsSync(full) || !statSync(full).isFile())
			throw new ExerciseError(id, `${sub}/${path} does not exist in exercises/${id}/`);
		return { path, content: readFileSync(full, 'utf8'), role };
	};
	const starter = manifest.files.map((f) => read('starter', f, 'code'));
	const solution = manifest.files.map((f) => read('solution', f, 'code'));
	const shared = manifest.shared.map((f) => {
		const full = join(snippetsRoot(root), SHARED_DIR, f);
		if (!existsSync(full))
			throw new ExerciseError(id, `shared names ${SHARED_DIR}/${f}, which does not exist`);
		return {
			path: `../${SHARED_DIR}/${f}`,
			content: readFileSync(full, 'utf8'),
			role: 'shared' as const,
		};
	});
	const assets = manifest.assets.map((f) => read('assets', f, 'asset'));
	const common = [...shared, ...assets];
	// Whatever the starter or the solution imports from the shared folder is mounted with them.
	const support = new Map<string, SnippetFile>();
	for (const files of [starter, solution])
		for (const f of sharedImports(id, [...files, ...common], root)) support.set(f.path, f);
	for (const service of manifest.services) {
		try {
			loadSnippet(service, root);
		} catch (error) {
			throw new ExerciseError(
				id,
				`services names "${service}", which cannot be loaded: ${(error as Error).message}`,
				{
					cause: error,
				},
			);
		}
	}
	return { id, dir, manifest, starter, solution, common: [...common, ...support.values()] };
}

/** Loads every exercise; all problems are reported together. */
export function loadAllExercises(root = process.cwd()): LoadedExercise[] {
	const exercises: LoadedExercise[] = [];
	const errors: string[] = [];
	for (const id of listExerciseIds(root)) {
		try {
			exercises.push(loadExercise(id, root));
		} catch (error) {
			errors.push((error as Error).message);
		}
	}
	if (errors.length)
		throw new Error(`${errors.length} exercise(s) failed to load:\n\n${errors.join('\n\n')}`);
	return exercises;
}

/**
 * The exercise as a snippet, with the given files: its check is the scenario, the files are the
 * starter's, the solution's or the reader's. A reader's file that imports a shared module the
 * starter does not is still mounted with it.
 */
export function exerciseSnippet(
	exercise: LoadedExercise,
	files: ExerciseFiles,
	root = process.cwd(),
): Snippet {
	const { manifest } = exercise;
	const code =
		files === 'solution'
			? exercise.solution
			: exercise.starter.map((f) =>
					files !== 'starter' && files.edits[f.path] !== undefined
						? { ...f, content: files.edits[f.path] as string }
						: f,
				);
	const have = new Set(exercise.common.map((f) => f.path));
	const extra = sharedImports(exercise.id, [...code, ...exercise.common], root).filter(
		(f) => !have.has(f.path),
	);
	const all = [...code, ...exercise.common, ...extra];
	const services = manifest.services.map((id) => loadSnippet(id, root));
	const hash = createHash('sha256');
	hash.update(`exercise ${RECORDING_VERSION}\n${JSON.stringify(manifest)}`);
	for (const file of all) hash.update(`\0${file.path}\0${file.content}`);
	for (const service of services) hash.update(`\0service ${service.id} ${service.hash}`);
	return {
		id: exercise.id,
		dir: exercise.dir,
		hash: hash.digest('hex').slice(0, 16),
		manifest: ManifestSchema.parse({
			id: manifest.id,
			title: manifest.title,
			kind: manifest.kind,
			files: manifest.files,
			shared: manifest.shared,
			assets: manifest.assets,
			command: manifest.command,
			ports: manifest.ports,
			services: manifest.services,
			scenario: manifest.check.map((c) => c.step),
		}),
		files: all,
		services: services.map((s) => ({ id: s.id, manifest: s.manifest })),
	};
}
