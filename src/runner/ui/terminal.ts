// The terminal: xterm.js with ANSI colours. Output is written in throttled batches (a snippet printing
// a million lines must not freeze the page: what cannot keep up is skipped, and the reader told so);
// typed keys go to the process's stdin, with a line buffer and echo when the runtime gives a pipe.
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
	/** The terminal's size changed (it follows its element): tell the process's terminal. */
	resize?(cols: number, rows: number): void;
}

/** The most text kept waiting for the terminal; beyond this the middle is skipped. */
const MAX_PENDING = 256 * 1024;
const FLUSH_MS = 40;

export class SnippetTerminal {
	readonly term: Terminal;
	#fit = new FitAddon();
	#pending: string[] = [];
	#pendingSize = 0;
	#skipped = 0;
	#writing = false;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#line = '';
	mode: 'pty' | 'pipe' = 'pipe';
	accepting = false;

	constructor(host: HTMLElement, hooks: TerminalHooks) {
		this.term = new Terminal({
			convertEol: true,
			scrollback: 3000,
			fontSize: 13,
			fontFamily:
				'ui-monospace, SFMono-Regular, Menlo, Consolas, "Noto Sans Mono CJK KR", monospace',
			rows: 12,
			cursorBlink: false,
			theme: { background: '#1b1d23', foreground: '#e6e6e6' },
		});
		this.term.loadAddon(this.#fit);
		this.term.open(host);
		this.term.textarea?.setAttribute(
			'aria-label',
			'터미널: 실행 중인 프로그램에 입력할 내용을 여기에 입력합니다',
		);
		this.fit();
		new ResizeObserver(() => this.fit()).observe(host);
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

	fit() {
		try {
			this.#fit.fit();
		} catch {
			// not visible yet
		}
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
		});
	}

	/** Writes a line of our own (not the program's), dimmed or coloured. */
	note(text: string, colour: 'dim' | 'red' | 'green' | 'yellow' = 'dim') {
		const code = { dim: '2', red: '31', green: '32', yellow: '33' }[colour];
		this.write(`\x1b[${code}m${text}\x1b[0m\r\n`);
	}

	clear() {
		this.#pending = [];
		this.#pendingSize = 0;
		this.#skipped = 0;
		this.#line = '';
		this.term.reset();
	}

	focus() {
		this.term.focus();
	}

	/** Everything in the terminal's buffer as plain text (for copying, and for tests). */
	text(): string {
		const buffer = this.term.buffer.active;
		const lines: string[] = [];
		for (let i = 0; i < buffer.length; i++)
			lines.push(buffer.getLine(i)?.translateToString(true) ?? '');
		return lines.join('\n').trimEnd();
	}
}
