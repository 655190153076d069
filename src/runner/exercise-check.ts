// An exercise's check on a live runtime, as the page runs it: the reader's files mounted with the
// exercise's bundle in the check's own folder, the check played by the one scenario runner through
// the page's ScenarioHost (going on past failures, as `npm run check` does), and the verdict in the
// exercise's own sentences. No DOM: the page (ui/exercise/check.ts) and the unit tests share it.
import type { ExerciseBundle } from '../lib/exercises/bundle.ts';
import { verdictOf, type CheckVerdict } from '../lib/exercises/verdict.ts';
import { runScenarioWithReport } from '../lib/scenario/run.ts';
import type { LiveRuntime } from './runtime/types.ts';
import { mountForScenario } from './scenario-host.ts';

export async function checkOnRuntime(
	runtime: LiveRuntime,
	data: ExerciseBundle,
	files: Record<string, string>,
	options: { signal?: AbortSignal } = {},
): Promise<CheckVerdict> {
	const { exercise } = data;
	const host = await mountForScenario(runtime, { ...data, id: exercise.runnable.id }, files);
	try {
		const { report } = await runScenarioWithReport(exercise.runnable, host, {
			keepGoing: true,
			...(options.signal ? { signal: options.signal } : {}),
		});
		return verdictOf(exercise.manifest, report);
	} finally {
		host.dispose();
	}
}
