// The state of a snippet's run and everything that shows it: the status line beside Run, Run's own
// label, Stop, and `data-state` on the runner (styles and tests read it).
export type RunState = 'idle' | 'booting' | 'running' | 'exited' | 'stopped' | 'recorded' | 'error';

export interface StatusElements {
	/** Carries `data-state`. */
	owner: HTMLElement;
	status: HTMLElement | null;
	run: HTMLButtonElement | null;
	stop: HTMLButtonElement | null;
}

export class RunStatus {
	#el: StatusElements;
	state: RunState = 'idle';

	constructor(elements: StatusElements) {
		this.#el = elements;
	}

	set(state: RunState, text: string) {
		this.state = state;
		this.#el.owner.dataset['state'] = state;
		this.text(text);
		if (this.#el.stop) this.#el.stop.disabled = state !== 'running' && state !== 'booting';
		if (this.#el.run) this.#el.run.textContent = state === 'running' ? '↻ 다시 실행' : '▶ 실행';
	}

	/** Changes the words only (progress while booting, "stopping"). */
	text(text: string) {
		if (this.#el.status) {
			this.#el.status.textContent = text;
			this.#el.status.title = text;
		}
	}

	disableStop() {
		if (this.#el.stop) this.#el.stop.disabled = true;
	}
}
