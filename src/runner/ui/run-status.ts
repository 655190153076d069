// The state of a snippet's run and everything that shows it: the status line of the output, the hint
// under Run, Run's own label, Stop, and `data-state` on the runner (styles and tests read it).
export type RunState = 'idle' | 'booting' | 'running' | 'exited' | 'stopped' | 'recorded' | 'error';

export interface StatusElements {
	/** Carries `data-state`. */
	owner: HTMLElement;
	status: HTMLElement | null;
	/**
	 * A line right under Run and Stop, for what the reader must know before pressing Run (on iPhone
	 * and iPad: that the runtime starts only then). It is where they look; the output's status line may
	 * be out of view (a phone's Code view hides it).
	 */
	hint: HTMLElement | null;
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
		if (state !== this.state) this.hint(undefined);
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
