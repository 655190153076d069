// The scenario runner: starts a snippet's services and processes, plays its steps against a host,
// checks every expectation and writes a transcript. It never throws for a failing snippet: the
// transcript says what failed, and callers (tests, the build) decide what to do with it.
import { buildRawRequest, parseRawResponse, unescapeRaw } from '../http/raw.ts';
import { fillPorts, portEnv } from '../snippets/ports.ts';
import type { Manifest, PortSpec, Step } from '../snippets/schema.ts';
import { checkProcess, checkResponse } from './expect.ts';
import type { ProcessExit, ScenarioHost, ScenarioProcess } from './host.ts';
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

class StepFailure extends Error {}

export async function runScenario(
	snippet: RunnableSnippet,
	host: ScenarioHost,
	options: RunOptions = {},
): Promise<Transcript> {
	const variant = options.variant ?? 'node';
	const deadlineMs = options.deadlineMs ?? 60_000;
	const started = Date.now();
	const entries: TranscriptEntry[] = [];
	const running = new Map<string, Running>();
	/** Port name → [the number used in this run, the number the reader sees]. */
	const ports = new Map<string, { actual: number; shown: number }>();

	const transcript: Transcript = {
		snippetId: snippet.id,
		hash: snippet.hash,
		variant,
		recordedAt: new Date(started).toISOString(),
		runtimeVersion: await host.runtimeVersion(variant),
		durationMs: 0,
		ok: true,
		entries,
	};

	// Every port of the snippet and its services gets a number before anything starts.
	const allPorts: PortSpec[] = [
		...snippet.services.flatMap((s) => s.manifest.ports),
		...snippet.manifest.ports,
	];
	for (const spec of allPorts) {
		if (ports.has(spec.name)) {
			return fail(`port name "${spec.name}" is used twice (by the snippet or its services)`);
		}
		ports.set(spec.name, { actual: await host.allocatePort(spec), shown: spec.default });
	}

	/** Replaces `{port:NAME}` with the port in use (or, for display, the one the reader sees). */
	const fill = (text: string, shown = false) =>
		fillPorts(
			text,
			(name) => (shown ? ports.get(name)?.shown : ports.get(name)?.actual),
			(placeholder) => {
				throw new StepFailure(`${placeholder} names no port of this snippet or its services`);
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
		if (!service) throw new StepFailure(`no process or service called "${name}"`);
		return { argv: service.manifest.command, snippetId: service.id, manifest: service.manifest };
	};
	const withArgs = (argv: string[], args: string[] | undefined) =>
		// Step arguments replace what follows the program and its script file.
		args ? [...argv.slice(0, 2), ...args] : argv;
	const display = (argv: string[]) =>
		argv.map((word) => (/^[\w@%+=:,./{}-]+$/.test(word) ? word : `'${word}'`)).join(' ');

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
			throw new StepFailure(`process "${name}" is already running`);
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
					`"${name}" exited (code ${r.exit?.code ?? '?'}) before opening port ${spec.name}${tail(r.output)}`,
				);
			}
			if (!open) {
				flush();
				throw new StepFailure(
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

	const play = async (step: Step) => {
		switch (step.do) {
			case 'start': {
				await start(step.process, step.args, step.env, step.timeoutMs);
				await settle();
				flush();
				return;
			}
			case 'request': {
				const port = ports.get(step.port);
				if (!port) throw new StepFailure(`no port called "${step.port}"`);
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
					throw new StepFailure(`the request failed: ${(error as Error).message}`);
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
				const problems = checkResponse(expect, parseRawResponse(response));
				if (problems.length) throw new StepFailure(problems.join('; '));
				return;
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
						`"${display(step.command ?? ['main'])}" was still running after ${step.timeoutMs} ms and was killed`,
					);
				}
				r.exit = exit;
				flush();
				entries.push({ type: 'exit', process: name, code: exit.code, signal: exit.signal });
				running.delete(name);
				const problems = checkProcess(
					{ ...step.expect, output: step.expect.output.map((t) => fill(t)) },
					unport(r.output) + '\n' + r.output,
					exit,
				);
				if (problems.length) throw new StepFailure(problems.join('; ') + tail(r.output));
				return;
			}
			case 'type': {
				const r = running.get(step.process);
				if (!r || r.exit) throw new StepFailure(`process "${step.process}" is not running`);
				flush();
				const text = fill(unescapeRaw(step.text));
				entries.push({ type: 'input', process: step.process, text });
				r.waitFrom = r.output.length;
				r.proc.write(text);
				if (step.end) r.proc.end();
				return;
			}
			case 'wait': {
				const r = running.get(step.process);
				if (!r) throw new StepFailure(`process "${step.process}" was never started`);
				const until = Date.now() + step.timeoutMs;
				if (step.output !== undefined) {
					const wanted = fill(step.output);
					while (!r.output.slice(r.waitFrom).includes(wanted)) {
						if (Date.now() > until) {
							flush();
							throw new StepFailure(
								`waited ${step.timeoutMs} ms for ${JSON.stringify(wanted)} in the output of "${step.process}"${tail(r.output)}`,
							);
						}
						if (r.exit) break;
						await delay(20);
					}
					r.waitFrom = r.output.indexOf(wanted, r.waitFrom) + wanted.length;
				}
				if (step.exit) {
					const exit = await Promise.race([
						r.proc.exited,
						delay(Math.max(0, until - Date.now())).then(() => undefined),
					]);
					if (!exit)
						throw new StepFailure(`"${step.process}" did not exit within ${step.timeoutMs} ms`);
					r.exit = exit;
				}
				await settle();
				flush();
				if (step.exit && r.exit) {
					entries.push({ type: 'exit', process: r.name, code: r.exit.code, signal: r.exit.signal });
					const problems = checkProcess(step.exit, unport(r.output), r.exit);
					if (problems.length) throw new StepFailure(problems.join('; ') + tail(r.output));
				}
				return;
			}
			case 'stop': {
				const r = running.get(step.process);
				if (!r) throw new StepFailure(`process "${step.process}" was never started`);
				await r.proc.kill();
				flush();
				return;
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
			{ snippetId, env: envFor(manifest, extraEnv) },
		);
		const r: Running = { name, proc, output: '', flushed: 0, waitFrom: 0, exit: undefined };
		running.set(name, r);
		proc.onOutput((text) => {
			r.output += text;
		});
		return r;
	}

	function fail(message: string): Transcript {
		transcript.ok = false;
		transcript.failure = message;
		transcript.durationMs = Date.now() - started;
		return transcript;
	}

	let deadlineTimer: ReturnType<typeof setTimeout> | undefined;
	const deadline = new Promise<never>((_, reject) => {
		deadlineTimer = setTimeout(
			() =>
				reject(
					new StepFailure(
						`the whole scenario took longer than ${deadlineMs} ms and every process was killed`,
					),
				),
			deadlineMs,
		);
	});
	let current = 'services';
	try {
		await Promise.race([
			(async () => {
				for (const service of snippet.services) {
					current = `service ${service.id}`;
					await start(service.id, undefined, {}, 10_000);
				}
				flush();
				for (const [index, step] of snippet.manifest.scenario.entries()) {
					if (step.only && step.only !== variant) continue;
					current = stepLabel(step, index);
					if (step.note) entries.push({ type: 'note', text: step.note });
					await play(step);
				}
			})(),
			deadline,
		]);
	} catch (error) {
		const message = error instanceof StepFailure ? error.message : String(error);
		fail(`snippet "${snippet.id}" (${variant}), ${current}: ${message}`);
	} finally {
		clearTimeout(deadlineTimer);
		await Promise.all([...running.values()].map((r) => r.proc.kill().catch(() => {})));
		flush();
	}
	transcript.durationMs = Date.now() - started;
	return transcript;
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
