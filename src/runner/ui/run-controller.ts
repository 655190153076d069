// Runs of one snippet: on intent, the part of a run that the reader's next keystrokes cannot change is
// prepared; on Run, the snippet (its Node code, or its Python code where the local runtime has
// Python) starts on the page's runtime and its output goes to the terminal; its end (exit code, a
// limit, Stop) is said in the terminal, the status and to screen readers. Talks to the runtime only
// through src/runner/session.ts.
import type { SnippetBundle } from '../../lib/snippets/bundle.ts';
import { shownCommand } from '../../lib/snippets/ports.ts';
import {
	RUNTIME_LABEL,
	bootStatusText,
	onBootProgress,
	pageRuntime,
	pythonLabel,
	type PageRuntime,
} from '../page-runtime.ts';
import { parsePythonVersion, removedFailure } from '../python-gate.ts';
import type { LiveRuntime, ProcessExit } from '../runtime/types.ts';
import {
	prepareRun,
	programFor,
	startRun,
	type Prepared,
	type RunHandle,
	type RunPort,
	type Variant,
} from '../session.ts';
import type { Announcer } from './notices.ts';
import type { OutputPanel } from './output-panel.ts';
import type { RunStatus } from './run-status.ts';
import { NOTE_COLOURS } from './terminal.ts';

export interface RunContext {
	bundle: SnippetBundle;
	output: OutputPanel;
	status: RunStatus;
	announce: Announcer;
	/** The reader's edits now (path → content). */
	edits(): Record<string, string>;
	/** Where the preview opens. */
	previewPath: string;
	/** Lines for the top of the terminal before the program's own (e.g. a service that runs unedited). */
	preface(): string[];
	/** The run's output is on its way: bring it into view. */
	shown(): void;
	/** The runtime cannot run live: show the recording instead. */
	recorded(chosen: Extract<PageRuntime, { kind: 'recorded' }>): void;
	/** Python was asked for where the runtime has none (a WebContainer, a machine without it). */
	noPython(chosen: PageRuntime): void;
	/** The program ended by itself, with everything it printed. */
	exited(exit: ProcessExit, output: string, variant: Variant): void;
}

/** Runs on this page right now, so a WebContainer's shared ports can be freed for the next run. */
const activeRuns = new Set<RunController>();

export class RunController {
	#c: RunContext;
	#run: RunHandle | undefined;
	#runtime: LiveRuntime | undefined;
	#runId = 0;
	#prepared: { runtime: LiveRuntime; done: Promise<Prepared | undefined> } | undefined;

	constructor(context: RunContext) {
		this.#c = context;
	}

	get runtime(): LiveRuntime | undefined {
		return this.#runtime;
	}

	get running(): RunHandle | undefined {
		return this.#run;
	}

	/** The runtime was replaced (switch, retry): what ran on the old one is gone. */
	forgetRuntime() {
		void this.#run?.stop();
		this.#run = undefined;
		this.#runtime = undefined;
		this.#prepared = undefined;
	}

	/** Files mounted, ports chosen and services started on `runtime`, once per runtime. */
	prepareOn(runtime: LiveRuntime): Promise<Prepared | undefined> {
		if (this.#prepared?.runtime !== runtime) {
			const done: Promise<Prepared | undefined> = prepareRun(
				runtime,
				this.#c.bundle,
				this.#c.edits(),
			).catch(() => {
				// Run then does it all itself, and says what went wrong.
				if (this.#prepared?.done === done) this.#prepared = undefined;
				return undefined;
			});
			this.#prepared = { runtime, done };
		}
		return this.#prepared.done;
	}

	/** Runs the snippet's Node code, or its Python code (`python`). */
	async run(variant: Variant = 'node') {
		const { bundle, output, status, announce } = this.#c;
		const runId = ++this.#runId;
		if (this.#run) await this.stop(true);
		status.set('booting', '실행 환경을 준비하는 중', variant);
		const offProgress = onBootProgress((progress) => {
			if (status.state === 'booting') status.text(bootStatusText(progress));
		});
		let chosen: PageRuntime;
		try {
			chosen = await pageRuntime();
		} finally {
			offProgress();
		}
		if (runId !== this.#runId) return;
		if (variant === 'python' && !(chosen.kind === 'local' && chosen.python))
			return this.#c.noPython(chosen);
		if (chosen.kind === 'recorded') return this.#c.recorded(chosen);
		this.#runtime = chosen.runtime;
		const terminal = output.startRun(chosen);
		this.#c.shown();
		terminal.note(
			variant === 'python'
				? pythonLabel(chosen.python)
				: `${RUNTIME_LABEL[chosen.kind]}${chosen.kind === 'local' && chosen.version ? ` ${chosen.version}` : ''}`,
		);
		terminal.note(
			`$ ${shownCommand(programFor(bundle, variant).command, this.#allPorts())}`,
			'green',
		);
		for (const line of this.#c.preface()) terminal.note(line, 'yellow');
		if (chosen.kind === 'webcontainer') await this.#freePorts();
		const prepared = await this.prepareOn(chosen.runtime);
		if (runId !== this.#runId) return;
		let text = '';
		let firstOutput = true;
		this.#open.clear();
		const reachable = chosen.kind === 'local';
		try {
			this.#run = await startRun(
				chosen.runtime,
				bundle,
				this.#c.edits(),
				{
					output: (chunk, source) => {
						if (source === 'main') {
							if (firstOutput) {
								firstOutput = false;
								performance.mark(`web-book:first-output:${bundle.id}`);
								terminal.write(chunk);
								terminal.flushSoon();
							} else terminal.write(chunk);
							text += chunk.slice(0, 4096);
							if (text.length > 65536) text = text.slice(-8192);
							announce.output(chunk);
						} else {
							terminal.write(chunk.replace(/^(?=.)/gm, `${NOTE_COLOURS.dim}[${source}]\x1b[0m `));
						}
					},
					status: (line) => status.set('booting', line),
					allocated: (ports) => {
						for (const p of ports.filter((x) => x.port !== x.shown)) {
							terminal.note(
								`(포트 ${p.shown}: 이 컴퓨터에서 비어 있는 ${p.port}번을 ${this.#envOf(p.name)} 환경 변수로 넘겨 씁니다)`,
							);
						}
					},
					port: (port, open) => this.#onPort(port, open, reachable),
				},
				{ variant, ...(prepared ? { prepared } : {}) },
			);
		} catch (error) {
			if (runId !== this.#runId) return;
			terminal.note((error as Error).message, 'red');
			status.set('error', '실행하지 못했습니다');
			announce.say(`실행하지 못했습니다: ${(error as Error).message}`);
			return;
		}
		if (runId !== this.#runId) return;
		activeRuns.add(this);
		// A pty learns the terminal's size (later changes follow through the output panel).
		this.#run.main.resize(terminal.term.cols, terminal.term.rows);
		terminal.accepting = true;
		status.set('running', variant === 'python' ? '실행 중 (파이썬)' : '실행 중');
		announce.say(
			variant === 'python' ? '파이썬 코드 실행을 시작했습니다.' : '실행을 시작했습니다.',
		);
		const run = this.#run;
		const python = chosen.kind === 'local' ? chosen.python : undefined;
		void run.exited.then((exit) => {
			if (this.#run !== run) return;
			this.#finish(exit, text, variant, python);
		});
	}

	#finish(exit: ProcessExit, text: string, variant: Variant = 'node', python?: string) {
		const { output, status, announce } = this.#c;
		const terminal = output.terminal;
		activeRuns.delete(this);
		this.#run = undefined;
		if (terminal) terminal.accepting = false;
		output.serverGone();
		const busyPort = /EADDRINUSE[^\n]*?:(\d+)/.exec(text);
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
			announce.say('실행 환경이 새로 시작되어 이 예제를 다시 실행합니다.');
			void this.run(variant);
			return;
		}
		if (exit.reason) {
			terminal?.note(why, 'yellow');
			status.set('stopped', '멈춤');
			announce.say(`멈췄습니다. ${why}`);
			return;
		}
		const code = exit.code ?? exit.signal ?? '?';
		terminal?.note(`[종료 코드 ${code}]`, exit.code === 0 ? 'dim' : 'red');
		// Code of the lecture's era on a newer Python: say what it stopped on, and what to do.
		const removed =
			variant === 'python' && exit.code !== 0
				? removedFailure(text, parsePythonVersion(python))
				: undefined;
		if (removed) terminal?.note(removed, 'yellow');
		void terminal?.showFromTop();
		status.set('exited', `끝남 (종료 코드 ${code})`);
		announce.say(`프로그램이 끝났습니다. 종료 코드 ${code}.${removed ? ` ${removed}` : ''}`);
		this.#c.exited(exit, text, variant);
	}

	async stop(restarting = false) {
		const { status } = this.#c;
		const run = this.#run;
		if (!run) {
			if (status.state === 'booting' && !restarting) {
				this.#runId++;
				status.set('stopped', '멈춤');
			}
			return;
		}
		status.disableStop();
		status.text('멈추는 중');
		await run.stop();
		const exit = await Promise.race([
			run.exited,
			new Promise<undefined>((r) => setTimeout(r, 3000)),
		]);
		if (this.#run === run)
			this.#finish(
				exit ?? { code: null, signal: null, reason: 'stopped' },
				'',
				this.#c.status.variant,
			);
	}

	/** A line from the page's runtime (an internal error) for the terminal of a run under way. */
	runtimeSays(text: string): boolean {
		if (this.#c.status.state !== 'running' && this.#c.status.state !== 'booting') return false;
		this.#c.output.terminal?.note(text, 'red');
		this.#c.announce.say(text);
		return true;
	}

	#envOf(name: string) {
		return this.#allPorts().find((p) => p.name === name)?.env ?? 'PORT';
	}

	#allPorts() {
		const { bundle } = this.#c;
		return [...bundle.services.flatMap((s) => s.ports), ...bundle.ports];
	}

	/** In a WebContainer every snippet uses its default ports: stop another run on the page that holds them. */
	async #freePorts() {
		const mine = new Set(this.#allPorts().map((p) => p.default));
		for (const other of activeRuns) {
			if (other === this) continue;
			if (other.#allPorts().some((p) => mine.has(p.default))) {
				this.#c.output.terminal?.note(
					`같은 포트를 쓰는 다른 예제(${other.#c.bundle.title})를 멈췄습니다.`,
					'yellow',
				);
				await other.stop();
			}
		}
	}

	/** The snippet's own ports open now, by name, for the run under way. */
	#open = new Map<string, RunPort>();

	#onPort(port: RunPort, open: boolean, reachable: boolean) {
		const { bundle, output, announce } = this.#c;
		if (port.owner !== 'main' || bundle.kind === 'client') return;
		if (!open) {
			this.#open.delete(port.name);
			return;
		}
		this.#open.set(port.name, port);
		// With several servers (a web server in front of an app server), the preview shows the one it
		// is meant to, and only once all of them listen: a page asked of the web server before the app
		// server is up would be its 502.
		if (!bundle.ports.every((p) => this.#open.has(p.name))) return;
		const shown = this.#open.get(bundle.preview?.port ?? bundle.ports[0]?.name ?? '');
		if (!shown) return;
		output.serverReady(shown, this.#c.previewPath, reachable);
		announce.say(
			`서버가 포트 ${shown.shown}에서 요청을 기다립니다. 미리보기와 요청 콘솔을 쓸 수 있습니다.`,
		);
	}
}
