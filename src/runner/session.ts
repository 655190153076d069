// One run of a snippet on a live runtime: mount its files (with the reader's edits), start its
// services and wait for their ports, then start the snippet itself. Also the inspector's request,
// made from inside the runtime by the helper. Talks only to the LiveRuntime interface.
import type { BundleProgram, SnippetBundle } from '../lib/snippets/bundle.ts';
import type { PortSpec } from '../lib/snippets/schema.ts';
import { helperArgument, parseHelperOutput, type HelperResult } from './http-format.ts';
import helperSource from './inspect-helper.mjs?raw';
import type { LiveRuntime, ProcessExit, RuntimeFile, RuntimeProcess } from './runtime/types.ts';

export const HELPER_DIR = 'snippets/_runner';
export const HELPER_FILE = 'inspect-helper.mjs';

export interface RunPort {
	name: string;
	/** The number in use in this runtime. */
	port: number;
	/** The number the reader sees in the code (the default). */
	shown: number;
	/** Which program opens it: the snippet (`main`) or a service's id. */
	owner: string;
	/** Set once the port opened: where a preview can load it. */
	url?: string;
}

export interface RunHooks {
	/** Output of the snippet (`main`) or of a service (its id). */
	output(text: string, source: string): void;
	/** A line of progress for the status bar, in Korean. */
	status(text: string): void;
	/** A port opened or closed. */
	port(port: RunPort, open: boolean): void;
	/** The ports were chosen (before anything starts). */
	allocated?(ports: RunPort[]): void;
}

export interface RunHandle {
	ports: RunPort[];
	main: RuntimeProcess;
	exited: Promise<ProcessExit>;
	/** Stops the snippet and its services. */
	stop(): Promise<void>;
}

export class RunError extends Error {}

/** `snippets/<id>/<path>` with `../_shared/x` resolved, as in the repository. */
export function mountPath(snippetId: string, path: string): string {
	const parts: string[] = ['snippets', snippetId];
	for (const part of path.split('/')) {
		if (part === '..') parts.pop();
		else if (part && part !== '.') parts.push(part);
	}
	return parts.join('/');
}

/** Every file a run needs, the reader's edits (path → content) in place of the originals. */
export function filesToMount(bundle: SnippetBundle, edits: Record<string, string>): RuntimeFile[] {
	const files = new Map<string, string>();
	for (const service of bundle.services) {
		for (const f of service.files) files.set(mountPath(service.id, f.path), f.content);
	}
	for (const f of bundle.files) {
		if (f.role === 'python') continue;
		files.set(mountPath(bundle.id, f.path), edits[f.path] ?? f.content);
	}
	files.set(`${HELPER_DIR}/${HELPER_FILE}`, helperSource);
	return [...files].map(([path, content]) => ({ path, content }));
}

export function fillCommand(argv: string[], ports: RunPort[]): string[] {
	return argv.map((word) =>
		word.replace(/\{port:([a-z][a-z0-9-]*)\}/g, (whole, name: string) => {
			const p = ports.find((x) => x.name === name);
			return p ? String(p.port) : whole;
		}),
	);
}

function envFor(program: BundleProgram, ports: RunPort[]): Record<string, string> {
	const env: Record<string, string> = {};
	for (const spec of program.ports) {
		const p = ports.find((x) => x.name === spec.name);
		if (p) env[spec.env] = String(p.port);
	}
	return env;
}

export async function startRun(
	runtime: LiveRuntime,
	bundle: SnippetBundle,
	edits: Record<string, string>,
	hooks: RunHooks,
	serviceTimeoutMs = 10_000,
): Promise<RunHandle> {
	hooks.status('파일을 올리는 중');
	await runtime.mount(filesToMount(bundle, edits));
	const ports: RunPort[] = [];
	const allocate = async (spec: PortSpec, owner: string) =>
		ports.push({
			name: spec.name,
			port: await runtime.allocatePort(spec),
			shown: spec.default,
			owner,
		});
	for (const service of bundle.services)
		for (const spec of service.ports) await allocate(spec, service.id);
	for (const spec of bundle.ports) await allocate(spec, 'main');

	hooks.allocated?.(ports);
	const opened = new Set<number>();
	const offPort = runtime.onPort((event) => {
		const p = ports.find((x) => x.port === event.port);
		if (!p) return;
		if (event.type === 'open') {
			opened.add(p.port);
			p.url = event.url;
		} else opened.delete(p.port);
		hooks.port(p, event.type === 'open');
	});

	const started: RuntimeProcess[] = [];
	const stopAll = async () => {
		await Promise.all([...started].reverse().map((p) => p.kill().catch(() => undefined)));
	};
	const spawnProgram = async (program: BundleProgram, source: string) => {
		const mine = ports.filter((p) => p.owner === source);
		const proc = await runtime.spawn({
			argv: fillCommand(program.command, ports),
			cwd: `snippets/${program.id}`,
			env: envFor(program, ports),
			ports: mine.map((p) => p.port),
		});
		proc.onOutput((text) => hooks.output(text, source));
		started.push(proc);
		return proc;
	};

	try {
		for (const service of bundle.services) {
			hooks.status(`먼저 필요한 서버(${service.id})를 켜는 중`);
			const proc = await spawnProgram(service, service.id);
			const wanted = ports.filter((p) => p.owner === service.id).map((p) => p.port);
			const ready = await new Promise<boolean>((resolve) => {
				const timer = setTimeout(() => resolve(false), serviceTimeoutMs);
				const check = setInterval(() => {
					if (wanted.every((p) => opened.has(p))) {
						clearTimeout(timer);
						clearInterval(check);
						resolve(true);
					}
				}, 30);
				void proc.exited.then(() => {
					clearTimeout(timer);
					clearInterval(check);
					resolve(wanted.every((p) => opened.has(p)));
				});
			});
			if (!ready)
				throw new RunError(
					`먼저 켜야 하는 서버 ${service.id}가 ${serviceTimeoutMs / 1000}초 안에 포트를 열지 못했습니다.`,
				);
		}
		hooks.status('실행 중');
		const main = await spawnProgram(bundle, 'main');
		const exited = main.exited.then(async (exit) => {
			// A client is done when it exits; the services it needed go with it.
			await stopAll();
			offPort();
			return exit;
		});
		return {
			ports,
			main,
			exited,
			async stop() {
				await stopAll();
			},
		};
	} catch (error) {
		await stopAll();
		offPort();
		throw error;
	}
}

/** Sends one raw request to a port from inside the runtime (the helper) and returns both sides. */
export async function inspect(
	runtime: LiveRuntime,
	port: number,
	raw: string,
	timeoutMs = 5000,
): Promise<HelperResult> {
	const proc = await runtime.spawn({
		argv: ['node', HELPER_FILE, helperArgument(port, raw, timeoutMs)],
		cwd: HELPER_DIR,
		env: {},
		ports: [],
	});
	let output = '';
	proc.onOutput((text) => (output += text));
	const exit = await Promise.race([
		proc.exited,
		new Promise<undefined>((r) => setTimeout(r, timeoutMs + 3000)),
	]);
	if (!exit) await proc.kill();
	const result = parseHelperOutput(output);
	if (!result)
		throw new RunError(
			`요청 도우미가 답을 내지 못했습니다.${output ? `\n${output.slice(-500)}` : ''}`,
		);
	return result;
}
