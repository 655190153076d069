// The scenario runner: starts a snippet's services and processes, plays its steps against a host,
// checks every expectation and writes a transcript, and beside it a report of each step and each
// expectation. It never throws for a failing snippet: the transcript (and the report) say what
// failed, and callers (tests, the build, exercises, the self-test) decide what to do with it.
import { buildRawRequest, parseRawResponse, unescapeRaw } from '../http/raw.ts';
import { fillPorts, portEnv } from '../snippets/ports.ts';
import type { Manifest, PortSpec, Step } from '../snippets/schema.ts';
import { evaluateProcess, evaluateResponse, problemsOf, type ExpectationResult } from './expect.ts';
import type { ProcessExit, ScenarioHost, ScenarioProcess } from './host.ts';
import type { ScenarioReport, StepProblem, StepReport } from './report.ts';
import { clip, type Transcript, type TranscriptEntry } from './transcript.ts';

/** The parts of a loaded snippet the runner needs. */
export interface RunnableSnippet {
	id: string;
	hash: string;
	manifest: Manifest;
	/** Manifests of the snippets listed in `services`, in order. */
	services: Array<{ id: string; manifest: Manifest }>;
}

export interface RunOptions {
	variant?: 'node' | 'python';
	/** The whole run is abandoned (and every process killed) after this long. @default 60000 */
	deadlineMs?: number;
	/**
	 * Go on after a step whose expectations fail, so every expectation gets a verdict (exercises).
	 * A step that cannot be carried out (a server that never opens its port) still ends the run.
	 * The transcript's `failure` names the first failure either way. @default false
	 */
	keepGoing?: boolean;
	/** Aborting it stops the run at once and kills every process (the self-test's Stop). */
	signal?: AbortSignal;
}

export interface ScenarioResult {
	transcript: Transcript;
	report: ScenarioReport;
}

/** Whether a step plays in this variant: a step marked `only` plays in that variant alone. */
export function playsIn(step: Step, variant: 'node' | 'python'): boolean {
	return !step.only || step.only === variant;
}

/** Whether a snippet has a Python counterpart the scenario can run. */
export function hasRunnablePython(manifest: Manifest): boolean {
	return manifest.python?.command !== undefined;
}

interface Running {
	name: string;
	proc: ScenarioProcess;
	output: string;
	/** How much of `output` is already in the transcript. */
	flushed: number;
	/** Where the next `wait` step starts looking. */
	waitFrom: number;
	exit: ProcessExit | undefined;
}

/** A step that could not be carried out; `message` is the English sentence for tests and the build. */
class StepFailure extends Error {
	readonly problem: StepProblem;
	// No parameter properties: `npm run check` loads this file with Node's own type stripping.
	constructor(problem: StepProblem, message: string) {
		super(message);
		this.problem = problem;
	}
}

/** What a step that was carried out found. */
interface Played {
	expectations: ExpectationResult[];
	/** Appended to the English failure (the process's last lines). */
	tail?: string;
	exchange?: StepReport['exchange'];
	output?: string;
}

/** Plays a snippet's scenario and returns its transcript (what the tests and the build store). */
export async function runScenario(
	snippet: RunnableSnippet,
	host: ScenarioHost,
	options: RunOptions = {},
): Promise<Transcript> {
	return (await runScenarioWithReport(snippet, host, options)).transcript;
}

/** Plays a snippet's scenario and returns its transcript and a verdict for every step and expectation. */
export async function runScenarioWithReport(
	snippet: RunnableSnippet,
	host: ScenarioHost,
	options: RunOptions = {},
): Promise<ScenarioResult> {
	const variant = options.variant ?? 'node';
	const deadlineMs = options.deadlineMs ?? 60_000;
	const started = Date.now();
	const entries: TranscriptEntry[] = [];
	const running = new Map<string, Running>();
	/** Port name → [the number used in this run, the number the reader sees]. */
	const ports = new Map<string, { actual: number; shown: number }>();
	const steps: StepReport[] = snippet.manifest.scenario.map((step, index) => ({
		index,
		step,
		state: playsIn(step, variant) ? 'not-run' : 'other-variant',
		expectations: [],
	}));
	const report: ScenarioReport = { ok: true, steps, durationMs: 0 };

	const transcript: Transcript = {
		snippetId: snippet.id,
		hash: snippet.hash,
		variant,
		recordedAt: new Date(started).toISOString(),
		runtimeVersion: '',
		durationMs: 0,
		ok: true,
		entries,
	};
	const result = (): ScenarioResult => {
		transcript.durationMs = Date.now() - started;
		report.durationMs = transcript.durationMs;
		report.ok = transcript.ok;
		return { transcript, report };
	};
	function fail(message: string) {
		if (!transcript.ok) return;
		transcript.ok = false;
		transcript.failure = message;
	}

	try {
		transcript.runtimeVersion = await host.runtimeVersion(variant);
	} catch (error) {
		const message = (error as Error).message ?? String(error);
		report.setup = { problem: { code: 'host', message } };
		fail(`snippet "${snippet.id}" (${variant}): the runtime cannot run it: ${message}`);
		return result();
	}

	// Every port of the snippet and its services gets a number before anything starts.
	const allPorts: PortSpec[] = [
		...snippet.services.flatMap((s) => s.manifest.ports),
		...snippet.manifest.ports,
	];
	for (const spec of allPorts) {
		if (ports.has(spec.name)) {
			const message = `port name "${spec.name}" is used twice (by the snippet or its services)`;
			report.setup = { problem: { code: 'scenario', message } };
			fail(message);
			return result();
		}
		ports.set(spec.name, { actual: await host.allocatePort(spec), shown: spec.default });
	}

	/** Replaces `{port:NAME}` with the port in use (or, for display, the one the reader sees). */
	const fill = (text: string, shown = false) =>
		fillPorts(
			text,
			(name) => (shown ? ports.get(name)?.shown : ports.get(name)?.actual),
			(placeholder) => {
				const message = `${placeholder} names no port of this snippet or its services`;
				throw new StepFailure({ code: 'scenario', message }, message);
			},
		);
	/** Shows output the way the reader would see it on their machine: with the default ports. */
	const unport = (text: string) => {
		let out = text;
		for (const { actual, shown } of ports.values()) {
			out = out.replace(new RegExp(`(?<![0-9])${actual}(?![0-9])`, 'g'), String(shown));
		}
		return out;
	};
	const envFor = (manifest: Manifest, extra: Record<string, string>) => {
		const env = portEnv(manifest.ports, (name) => ports.get(name)?.actual);
		for (const [k, v] of Object.entries(extra)) env[k] = fill(v);
		return env;
	};
	const commandFor = (name: string): { argv: string[]; snippetId: string; manifest: Manifest } => {
		if (name === 'main') {
			const argv =
				variant === 'python' && snippet.manifest.python?.command
					? snippet.manifest.python.command
					: snippet.manifest.command;
			return { argv, snippetId: snippet.id, manifest: snippet.manifest };
		}
		const service = snippet.services.find((s) => s.id === name);
		if (!service) {
			const message = `no process or service called "${name}"`;
			throw new StepFailure({ code: 'scenario', message }, message);
		}
		return { argv: service.manifest.command, snippetId: service.id, manifest: service.manifest };
	};
	const withArgs = (argv: string[], args: string[] | undefined) =>
		// Step arguments replace what follows the program and its script file.
		args ? [...argv.slice(0, 2), ...args] : argv;
	const display = (argv: string[]) =>
		argv.map((word) => (/^[\w@%+=:,./{}-]+$/.test(word) ? word : `'${word}'`)).join(' ');
	const notRunning = (process: string, message: string) =>
		new StepFailure({ code: 'not-running', process }, message);

	const flush = () => {
		for (const r of running.values()) {
			if (r.output.length > r.flushed) {
				const { text } = clip(unport(r.output.slice(r.flushed)));
				entries.push({ type: 'output', process: r.name, text });
				r.flushed = r.output.length;
			}
		}
	};

	const start = async (
		name: string,
		args: string[] | undefined,
		extraEnv: Record<string, string>,
		timeoutMs: number,
	) => {
		if (running.has(name) && !running.get(name)?.exit) {
			const message = `process "${name}" is already running`;
			throw new StepFailure({ code: 'already-running', process: name }, message);
		}
		const { argv, snippetId, manifest } = commandFor(name);
		const r = await launch(name, withArgs(argv, args), snippetId, manifest, extraEnv);
		const { proc } = r;
		void proc.exited.then((exit) => {
			r.exit = exit;
		});
		for (const spec of manifest.ports) {
			const port = ports.get(spec.name)?.actual ?? 0;
			const open = await Promise.race([
				host.waitForPort(port, timeoutMs),
				proc.exited.then(() => 'exited' as const),
			]);
			if (open === 'exited' || r.exit) {
				await settle();
				flush();
				throw new StepFailure(
					{
						code: 'exited-before-port',
						process: name,
						port: spec.name,
						exitCode: r.exit?.code ?? null,
					},
					`"${name}" exited (code ${r.exit?.code ?? '?'}) before opening port ${spec.name}${tail(r.output)}`,
				);
			}
			if (!open) {
				flush();
				throw new StepFailure(
					{ code: 'port-timeout', process: name, port: spec.name, ms: timeoutMs },
					`"${name}" did not open port ${spec.name} within ${timeoutMs} ms${tail(r.output)}`,
				);
			}
		}
		return r;
	};

	const stepLabel = (step: Step, index: number) => {
		const what =
			step.do === 'request'
				? `request ${step.raw ? 'raw' : `${step.method} ${step.path}`}`
				: step.do === 'run'
					? 'run'
					: `${step.do} ${step.process}`;
		return `step ${index + 1} (${what})`;
	};

	const play = async (step: Step): Promise<Played> => {
		switch (step.do) {
			case 'start': {
				await start(step.process, step.args, step.env, step.timeoutMs);
				await settle();
				flush();
				return { expectations: [] };
			}
			case 'request': {
				const port = ports.get(step.port);
				if (!port) {
					const message = `no port called "${step.port}"`;
					throw new StepFailure({ code: 'scenario', message }, message);
				}
				flush();
				const raw =
					step.raw !== undefined
						? fill(unescapeRaw(step.raw))
						: buildRawRequest({
								method: step.method,
								path: fill(step.path),
								host: `127.0.0.1:${port.actual}`,
								headers: Object.fromEntries(
									Object.entries(step.headers).map(([k, v]) => [k, fill(v)]),
								),
								...(step.body !== undefined ? { body: fill(step.body) } : {}),
							});
				let response: string;
				try {
					response = await host.request(port.actual, raw, step.timeoutMs);
				} catch (error) {
					const message = (error as Error).message;
					throw new StepFailure(
						{ code: 'request-failed', message },
						`the request failed: ${message}`,
					);
				}
				const req = clip(unport(raw));
				const res = clip(unport(response));
				entries.push({
					type: 'http',
					port: step.port,
					request: req.text,
					response: res.text,
					truncated: req.truncated || res.truncated,
				});
				await settle();
				flush();
				const expect = {
					...step.expect,
					headers: Object.fromEntries(
						Object.entries(step.expect.headers).map(([k, v]) => [k, v === null ? null : fill(v)]),
					),
				};
				return {
					expectations: evaluateResponse(expect, parseRawResponse(response)),
					exchange: { request: req.text, response: res.text },
				};
			}
			case 'run': {
				flush();
				const name = 'main';
				const r = await startOneShot(step, name);
				if (step.stdin !== undefined) {
					const text = fill(unescapeRaw(step.stdin));
					entries.push({ type: 'input', process: name, text });
					r.proc.write(text);
				}
				r.proc.end();
				const exit = await Promise.race([
					r.proc.exited,
					delay(step.timeoutMs).then(() => undefined),
				]);
				if (!exit) {
					await r.proc.kill();
					flush();
					throw new StepFailure(
						{ code: 'run-timeout', ms: step.timeoutMs },
						`"${display(step.command ?? ['main'])}" was still running after ${step.timeoutMs} ms and was killed`,
					);
				}
				r.exit = exit;
				flush();
				entries.push({ type: 'exit', process: name, code: exit.code, signal: exit.signal });
				running.delete(name);
				return {
					expectations: evaluateProcess(
						{ ...step.expect, output: step.expect.output.map((t) => fill(t)) },
						unport(r.output) + '\n' + r.output,
						exit,
					),
					tail: tail(r.output),
					output: clip(unport(r.output)).text,
				};
			}
			case 'type': {
				const r = running.get(step.process);
				if (!r || r.exit)
					throw notRunning(step.process, `process "${step.process}" is not running`);
				flush();
				const text = fill(unescapeRaw(step.text));
				entries.push({ type: 'input', process: step.process, text });
				r.waitFrom = r.output.length;
				r.proc.write(text);
				if (step.end) r.proc.end();
				return { expectations: [] };
			}
			case 'wait': {
				const r = running.get(step.process);
				if (!r) throw notRunning(step.process, `process "${step.process}" was never started`);
				const until = Date.now() + step.timeoutMs;
				const expectations: ExpectationResult[] = [];
				if (step.output !== undefined) {
					const wanted = fill(step.output);
					const expectation = {
						kind: 'wait-output' as const,
						process: step.process,
						expected: wanted,
					};
					let problem: string | undefined;
					while (!r.output.slice(r.waitFrom).includes(wanted)) {
						if (r.exit) {
							problem = `"${step.process}" exited before printing ${JSON.stringify(wanted)}${tail(r.output)}`;
							break;
						}
						if (Date.now() > until) {
							problem = `waited ${step.timeoutMs} ms for ${JSON.stringify(wanted)} in the output of "${step.process}"${tail(r.output)}`;
							break;
						}
						await delay(20);
					}
					if (problem) {
						flush();
						expectations.push({ key: 'output', expectation, passed: false, problem });
						// Nothing more can be waited for in this step.
						return { expectations, output: clip(unport(r.output)).text };
					}
					expectations.push({ key: 'output', expectation, passed: true });
					r.waitFrom = r.output.indexOf(wanted, r.waitFrom) + wanted.length;
				}
				if (step.exit) {
					const exit = await Promise.race([
						r.proc.exited,
						delay(Math.max(0, until - Date.now())).then(() => undefined),
					]);
					if (!exit)
						throw new StepFailure(
							{ code: 'exit-timeout', process: step.process, ms: step.timeoutMs },
							`"${step.process}" did not exit within ${step.timeoutMs} ms`,
						);
					r.exit = exit;
				}
				await settle();
				flush();
				if (step.exit && r.exit) {
					entries.push({ type: 'exit', process: r.name, code: r.exit.code, signal: r.exit.signal });
					expectations.push(...evaluateProcess(step.exit, unport(r.output), r.exit, 'exit.'));
					return { expectations, tail: tail(r.output), output: clip(unport(r.output)).text };
				}
				return { expectations };
			}
			case 'stop': {
				const r = running.get(step.process);
				if (!r) throw notRunning(step.process, `process "${step.process}" was never started`);
				await r.proc.kill();
				flush();
				return { expectations: [] };
			}
		}
	};

	const startOneShot = (step: Extract<Step, { do: 'run' }>, name: string) => {
		const { argv, snippetId, manifest } = commandFor('main');
		return launch(name, step.command ?? withArgs(argv, step.args), snippetId, manifest, step.env);
	};

	/** Spawns a command, writes it to the transcript and starts collecting its output. */
	async function launch(
		name: string,
		full: string[],
		snippetId: string,
		manifest: Manifest,
		extraEnv: Record<string, string>,
	): Promise<Running> {
		entries.push({
			type: 'command',
			process: name,
			command: display(full.map((w) => fill(w, true))),
		});
		const proc = await host.spawn(
			full.map((w) => fill(w)),
			{
				snippetId,
				env: envFor(manifest, extraEnv),
				ports: manifest.ports.flatMap((spec) => ports.get(spec.name)?.actual ?? []),
			},
		);
		const r: Running = { name, proc, output: '', flushed: 0, waitFrom: 0, exit: undefined };
		running.set(name, r);
		proc.onOutput((text) => {
			r.output += text;
		});
		return r;
	}

	let stopTimer: ReturnType<typeof setTimeout> | undefined;
	let onAbort: (() => void) | undefined;
	const stopped = new Promise<never>((_, reject) => {
		stopTimer = setTimeout(
			() =>
				reject(
					new StepFailure(
						{ code: 'deadline', ms: deadlineMs },
						`the whole scenario took longer than ${deadlineMs} ms and every process was killed`,
					),
				),
			deadlineMs,
		);
		onAbort = () =>
			reject(new StepFailure({ code: 'stopped' }, 'the run was stopped and every process killed'));
		if (options.signal?.aborted) onAbort();
		else options.signal?.addEventListener('abort', onAbort, { once: true });
	});
	let current = 'services';
	let currentStep: StepReport | undefined;
	let currentService: string | undefined;
	try {
		await Promise.race([
			(async () => {
				for (const service of snippet.services) {
					current = `service ${service.id}`;
					currentService = service.id;
					await start(service.id, undefined, {}, 10_000);
				}
				currentService = undefined;
				flush();
				for (const stepReport of steps) {
					const { step, index } = stepReport;
					if (stepReport.state === 'other-variant') continue;
					current = stepLabel(step, index);
					currentStep = stepReport;
					if (step.note) entries.push({ type: 'note', text: step.note });
					const played = await play(step);
					stepReport.expectations = played.expectations;
					if (played.exchange) stepReport.exchange = played.exchange;
					if (played.output !== undefined) stepReport.output = played.output;
					const problems = problemsOf(played.expectations);
					stepReport.state = problems.length ? 'failed' : 'passed';
					currentStep = undefined;
					if (problems.length) {
						fail(
							`snippet "${snippet.id}" (${variant}), ${current}: ${problems.join('; ')}${played.tail ?? ''}`,
						);
						if (!options.keepGoing) break;
					}
				}
			})(),
			stopped,
		]);
	} catch (error) {
		const failure =
			error instanceof StepFailure
				? error
				: new StepFailure({ code: 'host', message: String(error) }, String(error));
		if (currentStep) {
			currentStep.state = 'failed';
			currentStep.problem = failure.problem;
		} else if (currentService) {
			report.setup = { service: currentService, problem: failure.problem };
		}
		fail(`snippet "${snippet.id}" (${variant}), ${current}: ${failure.message}`);
	} finally {
		clearTimeout(stopTimer);
		if (onAbort) options.signal?.removeEventListener('abort', onAbort);
		await Promise.all([...running.values()].map((r) => r.proc.kill().catch(() => {})));
		flush();
	}
	return result();
}

function delay(ms: number) {
	return new Promise<void>((resolve) => setTimeout(resolve, ms));
}

/** Gives a server a moment to print the log line for what just happened. */
function settle() {
	return delay(40);
}

/** The last lines of a process's output, to put in a failure message. */
function tail(output: string): string {
	const lines = output.trimEnd().split('\n').slice(-8).join('\n');
	return lines ? `\n--- last output ---\n${lines}` : '';
}
