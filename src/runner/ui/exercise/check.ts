// 확인: runs the exercise's check on the reader's code, in the page's runtime, through the page's
// ScenarioHost and the one scenario runner (as `npm run check` does in Node), then shows the verdict
// and remembers a pass. Without a live runtime it says why and gives the command that checks the
// reader's file locally. Checks on a page run one at a time: they share the runtime's ports.
import { checkOnRuntime } from '../../exercise-check.ts';
import { bootStatusText, onBootProgress, pageRuntime } from '../../page-runtime.ts';
import { exerciseWorkbench } from './exercise-data.ts';
import type { ExerciseElement } from './exercise-element.ts';
import { markPassed, pageStorage, PROGRESS_EVENT } from './progress.ts';
import { CheckView } from './verdict-view.ts';

let queue: Promise<unknown> = Promise.resolve();

export function runCheck(root: ExerciseElement): Promise<void> {
	const mine = queue.then(() => check(root));
	queue = mine.catch(() => undefined);
	return mine;
}

async function check(root: ExerciseElement): Promise<void> {
	const button = root.querySelector<HTMLButtonElement>('[data-action=check]');
	const view = new CheckView(root);
	if (button) button.disabled = true;
	// The element marked the check as under way (and cleared the last verdict) on the press.
	view.working('확인을 준비하는 중입니다…');
	const offProgress = onBootProgress((p) => view.working(`실행 환경: ${bootStatusText(p)}`));
	try {
		const { runner, data } = await exerciseWorkbench(root);
		// The reader's own Run may hold the ports the check needs.
		await runner.stop();
		const chosen = await pageRuntime();
		offProgress();
		if (chosen.kind === 'recorded') {
			root.dataset['check'] = 'unavailable';
			view.unavailable(chosen.reason, chosen.detail, root.exerciseId, root.dataset['mainFile']);
			return;
		}
		view.working('확인하는 중입니다: 내 코드를 실행해 조건을 하나하나 살펴봅니다…');
		const verdict = await checkOnRuntime(chosen.runtime, data, runner.files());
		root.dataset['check'] = verdict.ok ? 'pass' : 'fail';
		view.verdict(verdict);
		if (verdict.ok) {
			if (!markPassed(pageStorage(), root.exerciseId, data.exercise.hash))
				view.note('이 브라우저가 저장을 막아 통과 기록을 남기지 못했습니다.');
			document.dispatchEvent(new CustomEvent(PROGRESS_EVENT));
		}
	} catch (error) {
		root.dataset['check'] = 'fail';
		view.error((error as Error).message ?? String(error));
	} finally {
		offProgress();
		if (button) button.disabled = false;
	}
}
