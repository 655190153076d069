// The sidebar's count of passed exercises beside each chapter that has exercises ("1/2"), drawn from
// what the browser keeps (progress.ts) and the index of exercises the sidebar override embeds at build
// (src/components/overrides/Sidebar.astro). Redrawn when an exercise is passed or cleared, here or in
// another tab.
import type { ExerciseIndex } from '../../../lib/exercises/bundle.ts';
import { countPassed, loadProgress, pageStorage, PROGRESS_EVENT } from './progress.ts';
import './sidebar-progress.css';

function readIndex(): ExerciseIndex {
	const data = document.getElementById('exercise-index')?.textContent;
	try {
		return data ? (JSON.parse(data) as ExerciseIndex) : {};
	} catch {
		return {};
	}
}

/** The chapter a sidebar link points at (`01-web/03-status-codes`), whatever the base and locale. */
function chapterOf(href: string, chapters: string[]): string | undefined {
	const path = new URL(href, location.href).pathname.replace(/\/?$/, '/');
	return chapters.find((chapter) => path.endsWith(`/${chapter}/`));
}

export function drawSidebarProgress(index = readIndex()) {
	const chapters = Object.keys(index);
	if (chapters.length === 0) return;
	const { record } = loadProgress(pageStorage());
	for (const link of document.querySelectorAll<HTMLAnchorElement>('nav.sidebar a[href]')) {
		const chapter = chapterOf(link.href, chapters);
		const exercises = chapter ? index[chapter] : undefined;
		if (!exercises) continue;
		const passed = countPassed(record, exercises);
		let badge = link.querySelector<HTMLElement>('.exercise-count');
		if (!badge) {
			badge = document.createElement('span');
			badge.className = 'exercise-count';
			link.append(badge);
		}
		badge.dataset['passed'] = String(passed);
		badge.toggleAttribute('data-done', passed === exercises.length);
		badge.replaceChildren();
		const shown = document.createElement('span');
		shown.setAttribute('aria-hidden', 'true');
		shown.textContent = `${passed}/${exercises.length}`;
		const said = document.createElement('span');
		said.className = 'sr-only';
		said.textContent = `(연습 문제 ${exercises.length}개 중 ${passed}개 통과)`;
		badge.append(shown, said);
		badge.title = `연습 문제 ${exercises.length}개 중 ${passed}개 통과`;
	}
}

export function followSidebarProgress() {
	const index = readIndex();
	drawSidebarProgress(index);
	document.addEventListener(PROGRESS_EVENT, () => drawSidebarProgress(index));
	addEventListener('storage', () => drawSidebarProgress(index));
}
