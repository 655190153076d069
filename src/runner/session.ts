// One run of a snippet on a live runtime: mount its files (with the reader's edits), start its
// services and wait for their ports, then start the snippet itself: its Node code, or, for the Python
// variant, its Python code (with the same services, ports and files beside it). What does not depend on the
// reader's last keystrokes is done ahead, on intent (`prepareRun`), so Run mostly just spawns. Also the
// inspector's request, made from inside the runtime by the helper. Talks only to the LiveRuntime
// interface.
import type { BundleProgram, SnippetBundle } from '../lib/snippets/bundle.ts';
import { helperArgument, parseHelperOutput, type HelperResult } from './http-format.ts';
import helperSource from './inspect-helper.mjs?raw';
import type { LiveRuntime, ProcessExit, RuntimeFile, RuntimeProcess } from './runtime/types.ts';
import { fillPorts, portEnv } from '../lib/snippets/ports.ts';

export const HELPER_DIR = 'snippets/_runner';
export const HELPER_FILE = 'inspect-helper.mjs';
/**
 * Services get a tree of their own: a snippet can be both a service and a snippet the reader edits on
 * the same page (example-com), and a service must run the original while the edited copy is written.
 */
export const SERVICE_ROOT = '_services';

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

/** What `prepareRun` did for one snippet on one runtime, ahead of its runs. */
export interface Prepared {
	runtime: LiveRuntime;
	/** The snippet's own port numbers by name, kept for every run so its preview address stays put. */
	ports: Map<string, number>;
}

/** Which code of the snippet runs: the Node code, or its Python counterpart (`python.command`). */
export type Variant = 'node' | 'python';

export interface RunOptions {
	prepared?: Prepared;
	/** @default 'node' */
	variant?: Variant;
	/** How long a service may take to open its ports. @default 10000 */
	serviceTimeoutMs?: number;
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

function serviceFiles(service: BundleProgram): RuntimeFile[] {
	return service.files.map((f) => ({
		path: `${SERVICE_ROOT}/${mountPath(service.id, f.path)}`,
		content: f.content,
		...(f.executable ? { executable: true } : {}),
	}));
}

/**
 * Every file a run needs, the reader's edits (path → content) in place of the originals. A Python
 * run has the Node files too: a Python server may serve the snippet's pages or run its Node CGI
 * scripts, as it does in the tests, which run it in the snippet's folder.
 */
export function filesToMount(
	bundle: SnippetBundle,
	edits: Record<string, string>,
	variant: Variant = 'node',
): RuntimeFile[] {
	const files = new Map<string, RuntimeFile>();
	const add = (file: RuntimeFile) => files.set(file.path, file);
	for (const service of bundle.services) for (const f of serviceFiles(service)) add(f);
	for (const f of bundle.files) {
		if (f.role === 'python' && variant !== 'python') continue;
		add({
			path: mountPath(bundle.id, f.path),
			content: edits[f.path] ?? f.content,
			...(f.executable ? { executable: true } : {}),
		});
	}
	add({ path: `${HELPER_DIR}/${HELPER_FILE}`, content: helperSource });
	return [...files.values()];
}

/** The program a run starts: the snippet's Node command, or its Python command for the Python variant. */
export function programFor(bundle: SnippetBundle, variant: Variant = 'node'): BundleProgram {
	if (variant === 'node') return bundle;
	const command = bundle.python?.command;
	if (!command) throw new RunError('이 예제에는 실행할 파이썬 명령이 없습니다.');
	return { ...bundle, command };
}

export function fillCommand(argv: string[], ports: RunPort[]): string[] {
	return argv.map((word) => fillPorts(word, (name) => ports.find((p) => p.name === name)?.port));
}

function envFor(program: BundleProgram, ports: RunPort[]): Record<string, string> {
	return portEnv(program.ports, (name) => ports.find((p) => p.name === name)?.port);
}

interface Mounted {
	/** Path → the content written (or being written) there. */
	known: Map<string, string>;
	/** The last write; writes go one after another. */
	last: Promise<void>;
}
/** What each runtime holds, so a run (or a check, scenario-host.ts) writes only what changed since. */
const mounted = new WeakMap<LiveRuntime, Mounted>();

/**
 * Writes only the files whose content differs from what is there, one write at a time. Runs and
 * checks share files (the request helper, services, shared modules), and a runtime rewrites a file
 * in place: a process started while its file is being rewritten of the same content reads it empty
 * and exits at once (seen as a request helper that printed nothing). So a file is claimed before it
 * is written, and whoever needs it waits for the writes already under way.
 */
export async function mountChanged(runtime: LiveRuntime, files: RuntimeFile[]): Promise<void> {
	let state = mounted.get(runtime);
	if (!state) {
		const fresh: Mounted = { known: new Map(), last: Promise.resolve() };
		mounted.set(runtime, fresh);
		// A reset loses every file.
		runtime.onReset(() => fresh.known.clear());
		state = fresh;
	}
	const { known } = state;
	const changed = files.filter((f) => known.get(f.path) !== f.content);
	for (const f of changed) known.set(f.path, f.content);
	const write = state.last.then(() => (changed.length ? runtime.mount(changed) : undefined));
	state.last = write.catch(() => {
		for (const f of changed) if (known.get(f.path) === f.content) known.delete(f.path);
	});
	await write;
}

/** Follows the runtime's port events for `ports`; `until` waits for some of them to open. */
function watchPorts(
	runtime: LiveRuntime,
	ports: RunPort[],
	changed?: (port: RunPort, open: boolean) => void,
) {
	const open = new Set<number>();
	const wakers = new Set<() => void>();
	const off = runtime.onPort((event) => {
		const p = ports.find((x) => x.port === event.port);
		if (!p) return;
		if (event.type === 'open') {
			open.add(p.port);
			p.url = event.url;
		} else open.delete(p.port);
		changed?.(p, event.type === 'open');
		for (const wake of wakers) wake();
	});
	const allOpen = (wanted: RunPort[]) => wanted.every((p) => open.has(p.port));
	/** True once every port in `wanted` is open; false if `exited` settles or `timeoutMs` passes first. */
	const until = (wanted: RunPort[], exited: Promise<unknown>, timeoutMs: number) =>
		new Promise<boolean>((resolve) => {
			if (allOpen(wanted)) return resolve(true);
			const finish = (ready: boolean) => {
				clearTimeout(timer);
				wakers.delete(wake);
				resolve(ready);
			};
			const wake = () => {
				if (allOpen(wanted)) finish(true);
			};
			const timer = setTimeout(() => finish(false), timeoutMs);
			wakers.add(wake);
			void exited.then(() => finish(allOpen(wanted)));
		});
	return { open, off, until };
}

/** A service started before a run asked for it; its output is held until a run takes it. */
interface WarmService {
	proc: RuntimeProcess;
	ports: RunPort[];
	/** Ports of the service that are open now. */
	open: ReadonlySet<number>;
	alive: boolean;
	/** True once its ports opened; false if it exited or timed out first. */
	ready: Promise<boolean>;
	/** Hands the output so far, and from now on, to a run. */
	adopt(output: (text: string) => void): void;
}

async function startService(
	runtime: LiveRuntime,
	service: BundleProgram,
	timeoutMs: number,
): Promise<WarmService> {
	await mountChanged(runtime, serviceFiles(service));
	const ports: RunPort[] = [];
	for (const spec of service.ports) {
		const port = await runtime.allocatePort(spec);
		ports.push({ name: spec.name, port, shown: spec.default, owner: service.id });
	}
	const watch = watchPorts(runtime, ports);
	let proc: RuntimeProcess;
	try {
		proc = await runtime.spawn({
			argv: fillCommand(service.command, ports),
			cwd: `${SERVICE_ROOT}/snippets/${service.id}`,
			env: envFor(service, ports),
			ports: ports.map((p) => p.port),
		});
	} catch (error) {
		watch.off();
		throw error;
	}
	const held: string[] = [];
	let heldSize = 0;
	let forward: ((text: string) => void) | undefined;
	proc.onOutput((text) => {
		if (forward) return forward(text);
		// A service nobody has taken yet must not grow memory without bound.
		if (heldSize < 64 * 1024) held.push(text);
		heldSize += text.length;
	});
	const warm: WarmService = {
		proc,
		ports,
		open: watch.open,
		alive: true,
		ready: watch.until(ports, proc.exited, timeoutMs),
		adopt(output) {
			forward = output;
			for (const text of held.splice(0)) output(text);
		},
	};
	void proc.exited.then(() => {
		warm.alive = false;
		watch.off();
	});
	return warm;
}

/** Idle services per runtime, by service id: at most one each, taken by the next run that needs it. */
const idleServices = new WeakMap<LiveRuntime, Map<string, Promise<WarmService>>>();

/**
 * Starts, ahead of a run, each service of the snippet that has no idle instance yet, so Run has only
 * the reader's program to start. Only where ports are unique: in a WebContainer a waiting service
 * would hold the port the same snippet needs when the reader runs it on its own.
 */
function warmServices(runtime: LiveRuntime, bundle: SnippetBundle, timeoutMs: number): void {
	if (!runtime.uniquePorts) return;
	let idle = idleServices.get(runtime);
	if (!idle) idleServices.set(runtime, (idle = new Map()));
	for (const service of bundle.services) {
		if (idle.has(service.id)) continue;
		const starting = startService(runtime, service, timeoutMs);
		idle.set(service.id, starting);
		const pool = idle;
		// One that fails or ends is dropped: the next run then starts its own and shows why.
		void starting
			.then(
				(warm) => warm.proc.exited,
				() => undefined,
			)
			.then(() => {
				if (pool.get(service.id) === starting) pool.delete(service.id);
			});
	}
}

/** The idle instance of `service`, if there is a live one; it is then the caller's to stop. */
async function takeWarm(
	runtime: LiveRuntime,
	service: BundleProgram,
): Promise<WarmService | undefined> {
	const idle = idleServices.get(runtime);
	const starting = idle?.get(service.id);
	if (!idle || !starting) return undefined;
	idle.delete(service.id);
	const warm = await starting.catch(() => undefined);
	return warm?.alive ? warm : undefined;
}

/**
 * The part of a run that the reader's next keystrokes cannot change, done on intent: mount the files,
 * choose the snippet's ports and start its services. A run then writes only what changed since.
 */
export async function prepareRun(
	runtime: LiveRuntime,
	bundle: SnippetBundle,
	edits: Record<string, string>,
	serviceTimeoutMs = 10_000,
): Promise<Prepared> {
	await mountChanged(runtime, filesToMount(bundle, edits));
	warmServices(runtime, bundle, serviceTimeoutMs);
	const ports = new Map<string, number>();
	for (const spec of bundle.ports) ports.set(spec.name, await runtime.allocatePort(spec));
	return { runtime, ports };
}

export async function startRun(
	runtime: LiveRuntime,
	bundle: SnippetBundle,
	edits: Record<string, string>,
	hooks: RunHooks,
	options: RunOptions = {},
): Promise<RunHandle> {
	const timeoutMs = options.serviceTimeoutMs ?? 10_000;
	const prepared = options.prepared?.runtime === runtime ? options.prepared : undefined;
	const variant = options.variant ?? 'node';
	const program = programFor(bundle, variant);
	hooks.status('파일을 올리는 중');
	await mountChanged(runtime, filesToMount(bundle, edits, variant));
	const ports: RunPort[] = [];
	const warm = new Map<string, WarmService>();
	for (const service of bundle.services) {
		const taken = runtime.uniquePorts ? await takeWarm(runtime, service) : undefined;
		if (taken) {
			warm.set(service.id, taken);
			ports.push(...taken.ports);
			continue;
		}
		for (const spec of service.ports) {
			const port = await runtime.allocatePort(spec);
			ports.push({ name: spec.name, port, shown: spec.default, owner: service.id });
		}
	}
	for (const spec of bundle.ports) {
		const port = prepared?.ports.get(spec.name) ?? (await runtime.allocatePort(spec));
		ports.push({ name: spec.name, port, shown: spec.default, owner: 'main' });
	}

	hooks.allocated?.(ports);
	const watch = watchPorts(runtime, ports, hooks.port);
	for (const w of warm.values()) {
		for (const p of w.ports) {
			if (!w.open.has(p.port)) continue;
			watch.open.add(p.port);
			hooks.port(p, true);
		}
	}

	const started: RuntimeProcess[] = [];
	const stopAll = async () => {
		await Promise.all([...started].reverse().map((p) => p.kill().catch(() => undefined)));
	};
	const done = async () => {
		await stopAll();
		watch.off();
		// The services went with this run: have fresh ones waiting for the next.
		warmServices(runtime, bundle, timeoutMs);
	};
	const spawnProgram = async (program: BundleProgram, source: string, cwd: string) => {
		const mine = ports.filter((p) => p.owner === source);
		const proc = await runtime.spawn({
			argv: fillCommand(program.command, ports),
			cwd,
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
			const taken = warm.get(service.id);
			let ready: Promise<boolean>;
			if (taken) {
				started.push(taken.proc);
				taken.adopt((text) => hooks.output(text, service.id));
				ready = taken.ready;
			} else {
				await mountChanged(runtime, serviceFiles(service));
				const proc = await spawnProgram(
					service,
					service.id,
					`${SERVICE_ROOT}/snippets/${service.id}`,
				);
				const mine = ports.filter((p) => p.owner === service.id);
				ready = watch.until(mine, proc.exited, timeoutMs);
			}
			if (!(await ready))
				throw new RunError(
					`먼저 켜야 하는 서버 ${service.id}가 ${timeoutMs / 1000}초 안에 포트를 열지 못했습니다.`,
				);
		}
		hooks.status('실행 중');
		const main = await spawnProgram(program, 'main', `snippets/${bundle.id}`);
		const exited = main.exited.then(async (exit) => {
			// A client is done when it exits; the services it needed go with it.
			await done();
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
		await done();
		throw error;
	}
}

/**
 * Sends one raw request to a port from inside the runtime (the helper) and returns both sides.
 * `timeoutMs` bounds the exchange; `startupMs` is what the helper may take on top to start (a busy
 * machine or a WebContainer can take seconds to start a Node process).
 */
export async function inspect(
	runtime: LiveRuntime,
	port: number,
	raw: string,
	timeoutMs = 5000,
	startupMs = 3000,
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
		new Promise<undefined>((r) => setTimeout(r, timeoutMs + startupMs)),
	]);
	if (!exit) await proc.kill();
	const result = parseHelperOutput(output);
	if (!result)
		throw new RunError(
			`요청 도우미가 답을 내지 못했습니다.${output ? `\n${output.slice(-500)}` : ''}`,
		);
	return result;
}
