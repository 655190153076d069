// The live runner of one snippet: `<snippet-runner>` inside the shell's live region. It turns the
// shell's code panels into editors, runs the snippet on the page's runtime, and shows the terminal,
// the status, and for servers the preview and the request console. Everything the reader typed is
// kept; anything that goes wrong is said in Korean, and nothing is lost.
import type { SnippetBundle } from '../../lib/snippets/bundle.ts';
import { forgetEdits, loadEdits, saveEdits } from '../edits.ts';
import {
	BOOT_WAITS_FOR_RUN_TEXT,
	RUNTIME_LABEL,
	bootStatusText,
	offReasonText,
	onBootProgress,
	onRuntimeChange,
	onRuntimeNotice,
	pageRuntime,
	preference,
	rechoose,
	warmPageRuntime,
	type PageRuntime,
	type RuntimeNotice,
} from '../page-runtime.ts';
import type { LiveRuntime, ProcessExit } from '../runtime/types.ts';
import {
	inspect,
	prepareRun,
	startRun,
	type Prepared,
	type RunHandle,
	type RunPort,
} from '../session.ts';
import { h } from './dom.ts';
import { FileEditor } from './editor.ts';
import { Inspector } from './inspector.ts';
import { Preview } from './preview.ts';
import { SnippetTerminal } from './terminal.ts';
import '../runner.css';
import { shownCommand } from '../../lib/snippets/ports.ts';

type State = 'idle' | 'booting' | 'running' | 'exited' | 'stopped' | 'recorded' | 'error';

interface Shell extends HTMLElement {
	selectPanel(match: (panel: HTMLElement) => boolean): void;
}

/** Runs on this page right now, so a WebContainer's shared ports can be freed for the next run. */
const activeRuns = new Set<SnippetRunner>();

export class SnippetRunner extends HTMLElement {
	#shell!: Shell;
	#bundle!: SnippetBundle;
	#editors = new Map<string, FileEditor>();
	#terminal: SnippetTerminal | undefined;
	#preview: Preview | undefined;
	#inspector: Inspector | undefined;
	#run: RunHandle | undefined;
	#runtime: LiveRuntime | undefined;
	#state: State = 'idle';
	#status!: HTMLElement;
	#notice!: HTMLElement;
	#announce!: HTMLElement;
	#stop!: HTMLButtonElement;
	#runButton: HTMLButtonElement | null = null;
	#terminalBox!: HTMLElement;
	#serverBox!: HTMLElement;
	#saveTimer: ReturnType<typeof setTimeout> | undefined;
	#announceTimer: ReturnType<typeof setTimeout> | undefined;
	#lastOutput = '';
	#runId = 0;
	#ready: Promise<void> | undefined;
	#prepared: { runtime: LiveRuntime; done: Promise<Prepared | undefined> } | undefined;

	/** The terminal's text, once everything written so far has been drawn. */
	async outputText(): Promise<string> {
		await new Promise((r) => setTimeout(r, 120));
		return this.#terminal?.text() ?? '';
	}

	/** Builds the UI and the editors; safe to call more than once. */
	prepare(shell: Shell): Promise<void> {
		this.#ready ??= this.#prepare(shell);
		return this.#ready;
	}

	async #prepare(shell: Shell) {
		this.#shell = shell;
		this.#runButton = shell.querySelector<HTMLButtonElement>('[data-action=run]');
		const id = shell.dataset['snippetId'] ?? 'snippet';
		this.#status = h('span', { class: 'runner__status', role: 'status' }, '실행 전');
		this.#stop = h(
			'button',
			{ type: 'button', class: 'runner__button', 'data-action': 'stop', disabled: true },
			'■ 멈춤',
		);
		const reset = h(
			'button',
			{ type: 'button', class: 'runner__button', 'data-action': 'reset' },
			'↺ 원래 코드로',
		);
		const runtimeSelect = h(
			'select',
			{ class: 'runner__runtime', 'aria-label': '실행 환경' },
			h('option', { value: 'auto' }, '실행 환경: 자동'),
			...(['local', 'webcontainer', 'recorded'] as const).map((k) =>
				h('option', { value: k }, RUNTIME_LABEL[k]),
			),
		);
		runtimeSelect.value = new URLSearchParams(location.search).get('runtime') ?? preference();
		this.#notice = h('div', { class: 'runner__notice', hidden: true });
		this.#announce = h('p', { class: 'visually-hidden', 'aria-live': 'polite' });
		this.#terminalBox = h('div', { class: 'runner__terminal', hidden: true });
		this.#serverBox = h('div', { class: 'runner__server', hidden: true });
		this.append(
			h('div', { class: 'runner__bar' }, this.#status, this.#stop, reset, runtimeSelect),
			this.#notice,
			this.#terminalBox,
			this.#serverBox,
			this.#announce,
		);
		this.#stop.addEventListener('click', () => void this.stop());
		reset.addEventListener('click', () => this.#resetCode());
		runtimeSelect.addEventListener(
			'change',
			() =>
				void rechoose(runtimeSelect.value as 'auto').then(() =>
					this.#setState('idle', '실행 환경을 바꿨습니다. ▶ 실행을 누르세요.'),
				),
		);
		onRuntimeChange(() => {
			void this.#run?.stop();
			this.#run = undefined;
			this.#runtime = undefined;
			this.#prepared = undefined;
		});
		onRuntimeNotice((notice) => this.#onNotice(notice));
		this.#setState('idle', '실행 전');

		const res = await fetch(shell.dataset['bundle'] ?? '');
		if (!res.ok) throw new Error(`예제 파일을 불러오지 못했습니다 (${res.status})`);
		this.#bundle = (await res.json()) as SnippetBundle;
		this.#mountEditors(id);
		// The reader is about to run this: do now what Run would otherwise wait for (unless the
		// runtime boots only on Run here: a WebContainer on iPhone and iPad).
		void warmPageRuntime().then((chosen) => {
			if (!chosen && this.#state === 'idle') this.#status.textContent = BOOT_WAITS_FOR_RUN_TEXT;
			else if (chosen && chosen.kind !== 'recorded') void this.#prepareOn(chosen.runtime);
		});
		whenIdle(() => this.#buildOutOfSight());
	}

	/** Files mounted, ports chosen and services started on `runtime`, once per runtime. */
	#prepareOn(runtime: LiveRuntime): Promise<Prepared | undefined> {
		if (this.#prepared?.runtime !== runtime) {
			const done: Promise<Prepared | undefined> = prepareRun(
				runtime,
				this.#bundle,
				this.#currentEdits(),
			).catch(() => {
				// Run then does it all itself, and says what went wrong.
				if (this.#prepared?.done === done) this.#prepared = undefined;
				return undefined;
			});
			this.#prepared = { runtime, done };
		}
		return this.#prepared.done;
	}

	/**
	 * The terminal and, for a server, the preview take tens of milliseconds to build: build them while
	 * the reader reads, laid out (xterm measures its cells) but out of sight until Run shows them.
	 */
	#buildOutOfSight() {
		if (this.#terminal || this.#state !== 'idle') return;
		this.#terminalBox.hidden = false;
		this.#terminalBox.dataset['standby'] = '';
		this.#terminal = this.#newTerminal();
		if (this.#bundle.kind !== 'client') this.#serverPanel();
	}

	#mountEditors(id: string) {
		const saved = loadEdits(localStorage, this.#bundle.id, this.#bundle.hash);
		const edits = saved.state === 'current' ? saved.edits.files : {};
		for (const panel of this.#shell.querySelectorAll<HTMLElement>('.snippet__panel[data-file]')) {
			const path = panel.dataset['file'] ?? '';
			const file = this.#bundle.files.find((f) => f.path === path);
			if (!file) continue;
			const host = h('div', { class: 'runner__editor' });
			const readOnly = file.role === 'shared' || file.role === 'asset';
			const editor = new FileEditor(
				host,
				{
					path,
					content: file.content,
					readOnly,
					language: path.endsWith('.py') ? 'python' : 'javascript',
				},
				() => this.#scheduleSave(),
				() => panel.focus(),
			);
			if (!readOnly && edits[path] !== undefined) editor.content = edits[path];
			for (const pre of panel.querySelectorAll('pre, .expressive-code'))
				(pre as HTMLElement).hidden = true;
			panel.append(host);
			panel.dataset['live'] = '';
			this.#editors.set(path, editor);
		}
		if (saved.state === 'stale') {
			this.#showNotice('이 예제는 새 판에서 바뀌었습니다. 전에 고친 코드가 저장되어 있습니다.', [
				['내 수정본 불러오기', () => this.#applyEdits(saved.edits.files)],
				['새 판 그대로 쓰기', () => forgetEdits(localStorage, this.#bundle.id)],
			]);
		} else if (saved.state === 'corrupt') {
			this.#showNotice('저장된 수정본을 읽을 수 없어 원래 코드로 시작합니다.', []);
			forgetEdits(localStorage, this.#bundle.id);
		}
		void id;
	}

	#applyEdits(files: Record<string, string>) {
		for (const [path, content] of Object.entries(files)) {
			const editor = this.#editors.get(path);
			if (editor) editor.content = content;
		}
		this.#save();
	}

	#currentEdits(): Record<string, string> {
		const edits: Record<string, string> = {};
		for (const [path, editor] of this.#editors)
			if (editor.content !== editor.original) edits[path] = editor.content;
		return edits;
	}

	#scheduleSave() {
		clearTimeout(this.#saveTimer);
		this.#saveTimer = setTimeout(() => this.#save(), 250);
	}

	#save() {
		if (!saveEdits(localStorage, this.#bundle.id, this.#bundle.hash, this.#currentEdits())) {
			this.#showNotice(
				'브라우저 저장소를 쓸 수 없어 고친 코드가 새로고침 뒤에는 남지 않습니다.',
				[],
			);
		}
	}

	#resetCode() {
		for (const editor of this.#editors.values())
			if (editor.content !== editor.original) editor.content = editor.original;
		clearTimeout(this.#saveTimer);
		forgetEdits(localStorage, this.#bundle.id);
		this.#say('원래 코드로 되돌렸습니다.');
	}

	#showNotice(text: string, actions: Array<[string, () => void]>) {
		const buttons = actions.map(([label, act]) => {
			const b = h('button', { type: 'button', class: 'runner__button' }, label);
			b.addEventListener('click', () => {
				act();
				this.#notice.hidden = true;
			});
			return b;
		});
		this.#notice.replaceChildren(h('p', {}, text), ...buttons);
		this.#notice.hidden = false;
	}

	#setState(state: State, text: string) {
		this.#state = state;
		this.dataset['state'] = state;
		this.#status.textContent = text;
		this.#stop.disabled = state !== 'running' && state !== 'booting';
		if (this.#runButton)
			this.#runButton.textContent = state === 'running' ? '↻ 다시 실행' : '▶ 실행';
	}

	#say(text: string) {
		this.#announce.textContent = text;
	}

	/** Throttled: screen readers hear the latest line of output at most every 1.5 s. */
	#announceOutput(text: string) {
		// eslint-disable-next-line no-control-regex
		const lines = text
			.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')
			.split(/\r?\n/)
			.filter((l) => l.trim());
		if (lines.length) this.#lastOutput = lines[lines.length - 1] ?? '';
		this.#announceTimer ??= setTimeout(() => {
			this.#announceTimer = undefined;
			if (this.#lastOutput) this.#say(`출력: ${this.#lastOutput}`);
		}, 1500);
	}

	#newTerminal(): SnippetTerminal {
		// xterm sizes itself to its parent: a parent of its own keeps that size while the box is tucked away.
		const host = h('div');
		this.#terminalBox.append(host);
		return new SnippetTerminal(host, {
			input: (text) => this.#run?.main.write(text),
			end: () => this.#run?.main.end(),
			interrupt: () => void this.stop(),
			resize: (cols, rows) => this.#run?.main.resize(cols, rows),
		});
	}

	#ensureTerminal(): SnippetTerminal {
		this.#terminalBox.hidden = false;
		delete this.#terminalBox.dataset['standby'];
		this.#terminal ??= this.#newTerminal();
		this.#terminal.fit();
		return this.#terminal;
	}

	async run() {
		const runId = ++this.#runId;
		if (this.#run) await this.stop(true);
		this.#notice.hidden = true;
		this.#setState('booting', '실행 환경을 준비하는 중');
		const offProgress = onBootProgress((progress) => {
			if (this.#state === 'booting') this.#status.textContent = bootStatusText(progress);
		});
		let chosen: PageRuntime;
		try {
			chosen = await pageRuntime();
		} finally {
			offProgress();
		}
		if (runId !== this.#runId) return;
		if (chosen.kind === 'recorded') return this.#showRecorded(chosen);
		this.#runtime = chosen.runtime;
		const terminal = this.#ensureTerminal();
		terminal.clear();
		terminal.mode = chosen.runtime.stdin;
		const commandLine = shownCommand(this.#bundle.command, this.#allPorts());
		terminal.note(
			`${RUNTIME_LABEL[chosen.kind]}${chosen.kind === 'local' && chosen.version ? ` ${chosen.version}` : ''}`,
		);
		terminal.note(`$ ${commandLine}`, 'green');
		if (chosen.kind === 'webcontainer') await this.#freePortsFor();
		const prepared = await this.#prepareOn(chosen.runtime);
		if (runId !== this.#runId) return;
		let output = '';
		let firstOutput = true;
		try {
			this.#run = await startRun(
				chosen.runtime,
				this.#bundle,
				this.#currentEdits(),
				{
					output: (text, source) => {
						if (source === 'main') {
							if (firstOutput) {
								firstOutput = false;
								performance.mark(`web-book:first-output:${this.#bundle.id}`);
							}
							output += text.slice(0, 4096);
							if (output.length > 65536) output = output.slice(-8192);
							terminal.write(text);
							this.#announceOutput(text);
						} else {
							terminal.write(text.replace(/^(?=.)/gm, `\x1b[2m[${source}]\x1b[0m `));
						}
					},
					status: (text) => this.#setState('booting', text),
					allocated: (ports) => {
						for (const p of ports.filter((x) => x.port !== x.shown)) {
							terminal.note(
								`(포트 ${p.shown}: 이 컴퓨터에서 비어 있는 ${p.port}번을 ${this.#envOf(p.name)} 환경 변수로 넘겨 씁니다)`,
							);
						}
					},
					port: (port, open) => this.#onPort(port, open),
				},
				prepared ? { prepared } : {},
			);
		} catch (error) {
			if (runId !== this.#runId) return;
			terminal.note((error as Error).message, 'red');
			this.#setState('error', '실행하지 못했습니다');
			this.#say(`실행하지 못했습니다: ${(error as Error).message}`);
			return;
		}
		if (runId !== this.#runId) return;
		activeRuns.add(this);
		this.#run.main.resize(terminal.term.cols, terminal.term.rows);
		terminal.accepting = true;
		this.#setState('running', '실행 중');
		this.#say('실행을 시작했습니다.');
		const run = this.#run;
		void run.exited.then((exit) => {
			if (this.#run !== run) return;
			this.#finish(exit, output);
		});
	}

	#finish(exit: ProcessExit, output: string) {
		const terminal = this.#terminal;
		activeRuns.delete(this);
		this.#run = undefined;
		if (terminal) terminal.accepting = false;
		this.#inspector?.setTarget(undefined);
		const busyPort = /EADDRINUSE[^\n]*?:(\d+)/.exec(output);
		if (busyPort) {
			terminal?.note(
				`포트 ${busyPort[1]}을(를) 이미 다른 프로그램이 쓰고 있습니다. 그 프로그램(또는 이 페이지의 다른 예제)을 멈추고 다시 실행하세요.`,
				'yellow',
			);
		}
		const why = {
			'time-limit': '실행 시간 제한을 넘어 멈췄습니다.',
			'output-limit':
				'출력이 5 MB를 넘어 멈췄습니다. 무한 반복으로 출력하고 있지 않은지 확인하세요.',
			stopped: exit.rebooted
				? '멈춤 버튼으로 멈췄습니다. 끝나지 않는 프로그램이라 실행 환경을 새로 시작했고, 이 페이지에서 돌던 다른 예제는 다시 실행합니다.'
				: '멈춤 버튼으로 멈췄습니다.',
			teardown: '실행 환경이 닫혀 멈췄습니다.',
			reset: '실행 환경이 새로 시작되어 멈췄습니다.',
		}[exit.reason ?? 'stopped'];
		if (exit.reason === 'reset' && this.#runtime?.kind === 'webcontainer') {
			// Another snippet's program would not stop, so the container was rebooted under this run.
			terminal?.note(
				'다른 예제를 멈추느라 실행 환경을 새로 시작했습니다. 이 예제를 다시 실행합니다.',
				'yellow',
			);
			this.#say('실행 환경이 새로 시작되어 이 예제를 다시 실행합니다.');
			void this.run();
			return;
		}
		if (exit.reason) {
			terminal?.note(why, 'yellow');
			this.#setState('stopped', '멈춤');
			this.#say(`멈췄습니다. ${why}`);
			return;
		}
		const code = exit.code ?? exit.signal ?? '?';
		terminal?.note(`[종료 코드 ${code}]`, exit.code === 0 ? 'dim' : 'red');
		this.#setState('exited', `끝남 (종료 코드 ${code})`);
		this.#say(`프로그램이 끝났습니다. 종료 코드 ${code}.`);
	}

	async stop(restarting = false) {
		const run = this.#run;
		if (!run) {
			if (this.#state === 'booting' && !restarting) {
				this.#runId++;
				this.#setState('stopped', '멈춤');
			}
			return;
		}
		this.#stop.disabled = true;
		this.#status.textContent = '멈추는 중';
		await run.stop();
		const exit = await Promise.race([
			run.exited,
			new Promise<undefined>((r) => setTimeout(r, 3000)),
		]);
		if (this.#run === run)
			this.#finish(exit ?? { code: null, signal: null, reason: 'stopped' }, '');
	}

	/** What the page's runtime tells every snippet: a boot that came late, an internal error. */
	#onNotice(notice: RuntimeNotice) {
		if (notice.kind === 'late-boot') {
			if (this.#state !== 'recorded') return;
			this.#showNotice(notice.text, [['▶ 지금 실행', () => void this.run()]]);
			this.#setState('idle', '실행 준비됨');
			this.#say(notice.text);
			return;
		}
		if (this.#state !== 'running' && this.#state !== 'booting') return;
		this.#terminal?.note(notice.text, 'red');
		this.#say(notice.text);
	}

	#envOf(name: string) {
		return this.#allPorts().find((p) => p.name === name)?.env ?? 'PORT';
	}

	#allPorts() {
		return [...this.#bundle.services.flatMap((s) => s.ports), ...this.#bundle.ports];
	}

	/** In a WebContainer every snippet uses its default ports: stop another run on the page that holds them. */
	async #freePortsFor() {
		const mine = new Set(this.#allPorts().map((p) => p.default));
		for (const other of activeRuns) {
			if (other === this) continue;
			if (other.#allPorts().some((p) => mine.has(p.default))) {
				this.#terminal?.note(
					`같은 포트를 쓰는 다른 예제(${other.#bundle.title})를 멈췄습니다.`,
					'yellow',
				);
				await other.stop();
			}
		}
	}

	/** The preview and the request console, built once (hidden until a port opens). */
	#serverPanel(): { preview: Preview; inspector: Inspector } {
		if (!this.#preview || !this.#inspector) {
			this.#preview = new Preview(this.#bundle.title, `web-book:preview-loaded:${this.#bundle.id}`);
			this.#inspector = new Inspector(`runner-${this.#bundle.id}`, (p, raw) => {
				if (!this.#runtime) throw new Error('실행 환경이 없습니다.');
				return inspect(this.#runtime, p, raw);
			});
			this.#serverBox.append(this.#preview.root, this.#inspector.root);
		}
		return { preview: this.#preview, inspector: this.#inspector };
	}

	#onPort(port: RunPort, open: boolean) {
		if (port.owner !== 'main' || this.#bundle.kind === 'client') return;
		if (!open) return;
		const { preview, inspector } = this.#serverPanel();
		this.#serverBox.hidden = false;
		if (port.url) preview.show(port.url, port.shown);
		inspector.setTarget({ port: port.port, shown: port.shown });
		this.#say(
			`서버가 포트 ${port.shown}에서 요청을 기다립니다. 미리보기와 요청 콘솔을 쓸 수 있습니다.`,
		);
	}

	#showRecorded(chosen: Extract<PageRuntime, { kind: 'recorded' }>) {
		const cmd = shownCommand(this.#bundle.command, this.#allPorts());
		const retry = h(
			'button',
			{ type: 'button', class: 'runner__button', 'data-action': 'retry' },
			'다시 시도',
		);
		retry.addEventListener('click', () => void rechoose().then(() => this.run()));
		this.#notice.replaceChildren(
			h('p', { class: 'runner__reason' }, offReasonText(chosen.reason)),
			...(chosen.detail ? [h('p', { class: 'runner__detail' }, chosen.detail)] : []),
			h(
				'p',
				{},
				'아래는 빌드할 때 실제로 실행해 기록한 출력입니다. 내 컴퓨터(Node.js 20 이상)에서는 저장소의 예제 폴더에서 이렇게 실행합니다:',
			),
			h(
				'pre',
				{ class: 'runner__command' },
				h('code', {}, `cd snippets/${this.#bundle.id}\n${cmd}`),
			),
			retry,
		);
		this.#notice.hidden = false;
		this.#setState('recorded', '기록된 출력');
		this.#say(
			`실시간 실행을 쓸 수 없어 기록된 출력을 보여 줍니다. ${offReasonText(chosen.reason)}`,
		);
		this.#shell.selectPanel((p) => p.dataset['role'] === 'transcript');
	}
}

/** Runs `work` when the page has nothing more urgent to do. */
function whenIdle(work: () => void) {
	if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: 500 });
	else setTimeout(work, 50);
}

export function defineSnippetRunner() {
	if (!customElements.get('snippet-runner')) customElements.define('snippet-runner', SnippetRunner);
}
