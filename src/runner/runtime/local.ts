// The local runtime's page side: talks to our dev/preview server's endpoint (protocol.ts). Output,
// exits and ports arrive on one newline-delimited JSON stream per page; commands are small POSTs.
import type { PortSpec } from '../../lib/snippets/schema.ts';
import { TOKEN_HEADER, type ProbeAnswer, type WireEvent } from '../protocol.ts';
import { Listeners } from './emitter.ts';
import type {
	BootStep,
	LiveRuntime,
	PortEvent,
	ProcessExit,
	RuntimeFile,
	RuntimeProcess,
	SpawnRequest,
} from './types.ts';

type Fetch = typeof fetch;

/** Asks whether our own server runs the page; false on any error, within `timeoutMs`. */
export async function probeLocal(
	endpoint: string,
	fetchImpl: Fetch = fetch,
	timeoutMs = 1500,
): Promise<ProbeAnswer | undefined> {
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(), timeoutMs);
	try {
		const res = await fetchImpl(`${endpoint}probe`, {
			signal: controller.signal,
			cache: 'no-store',
		});
		if (!res.ok) return undefined;
		const body = (await res.json()) as Partial<ProbeAnswer>;
		return body.runner === 'local' && typeof body.token === 'string'
			? (body as ProbeAnswer)
			: undefined;
	} catch {
		return undefined;
	} finally {
		clearTimeout(timer);
	}
}

interface LocalProc {
	output: Listeners<string>;
	resolveExit: (exit: ProcessExit) => void;
	exited: Promise<ProcessExit>;
	done: boolean;
}

/** What the page says when output was dropped because it could not keep up (or was away). */
export function droppedNotice(bytes: number): string {
	const size =
		bytes >= 1024 * 1024
			? `${(bytes / 1024 / 1024).toFixed(1)} MB`
			: bytes >= 1024
				? `${Math.round(bytes / 1024)} KB`
				: `${bytes} B`;
	return `\r\n[출력이 너무 빨라 ${size}를 건너뛰었습니다]\r\n`;
}

/** `endpoint` is the endpoint's URL prefix ending in a slash, e.g. `/__runner/`. */
export function createLocalRuntime(endpoint: string, fetchImpl: Fetch = fetch): LiveRuntime {
	let booting: Promise<void> | undefined;
	let sessionUrl = '';
	/** This server start's token (from the probe); a restarted server makes a new one. */
	let token = '';
	const auth = () => ({ [TOKEN_HEADER]: token });
	const procs = new Map<string, LocalProc>();
	/** Events for a pid the spawn answer has not named yet. */
	const early = new Map<string, WireEvent[]>();
	const ports = new Listeners<PortEvent>();
	const resets = new Listeners<void>();
	const stream = new AbortController();

	const post = async (path: string, body?: unknown): Promise<Response> => {
		const res = await fetchImpl(`${sessionUrl}${path}`, {
			method: 'POST',
			headers: body === undefined ? auth() : { ...auth(), 'content-type': 'application/json' },
			...(body === undefined ? {} : { body: JSON.stringify(body) }),
		});
		if (!res.ok) {
			const detail = await res.text().catch(() => '');
			let message = detail;
			try {
				message = (JSON.parse(detail) as { error?: string }).error ?? detail;
			} catch {
				// plain text
			}
			throw new Error(`로컬 실행기가 요청을 거절했습니다 (${res.status}): ${message}`);
		}
		return res;
	};

	const dispatch = (event: WireEvent) => {
		if (event.t === 'ping') return;
		if (event.t === 'port') {
			ports.emit({ port: event.port, type: event.type, url: `${sessionUrl}p/${event.port}/` });
			return;
		}
		const proc = procs.get(event.pid);
		if (!proc) {
			early.set(event.pid, [...(early.get(event.pid) ?? []), event]);
			return;
		}
		if (event.t === 'out') proc.output.emit(event.d);
		else if (event.t === 'dropped') proc.output.emit(droppedNotice(event.bytes));
		else if (event.t === 'exit') {
			// The wire id is the OS pid, which the OS hands out again (pid_max is often 32768): a later
			// process with the same pid must not have its output routed to this finished one.
			procs.delete(event.pid);
			proc.done = true;
			proc.resolveExit({
				code: event.code,
				signal: event.signal,
				...(event.reason ? { reason: event.reason } : {}),
			});
		}
	};

	const readEvents = async (body: ReadableStream<Uint8Array>) => {
		const reader = body.getReader();
		const decoder = new TextDecoder();
		let buffer = '';
		try {
			for (;;) {
				const { value, done } = await reader.read();
				if (done) break;
				buffer += decoder.decode(value, { stream: true });
				let nl: number;
				while ((nl = buffer.indexOf('\n')) !== -1) {
					const line = buffer.slice(0, nl);
					buffer = buffer.slice(nl + 1);
					if (line) dispatch(JSON.parse(line) as WireEvent);
				}
			}
		} catch {
			// aborted on teardown, or the server went away
		}
		if (stream.signal.aborted) return;
		// The server restarted or dropped us: nothing we started is alive any more.
		for (const proc of procs.values()) {
			if (!proc.done) {
				proc.done = true;
				proc.resolveExit({ code: null, signal: null, reason: 'reset' });
			}
		}
		booting = undefined;
		resets.emit();
	};

	const runtime: LiveRuntime = {
		kind: 'local',
		stdin: 'pipe',
		uniquePorts: true,
		boot(progress?: (step: BootStep) => void) {
			booting ??= (async () => {
				progress?.('connect');
				const probe = await probeLocal(endpoint, fetchImpl);
				if (!probe)
					throw new Error('로컬 실행기가 응답하지 않습니다. 서버가 멈췄다면 다시 시작하세요.');
				token = probe.token;
				const res = await fetchImpl(`${endpoint}sessions`, { method: 'POST', headers: auth() });
				if (!res.ok)
					throw new Error(`로컬 실행기에 연결하지 못했습니다 (${res.status}): ${await res.text()}`);
				const { id } = (await res.json()) as { id: string };
				sessionUrl = `${endpoint}sessions/${id}/`;
				const events = await fetchImpl(`${sessionUrl}events`, {
					signal: stream.signal,
					cache: 'no-store',
					headers: auth(),
				});
				if (!events.ok || !events.body)
					throw new Error(`로컬 실행기의 출력 스트림을 열지 못했습니다 (${events.status})`);
				void readEvents(events.body);
				if (typeof addEventListener === 'function') {
					// A keepalive fetch rather than sendBeacon: a beacon cannot carry the token header.
					addEventListener(
						'pagehide',
						() =>
							void fetchImpl(`${sessionUrl}teardown`, {
								method: 'POST',
								keepalive: true,
								headers: auth(),
							}).catch(() => undefined),
						{ once: true },
					);
				}
				progress?.('ready');
			})();
			booting.catch(() => (booting = undefined));
			return booting;
		},
		async mount(files: RuntimeFile[]) {
			await post('files', { files });
		},
		async allocatePort(_spec: PortSpec) {
			const res = await post('free-port');
			return ((await res.json()) as { port: number }).port;
		},
		async spawn(request: SpawnRequest): Promise<RuntimeProcess> {
			const res = await post('processes', {
				argv: request.argv,
				cwd: request.cwd,
				env: request.env,
				watchPorts: request.ports,
			});
			const { pid } = (await res.json()) as { pid: string };
			let resolveExit!: (exit: ProcessExit) => void;
			const proc: LocalProc = {
				output: new Listeners<string>(),
				resolveExit: (exit) => resolveExit(exit),
				exited: new Promise((r) => (resolveExit = r)),
				done: false,
			};
			procs.set(pid, proc);
			// Output that arrived before we knew the pid is replayed once the first listener subscribes.
			let replay = early.get(pid) ?? [];
			early.delete(pid);
			const exitEarly = replay.find((e) => e.t === 'exit');
			if (exitEarly) dispatch(exitEarly);
			let stdinChain = Promise.resolve();
			const send = (body: { data?: string; end?: boolean }) => {
				stdinChain = stdinChain
					.then(() => post(`processes/${pid}/stdin`, body).then(() => undefined))
					.catch(() => undefined);
			};
			return {
				onOutput(listener) {
					const off = proc.output.add(listener);
					for (const e of replay) {
						if (e.t === 'out') listener(e.d);
						else if (e.t === 'dropped') listener(droppedNotice(e.bytes));
					}
					replay = [];
					return off;
				},
				write: (text) => send({ data: text }),
				end: () => send({ end: true }),
				// stdin and stdout are pipes here: there is no terminal whose size could change.
				resize: () => undefined,
				async kill() {
					if (proc.done) return;
					// The endpoint answers a kill only once the process has exited, so the answer is the
					// exit (the event saying so, on the stream, has been seen to come seconds later). Neither
					// is waited for past 2.5 s: Stop must end for the reader even when a hop holds them.
					const answered = post(`processes/${pid}/kill`).then(
						() => {
							if (proc.done) return;
							proc.done = true;
							proc.resolveExit({ code: null, signal: null, reason: 'stopped' });
						},
						// Refused (the run had already ended, say): the event is what is left to wait for.
						() => new Promise<void>(() => undefined),
					);
					await Promise.race([answered, proc.exited, new Promise((r) => setTimeout(r, 2500))]);
				},
				exited: proc.exited,
			};
		},
		onPort: (listener) => ports.add(listener),
		onReset: (listener) => resets.add(listener),
		async teardown() {
			if (!sessionUrl) return;
			stream.abort();
			await fetchImpl(`${sessionUrl}teardown`, { method: 'POST', headers: auth() }).catch(
				() => undefined,
			);
		},
	};
	return runtime;
}
