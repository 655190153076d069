// The exercise's workbench and its data: the shell (Snippet.astro's `<code-snippet>`) inside the
// exercise, built into a workbench, and the exercise's part of the bundle that workbench fetched
// (src/lib/exercises/bundle.ts: the check and the solution ride in the starter's bundle).
import type { ExerciseBundle } from '../../../lib/exercises/bundle.ts';
import { preparedRunner } from '../../index.ts';
import type { SnippetRunner } from '../live-snippet.ts';

/** The exercise's workbench, built, and its bundle (fetched once, by the workbench). */
export async function exerciseWorkbench(
	root: HTMLElement,
): Promise<{ runner: SnippetRunner; data: ExerciseBundle }> {
	const shell = root.querySelector<HTMLElement>('code-snippet');
	if (!shell) throw new Error('연습 문제의 편집기를 찾지 못했습니다.');
	const runner = await preparedRunner(shell);
	const data = runner.bundle as Partial<ExerciseBundle>;
	if (!data.exercise) throw new Error('연습 문제 파일에 확인할 내용이 없습니다.');
	return { runner, data: data as ExerciseBundle };
}
