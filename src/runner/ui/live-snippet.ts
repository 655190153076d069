// The live workbench of one snippet: `<snippet-runner>`, put in the shell's output area. It wires the
// parts, each a module of its own: the editors over the code panels (file-editors.ts), the reader's
// edits and share links (edit-keeper.ts), the runs (run-controller.ts), the output area (terminal,
// preview, request console: output-panel.ts), the status (run-status.ts) and notices (notices.ts).
// The Python tab's code is edited and run through the same parts; its Run is python-tab.ts's.
//
// API, for any page that embeds a workbench (exercises too):
//
//   const runner = document.createElement('snippet-runner') as SnippetRunner;
//   shell.querySelector('[data-live-root]').append(runner);
//   await runner.prepare(shell, {
//     bundle,            // files and command to run; default: fetched from shell.dataset.bundle
//     keepEdits: false,  // keep the reader's edits in localStorage under the snippet's id (default true)
//     buttons: [{ label: '확인', action: () => check(runner.files()) }],  // extra buttons beside Run
//   });
//   runner.run(); runner.stop();
//   runner.run('python');      // the Python code, where the page can run it (see python-gate.ts)
//   runner.files();            // every editable file's current text, path → content (Python's too)
//   runner.bundle;             // what it runs, as fetched (an exercise's carries its check)
//   runner.setFiles(files);    // put text in the editors (other files go back to their original)
//   await runner.outputText(); // the terminal's text
//   runner.addEventListener('workbench:exit', (e) => e.detail /* { exit, output, variant } */);
//
// The shell is the markup of src/components/Snippet.astro: `.snippet__header` with the Run and Stop
// buttons, `.snippet__tabs` with a tab per file (`data-file`), a
// `.snippet__panel[data-file]` per file holding its highlighted `<pre>` (and `data-folds`),
// `[data-notices]`, and `[data-live-root]`; the Python tab (`[data-role=python]`) holds each Python
// file in a `.snippet__python-code[data-file]` (with its `data-folds` too) and its Run in
// `[data-python-run]`; the shell element has `selectPanel`, `showView`, `narrow` and `reveal`
// (src/components/snippet-shell.ts).
import { isShareFor } from '../../components/snippet-links.ts';
import type { SnippetBundle } from '../../lib/snippets/bundle.ts';
import { editsKey } from '../edits.ts';
import {
	BOOT_WAITS_FOR_RUN_TEXT,
	offReasonText,
	onRuntimeChange,
	onRuntimeNotice,
	rechoose,
	warmPageRuntime,
	type PageRuntime,
	type RuntimeNotice,
} from '../page-runtime.ts';
import type { ProcessExit } from '../runtime/types.ts';
import { inspect, type Variant } from '../session.ts';
import { h } from './dom.ts';
import { EditKeeper, initialEdits } from './edit-keeper.ts';
import { FileEditors } from './file-editors.ts';
import { Announcer, Notices } from './notices.ts';
import { OutputPanel } from './output-panel.ts';
import { PythonTab } from './python-tab.ts';
import { RunController } from './run-controller.ts';
import { RunStatus } from './run-status.ts';
import { shownCommand } from '../../lib/snippets/ports.ts';
import '../runner.css';

/** What the runner needs of the shell (src/components/snippet-shell.ts). */
export interface Shell extends HTMLElement {
	selectPanel(match: (panel: HTMLElement) => boolean): void;
	showView(view: 'code' | 'output'): void;
	readonly narrow: boolean;
	reveal(target: HTMLElement, wanted: number): void;
}

export interface WorkbenchButton {
	label: string;
	action: () => void;
}

export interface WorkbenchOptions {
	/** The files and command to run. @default fetched from the shell's `data-bundle` */
	bundle?: SnippetBundle;
	/** Keep the reader's edits in the browser, under the snippet's id. @default true */
	keepEdits?: boolean;
	/** Buttons added beside Run. */
	buttons?: WorkbenchButton[];
}

export class SnippetRunner extends HTMLElement {
	#shell!: Shell;
	#bundle!: SnippetBundle;
	#editors!: FileEditors;
	#keeper!: EditKeeper;
	#output!: OutputPanel;
	#status!: RunStatus;
	#announce!: Announcer;
	#runs!: RunController;
	#python: PythonTab | undefined;
	#ready: Promise<void> | undefined;

	/** The terminal's text, once everything written so far has been drawn. */
	async outputText(): Promise<string> {
		await this.#output?.terminal?.drained();
		await new Promise((r) => setTimeout(r, 20));
		return this.#output?.terminal?.text() ?? '';
	}

	/** Builds the workbench over `shell`; safe to call more than once. */
	prepare(shell: Shell, options: WorkbenchOptions = {}): Promise<void> {
		this.#ready ??= this.#prepare(shell, options);
		return this.#ready;
	}

	/** What the workbench runs (an exercise's bundle carries its check too). Set once prepared. */
	get bundle(): SnippetBundle {
		return this.#bundle;
	}

	/** Every editable file's current text. */
	files(): Record<string, string> {
		const files: Record<string, string> = {};
		for (const [path, editor] of this.#editors.editors) files[path] = editor.content;
		return files;
	}

	setFiles(files: Record<string, string>) {
		this.#editors.setAll(files);
	}

	async #prepare(shell: Shell, options: WorkbenchOptions) {
		this.#shell = shell;
		this.#announce = new Announcer(this);
		if (options.bundle) this.#bundle = options.bundle;
		else {
			const res = await fetch(shell.dataset['bundle'] ?? '');
			if (!res.ok) throw new Error(`예제 파일을 불러오지 못했습니다 (${res.status})`);
			this.#bundle = (await res.json()) as SnippetBundle;
		}
		const bundle = this.#bundle;
		const button = (action: string) =>
			shell.querySelector<HTMLButtonElement>(`[data-action=${action}]`);
		button('stop')?.addEventListener('click', () => void this.stop());
		for (const extra of options.buttons ?? []) {
			const b = h('button', { type: 'button', class: 'snippet__button' }, extra.label);
			b.addEventListener('click', extra.action);
			button('run')?.after(b);
		}
		this.#output = new OutputPanel(this, bundle, {
			input: (text) => this.#runs.running?.main.write(text),
			end: () => this.#runs.running?.main.end(),
			interrupt: () => void this.stop(),
			resize: (cols, rows) => {
				this.#runs.running?.main.resize(cols, rows);
				// The terminal grew with the first output: keep what Run showed on screen.
				this.#reveal();
			},
			// The preview often appears after the output that made the terminal grow: bring it up too.
			serverShown: () => this.#reveal(),
			switchRuntime: (kind) =>
				void rechoose(kind).then(() =>
					this.#status.set('idle', '실행 환경을 바꿨습니다. ▶ 실행을 누르세요.'),
				),
			inspect: (port, raw) => {
				const runtime = this.#runs.runtime;
				if (!runtime) throw new Error('실행 환경이 없습니다.');
				return inspect(runtime, port, raw);
			},
		});
		this.#status = new RunStatus({
			owner: this,
			status: this.#output.status,
			hint: shell.querySelector<HTMLElement>('[data-run-hint]'),
			run: button('run'),
			runPython: button('run-python'),
			stop: button('stop'),
		});
		const codeNotices = new Notices(shell.querySelector<HTMLElement>('[data-notices]') ?? this);
		const storage = options.keepEdits === false ? undefined : safeLocalStorage();
		this.#keeper = new EditKeeper({
			bundle,
			notices: codeNotices,
			announce: this.#announce,
			shell,
			reset: button('reset'),
			share: button('share'),
			storage,
		});
		const start = initialEdits(storage, bundle);
		this.#editors = new FileEditors(shell, bundle, start.files, () => {
			this.#keeper.changed();
			this.#python?.refresh();
		});
		this.#keeper.attach(this.#editors, start.loaded);
		// Before Run: which Python would run the Python tab's code, or why none can here.
		this.#python = PythonTab.attach(shell, bundle, this.#editors);
		if (isShareFor(location.hash, bundle.id))
			void this.#keeper.openShared(location.hash, start.loaded);
		this.#runs = new RunController({
			bundle,
			output: this.#output,
			status: this.#status,
			announce: this.#announce,
			edits: () => this.#editors.edits(),
			previewPath: previewPath(shell, bundle),
			preface: () => this.#unEditedServices(),
			shown: () => this.#showOutput(),
			recorded: (chosen) => this.#showRecorded(chosen),
			noPython: (chosen) => this.#noPython(chosen),
			exited: (exit, output, variant) => this.#exited(exit, output, variant),
		});
		this.#status.set('idle', '');
		onRuntimeChange(() => this.#runs.forgetRuntime());
		onRuntimeNotice((notice) => this.#onNotice(notice));
		// The reader is about to run this: do now what Run would otherwise wait for (unless the
		// runtime boots only on Run here: a WebContainer on iPhone and iPad).
		void warmPageRuntime().then((chosen) => {
			if (!chosen && this.#status.state === 'idle') this.#status.hint(BOOT_WAITS_FOR_RUN_TEXT);
			else if (chosen && chosen.kind !== 'recorded') void this.#runs.prepareOn(chosen.runtime);
		});
		whenIdle(() => {
			if (this.#status.state === 'idle') this.#output.buildAhead();
		});
	}

	/** Runs the Node code, or the Python code (`python`). */
	async run(variant: Variant = 'node') {
		this.#editors.clearError();
		await this.#runs.run(variant);
	}

	async stop() {
		await this.#runs.stop();
	}

	/** What the page's runtime tells every snippet: a boot that came late, an internal error. */
	#onNotice(notice: RuntimeNotice) {
		if (notice.kind === 'late-boot') {
			if (this.#status.state !== 'recorded') return;
			// In place of the reason live running was off: it is on now.
			this.#output.notices.show(notice.text, [['▶ 지금 실행', () => void this.run()]]);
			this.#status.set('idle', '실행 준비됨');
			this.#announce.say(notice.text);
			return;
		}
		this.#runs.runtimeSays(notice.text);
	}

	#showOutput() {
		this.#shell.dataset['output'] = 'live';
		if (this.#shell.narrow) this.#shell.showView('output');
		this.#reveal();
	}

	/** Brings the output into view (the shell does so only shortly after Run, and never against the reader). */
	#reveal() {
		requestAnimationFrame(() => {
			const { element, wanted } = this.#output.revealTarget();
			this.#shell.reveal(element, wanted);
		});
	}

	/** Python was asked for, but this runtime has none: the Python tab says why, and nothing ran. */
	#noPython(chosen: PageRuntime) {
		const why = this.#python?.cannotRun(chosen) ?? '';
		if (this.#shell.dataset['output'] === 'pending') delete this.#shell.dataset['output'];
		this.#shell.selectPanel((p) => p.dataset['role'] === 'python');
		this.#status.set('idle', '파이썬을 실행할 수 없습니다', 'python');
		this.#announce.say(`파이썬 코드를 실행할 수 없습니다. ${why}`);
	}

	#exited(exit: ProcessExit, output: string, variant: Variant) {
		if (exit.code !== 0 && exit.code !== null) {
			const at = this.#editors.showErrorFrom(output, variant);
			if (at) {
				this.#output.terminal?.note(
					`편집기에서 ${at.path.replace('../', '')} ${at.line}번째 줄에 표시했습니다.`,
					'yellow',
				);
				this.#announce.say(`오류: ${at.message}. ${at.path} ${at.line}번째 줄.`);
			}
		}
		this.dispatchEvent(new CustomEvent('workbench:exit', { detail: { exit, output, variant } }));
	}

	/** A service the reader edited in its own snippet still runs its original code here: say so. */
	#unEditedServices(): string[] {
		const storage = safeLocalStorage();
		return this.#bundle.services
			.filter((s) => {
				try {
					return storage?.getItem(editsKey(s.id)) != null;
				} catch {
					return false;
				}
			})
			.map(
				(s) =>
					`이 예제는 ${s.id}의 원래 코드로 실행됩니다 (${s.id} 예제에서 고친 코드는 그 예제에서만 쓰입니다).`,
			);
	}

	#showRecorded(chosen: Extract<PageRuntime, { kind: 'recorded' }>) {
		const bundle = this.#bundle;
		const cmd = shownCommand(bundle.command, [
			...bundle.services.flatMap((s) => s.ports),
			...bundle.ports,
		]);
		const retry = h(
			'button',
			{ type: 'button', class: 'runner__button', 'data-action': 'retry' },
			'다시 시도',
		);
		retry.addEventListener('click', () => void rechoose().then(() => this.run()));
		const toTranscript = h(
			'button',
			{ type: 'button', class: 'runner__button' },
			'기록된 출력 보기',
		);
		toTranscript.addEventListener('click', () =>
			this.#shell.selectPanel((p) => p.dataset['role'] === 'transcript'),
		);
		this.#shell.dataset['output'] = 'recorded';
		// Nothing runs live now, Python neither.
		this.#python?.relearn();
		// An exercise's starter has no recording (src/components/Exercise.astro).
		const recorded = this.#shell.querySelector('[data-role=transcript]') !== null;
		this.#output.notices.show([
			h('p', { class: 'runner__reason' }, offReasonText(chosen.reason)),
			...(chosen.detail ? [h('p', { class: 'runner__detail' }, chosen.detail)] : []),
			h(
				'p',
				{},
				recorded
					? "'실행 기록' 탭에 빌드할 때 실제로 실행해 기록한 출력이 있습니다. 내 컴퓨터(Node.js 20 이상)에서는 저장소의 예제 폴더에서 이렇게 실행합니다:"
					: '고친 파일을 저장한 뒤, 내 컴퓨터의 책 저장소 폴더에서 이렇게 확인할 수 있습니다:',
			),
			h(
				'pre',
				{ class: 'runner__command', tabindex: '0' },
				// A shell may say how its code runs on the reader's machine (an exercise: `npm run check`).
				h('code', {}, this.#shell.dataset['localCommand'] ?? `cd snippets/${bundle.id}\n${cmd}`),
			),
			h('p', { class: 'runner__notice-actions' }, retry, ...(recorded ? [toTranscript] : [])),
		]);
		this.#status.set('recorded', '기록된 출력');
		this.#announce.say(
			`실시간 실행을 쓸 수 없어 기록된 출력을 보여 줍니다. ${offReasonText(chosen.reason)}`,
		);
		// On a wide snippet the transcript shows beside the notice; a narrow one keeps the notice in view.
		if (!this.#shell.narrow) this.#shell.selectPanel((p) => p.dataset['role'] === 'transcript');
	}
}

/** Where the preview opens: the chapter's choice in the shell, else the manifest's (in the bundle). */
function previewPath(shell: HTMLElement, bundle: SnippetBundle): string {
	try {
		const fromShell = JSON.parse(shell.dataset['preview'] ?? 'null') as { path?: string } | null;
		if (fromShell?.path) return fromShell.path;
	} catch {
		// the bundle's, then
	}
	return bundle.preview?.path ?? '/';
}

function safeLocalStorage(): Storage | undefined {
	try {
		return localStorage;
	} catch {
		return undefined;
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
