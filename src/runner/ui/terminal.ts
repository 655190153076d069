// The terminal: xterm.js with ANSI colours. It grows with the output up to `maxRows` (then scrolls),
// and the reader can drag it taller or shorter. Output is written in throttled batches (a snippet
// printing a million lines must not freeze the page: what cannot keep up is skipped, and the reader
// told so); typed keys go to the process's stdin, with a line buffer and echo when the runtime gives a
// pipe. Keyboard: Escape always moves focus on, Tab does while no process reads input, and
// Ctrl/Cmd-Enter reaches the shell (Run) instead of the process.
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';

export interface TerminalHooks {
	/** Text for the process's stdin. */
	input(text: string): void;
	/** Ctrl-D: end of input. */
	end(): void;
	/** Ctrl-C. */
	interrupt(): void;
	/** Escape (or Tab with nobody reading): focus leaves the terminal. */
	leave(): void;
	/**
	 * The terminal's size changed (it grew with the output, or the reader resized it): tell the
	 * process's terminal.
	 */
	resize?(cols: number, rows: number): void;
}

export interface TerminalSize {
	/** Rows shown before there is output. @default 4 */
	minRows?: number;
	/** Rows it grows to; beyond, it scrolls. @default 24 */
	maxRows?: number;
}

/**
 * Our own lines' colours. Muted is a grey, not ANSI "dim": xterm draws dim text at half opacity,
 * which its contrast floor does not lift (4.4:1 on this background).
 */
export const NOTE_COLOURS = {
	dim: '\x1b[38;2;160;164;171m',
	red: '\x1b[31m',
	green: '\x1b[32m',
	yellow: '\x1b[33m',
} as const;

/** The most text kept waiting for the terminal; beyond this the middle is skipped. */
const MAX_PENDING = 256 * 1024;
const FLUSH_MS = 40;

export class SnippetTerminal {
	readonly term: Terminal;
	#host: HTMLElement;
	#fit = new FitAddon();
	#pending: string[] = [];
	#pendingSize = 0;
	#skipped = 0;
	#writing = false;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#line = '';
	#minRows: number;
	#maxRows: number;
	/** The reader dragged the size: it no longer follows the output. */
	#sizedByReader = false;
	mode: 'pty' | 'pipe' = 'pipe';
	accepting = false;

	constructor(host: HTMLElement, hooks: TerminalHooks, size: TerminalSize = {}) {
		this.#host = host;
		this.#minRows = size.minRows ?? 4;
		this.#maxRows = size.maxRows ?? 24;
		this.term = new Terminal({
			convertEol: true,
			scrollback: 3000,
			fontSize: 13,
			fontFamily:
				'ui-monospace, SFMono-Regular, Menlo, Consolas, "Noto Sans Mono CJK KR", monospace',
			rows: this.#minRows,
			cursorBlink: false,
			// Every colour, dim text included, at WCAG AA on the terminal's background.
			minimumContrastRatio: 4.5,
			theme: { background: '#1b1d23', foreground: '#e6e6e6' },
		});
		this.term.loadAddon(this.#fit);
		this.term.open(host);
		this.term.textarea?.setAttribute(
			'aria-label',
			'터미널: 실행 중인 프로그램에 입력할 내용을 여기에 입력합니다. Esc로 빠져나갑니다',
		);
		this.term.attachCustomKeyEventHandler((event) => {
			if (event.type !== 'keydown') return true;
			if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') return false;
			if (event.key === 'Escape') {
				hooks.leave();
				return false;
			}
			// Not handled by xterm: the browser moves focus as for any other control.
			if (event.key === 'Tab' && !this.accepting) return false;
			return true;
		});
		this.fit();
		const box = host.parentElement ?? host;
		new ResizeObserver(() => {
			// A height set on the box is the reader's, by dragging its corner: theirs from then on.
			this.#sizedByReader = Boolean(box.style.height);
			this.fit();
		}).observe(box);
		this.term.onResize(({ cols, rows }) => hooks.resize?.(cols, rows));
		this.term.onData((data) => {
			if (!this.accepting) return;
			if (this.mode === 'pty') {
				if (data === '\x03') hooks.interrupt();
				else hooks.input(data);
				return;
			}
			// A pipe has no terminal line discipline: keep the line here, echo it, send it on Enter.
			for (const ch of data) {
				if (ch === '\r' || ch === '\n') {
					this.term.write('\r\n');
					hooks.input(this.#line + '\n');
					this.#line = '';
				} else if (ch === '\x7f' || ch === '\b') {
					if (this.#line) {
						this.#line = [...this.#line].slice(0, -1).join('');
						this.term.write('\b \b');
					}
				} else if (ch === '\x03') {
					this.term.write('^C\r\n');
					this.#line = '';
					hooks.interrupt();
				} else if (ch === '\x04') {
					if (this.#line) hooks.input(this.#line);
					this.#line = '';
					hooks.end();
				} else if (ch >= ' ' || ch === '\t') {
					this.#line += ch;
					this.term.write(ch);
				}
			}
		});
	}

	/** Columns from the width; rows from the output (or from the height the reader gave it). */
	fit() {
		let proposed: { cols: number; rows: number } | undefined;
		try {
			proposed = this.#fit.proposeDimensions();
		} catch {
			// not laid out yet
		}
		if (!proposed || !Number.isFinite(proposed.cols) || proposed.cols < 2) return;
		const rows = this.#sizedByReader ? this.#rowsForHeight() : this.#rowsForOutput();
		if (proposed.cols !== this.term.cols || rows !== this.term.rows)
			this.term.resize(proposed.cols, rows);
	}

	#rowsForOutput(): number {
		const buffer = this.term.buffer.active;
		// The cursor's row must be in view too, or the first line would scroll out of the top.
		const used = buffer.baseY + buffer.cursorY + 1;
		return Math.min(this.#maxRows, Math.max(this.#minRows, used));
	}

	#rowsForHeight(): number {
		const box = this.#host.parentElement;
		const screen = this.term.element?.querySelector<HTMLElement>('.xterm-screen');
		if (!box || !screen || !screen.offsetHeight) return this.term.rows;
		const cell = screen.offsetHeight / this.term.rows;
		const style = getComputedStyle(box);
		const inner = box.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
		return Math.max(2, Math.floor(inner / cell));
	}

	write(text: string) {
		this.#pending.push(text);
		this.#pendingSize += text.length;
		while (this.#pendingSize > MAX_PENDING && this.#pending.length > 1) {
			const dropped = this.#pending.splice(1, 1)[0] ?? '';
			this.#pendingSize -= dropped.length;
			this.#skipped += dropped.length;
		}
		this.#timer ??= setTimeout(() => this.#flush(), FLUSH_MS);
	}

	/** Writes what is waiting now rather than at the next batch (the first output of a run). */
	flushSoon() {
		if (this.#timer === undefined || this.#writing) return;
		clearTimeout(this.#timer);
		this.#flush();
	}

	#flush() {
		this.#timer = undefined;
		if (this.#writing) {
			this.#timer = setTimeout(() => this.#flush(), FLUSH_MS);
			return;
		}
		let text = this.#pending.join('');
		this.#pending = [];
		this.#pendingSize = 0;
		if (this.#skipped) {
			const [first = '', ...rest] = [text.slice(0, 4096), text.slice(4096)];
			text = `${first}\r\n\x1b[33m… 출력이 너무 빨라 ${Math.round(this.#skipped / 1024)} KB를 건너뛰었습니다 …\x1b[0m\r\n${rest.join('')}`;
			this.#skipped = 0;
		}
		if (!text) return;
		this.#writing = true;
		// Wait for xterm to parse a batch before handing it the next: the page stays responsive.
		this.term.write(text, () => {
			this.#writing = false;
			if (!this.#sizedByReader) this.fit();
		});
	}

	/** Resolves once everything written so far is in xterm's buffer. */
	drained(): Promise<void> {
		return new Promise((resolve) => {
			const check = () => {
				if (!this.#pending.length && !this.#writing && this.#timer === undefined) resolve();
				else setTimeout(check, FLUSH_MS);
			};
			check();
		});
	}

	/** Writes a line of our own (not the program's), muted or coloured. */
	note(text: string, colour: 'dim' | 'red' | 'green' | 'yellow' = 'dim') {
		this.write(`${NOTE_COLOURS[colour]}${text}\x1b[0m\r\n`);
	}

	/**
	 * A run ended: when its output is a few screens long, show it from the top (a `curl -i` reader
	 * wants the status line and headers, not the HTML's tail); longer output keeps its end in view.
	 */
	async showFromTop() {
		await this.drained();
		const buffer = this.term.buffer.active;
		if (buffer.length > this.term.rows && buffer.length <= this.term.rows * 4)
			this.term.scrollToTop();
	}

	clear() {
		this.#pending = [];
		this.#pendingSize = 0;
		this.#skipped = 0;
		this.#line = '';
		this.term.reset();
		if (!this.#sizedByReader) this.fit();
	}

	focus() {
		this.term.focus();
	}

	/** Everything in the terminal's buffer as plain text, lines the width wrapped joined again. */
	text(): string {
		const buffer = this.term.buffer.active;
		let text = '';
		for (let i = 0; i < buffer.length; i++) {
			const line = buffer.getLine(i);
			if (i > 0 && !line?.isWrapped) text += '\n';
			text += line?.translateToString(true) ?? '';
		}
		return text.trimEnd();
	}
}
