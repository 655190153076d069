// The sidebar's count of passed exercises beside each chapter that has exercises ("1/2"): the badge
// and the chapter's exercises (ids and hashes, in `data-exercises`) are in the sidebar from the
// build (src/route-data/exercise-counts.ts); this fills in what the browser keeps (progress.ts).
// Redrawn when an exercise is passed or cleared, here or in another tab.
import { countPassed, loadProgress, pageStorage, PROGRESS_EVENT } from './progress.ts';
import './sidebar-progress.css';

function exercisesOf(link: HTMLElement): Array<{ id: string; hash: string }> {
	try {
		const list: unknown = JSON.parse(link.dataset['exercises'] ?? '[]');
		return Array.isArray(list) ? (list as Array<{ id: string; hash: string }>) : [];
	} catch {
		return [];
	}
}

export function drawSidebarProgress() {
	const { record } = loadProgress(pageStorage());
	for (const link of document.querySelectorAll<HTMLAnchorElement>(
		'nav.sidebar a[data-exercises]',
	)) {
		const badge = link.querySelector<HTMLElement>('.exercise-count');
		const exercises = exercisesOf(link);
		if (!badge || exercises.length === 0) continue;
		const passed = countPassed(record, exercises);
		const said = `연습 문제 ${exercises.length}개 중 ${passed}개 통과`;
		badge.dataset['passed'] = String(passed);
		badge.toggleAttribute('data-done', passed === exercises.length);
		badge.title = said;
		const shown = document.createElement('span');
		shown.setAttribute('aria-hidden', 'true');
		shown.textContent = `${passed}/${exercises.length}`;
		const spoken = document.createElement('span');
		spoken.className = 'sr-only';
		spoken.textContent = `(${said})`;
		badge.replaceChildren(shown, spoken);
	}
}

export function followSidebarProgress() {
	drawSidebarProgress();
	document.addEventListener(PROGRESS_EVENT, () => drawSidebarProgress());
	addEventListener('storage', () => drawSidebarProgress());
}
