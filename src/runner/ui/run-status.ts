// The state of a snippet's run and everything that shows it: the status line of the output, the hint
// under Run, the label of the Run button of the code that runs (Node's in the header, Python's in the
// Python tab), Stop, and `data-state` and `data-variant` on the runner (styles and tests read them).
import type { Variant } from '../session.ts';

export type RunState = 'idle' | 'booting' | 'running' | 'exited' | 'stopped' | 'recorded' | 'error';

export interface StatusElements {
	/** Carries `data-state` and `data-variant`. */
	owner: HTMLElement;
	status: HTMLElement | null;
	/**
	 * A line right under Run and Stop, for what the reader must know before pressing Run (on iPhone
	 * and iPad: that the runtime starts only then). It is where they look; the output's status line may
	 * be out of view (a phone's Code view hides it).
	 */
	hint: HTMLElement | null;
	run: HTMLButtonElement | null;
	/** The Python tab's Run, when the snippet has Python code to run. */
	runPython?: HTMLButtonElement | null;
	stop: HTMLButtonElement | null;
}

const RUN_LABEL: Record<Variant, { idle: string; running: string }> = {
	node: { idle: '▶ 실행', running: '↻ 다시 실행' },
	python: { idle: '▶ 파이썬으로 실행', running: '↻ 파이썬으로 다시 실행' },
};

export class RunStatus {
	#el: StatusElements;
	state: RunState = 'idle';
	/** Which code the current (or last) run runs. */
	variant: Variant = 'node';

	constructor(elements: StatusElements) {
		this.#el = elements;
	}

	set(state: RunState, text: string, variant: Variant = this.variant) {
		if (state !== this.state) this.hint(undefined);
		this.state = state;
		this.variant = variant;
		this.#el.owner.dataset['state'] = state;
		this.#el.owner.dataset['variant'] = variant;
		this.text(text);
		if (this.#el.stop) this.#el.stop.disabled = state !== 'running' && state !== 'booting';
		for (const v of ['node', 'python'] as const) {
			const button = v === 'node' ? this.#el.run : this.#el.runPython;
			if (button)
				button.textContent =
					RUN_LABEL[v][state === 'running' && v === variant ? 'running' : 'idle'];
		}
	}

	/** Changes the words only (progress while booting, "stopping"). */
	text(text: string) {
		if (this.#el.status) {
			this.#el.status.textContent = text;
			this.#el.status.title = text;
		}
	}

	/** Shows `text` under Run until the run's state next changes (`undefined` hides the hint). */
	hint(text: string | undefined) {
		const hint = this.#el.hint;
		if (!hint) return;
		hint.textContent = text ?? '';
		hint.hidden = !text;
	}

	disableStop() {
		if (this.#el.stop) this.#el.stop.disabled = true;
	}
}
