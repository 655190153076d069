// Checks an exercise in real Node on this machine (tests, `npm run check`): the files are laid out
// as a runtime mounts them (`snippets/<id>/` beside the shared folder and the services), then the
// one scenario runner plays the check, going on past failures so every expectation gets a verdict.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createNodeHost } from '../scenario/node-host.ts';
import { runScenarioWithReport, type ScenarioResult } from '../scenario/run.ts';
import { SHARED_DIR, snippetsRoot } from '../snippets/load.ts';
import { exerciseSnippet, type ExerciseFiles, type LoadedExercise } from './load.ts';
import { verdictOf, type CheckVerdict } from './verdict.ts';

export interface CheckResult extends ScenarioResult {
	verdict: CheckVerdict;
}

export async function checkExercise(
	exercise: LoadedExercise,
	files: ExerciseFiles,
	root = process.cwd(),
): Promise<CheckResult> {
	const snippet = exerciseSnippet(exercise, files, root);
	const work = mkdtempSync(join(tmpdir(), `web-book-check-${exercise.id}-`));
	// A CGI server started by root runs its scripts as `nobody`, who must reach them.
	chmodSync(work, 0o711);
	try {
		const dir = join(work, 'snippets');
		mkdirSync(dir);
		for (const file of snippet.files) {
			if (file.role === 'shared' || file.role === 'support') continue;
			const path = join(dir, exercise.id, file.path);
			mkdirSync(dirname(path), { recursive: true });
			writeFileSync(path, file.content);
		}
		// Shared code and services run from the repository itself, as the tests run snippets.
		symlinkSync(join(snippetsRoot(root), SHARED_DIR), join(dir, SHARED_DIR));
		for (const service of snippet.services)
			symlinkSync(join(snippetsRoot(root), service.id), join(dir, service.id));
		const result = await runScenarioWithReport(snippet, createNodeHost({ snippetsDir: dir }), {
			keepGoing: true,
		});
		return { ...result, verdict: verdictOf(exercise.manifest, result.report) };
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
}
