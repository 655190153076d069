// `<book-exercise>`: the small part of an exercise that ships with the chapter. It reveals hints one
// at a time, shows whether the reader passed this version of the exercise (with a way to forget it),
// and loads the heavy parts only when asked: the check (check.ts, with the runtimes and the scenario
// runner) on 확인, the solution's diff (solution.ts, with @codemirror/merge) on 풀이 보기.
import { clearProgress, hasPassed, loadProgress, pageStorage, PROGRESS_EVENT } from './progress.ts';
import './exercise.css';

export class ExerciseElement extends HTMLElement {
	#shown = 0;

	get exerciseId(): string {
		return this.dataset['exercise'] ?? '';
	}

	get hash(): string {
		return this.dataset['hash'] ?? '';
	}

	connectedCallback() {
		this.#button('hint')?.addEventListener('click', () => this.#nextHint());
		this.#button('check')?.addEventListener('click', () => void this.check());
		this.#button('solution')?.addEventListener('click', () => void this.showSolution());
		this.#updateHints();
		this.showProgress();
		document.addEventListener(PROGRESS_EVENT, () => this.showProgress());
		// Another tab passed or cleared something.
		addEventListener('storage', () => this.showProgress());
	}

	#button(action: string) {
		return this.querySelector<HTMLButtonElement>(`[data-action=${action}]`);
	}

	#hints(): HTMLElement[] {
		return [...this.querySelectorAll<HTMLElement>('[data-hint]')];
	}

	#nextHint() {
		const hints = this.#hints();
		const next = hints[this.#shown];
		if (!next) return;
		this.#shown++;
		next.dataset['shown'] = '';
		this.#updateHints();
		next.focus();
	}

	#updateHints() {
		const hints = this.#hints();
		const button = this.#button('hint');
		const count = this.querySelector('[data-hint-count]');
		if (count) count.textContent = `(${this.#shown}/${hints.length})`;
		if (button) {
			const done = this.#shown >= hints.length;
			button.disabled = done;
			button.firstChild!.textContent = done ? '힌트를 모두 보았습니다 ' : '힌트 보기 ';
		}
		this.querySelector<HTMLElement>('[data-hints]')?.toggleAttribute('data-some', this.#shown > 0);
	}

	/** Draws "passed" (or a notice about unreadable storage) from what the browser keeps. */
	showProgress() {
		const line = this.querySelector<HTMLElement>('[data-progress]');
		if (!line) return;
		const loaded = loadProgress(pageStorage());
		line.replaceChildren();
		if (loaded.state === 'corrupt') {
			line.hidden = false;
			line.dataset['state'] = 'corrupt';
			line.append(
				'저장된 진행 기록을 읽을 수 없어 무시했습니다. 이 문제를 통과하면 새로 기록합니다.',
			);
			return;
		}
		const entry = loaded.record.passed[this.exerciseId];
		if (!hasPassed(loaded.record, this.exerciseId, this.hash)) {
			line.hidden = entry === undefined;
			line.dataset['state'] = entry ? 'changed' : 'none';
			if (entry)
				line.append('이 문제는 예전에 통과했지만 그 뒤로 바뀌었습니다. 다시 확인해 보세요.');
			return;
		}
		line.hidden = false;
		line.dataset['state'] = 'passed';
		const when = new Date(entry?.at ?? '');
		const date = Number.isNaN(when.getTime())
			? ''
			: ` (${when.getMonth() + 1}월 ${when.getDate()}일)`;
		const clear = document.createElement('button');
		clear.type = 'button';
		clear.className = 'exercise__link-button';
		clear.dataset['action'] = 'clear-progress';
		clear.textContent = '기록 지우기';
		clear.addEventListener('click', () => {
			clearProgress(pageStorage(), [this.exerciseId]);
			document.dispatchEvent(new CustomEvent(PROGRESS_EVENT));
			this.#button('check')?.focus();
		});
		const mark = document.createElement('span');
		mark.textContent = `✓ 통과한 문제입니다${date}. `;
		line.append(mark, clear);
	}

	async check() {
		// At once, before the check's code loads: the last verdict must not stand for this check.
		delete this.dataset['check'];
		this.dataset['checking'] = '';
		try {
			const { runCheck } = await import('./check.ts');
			await runCheck(this);
		} finally {
			delete this.dataset['checking'];
		}
	}

	async showSolution() {
		const { showSolution } = await import('./solution.ts');
		await showSolution(this);
	}
}

export function defineExercise() {
	if (!customElements.get('book-exercise')) customElements.define('book-exercise', ExerciseElement);
}
