// A local-runner endpoint on a real HTTP server, and a client that calls it as the book's page does
// (loopback Host, its Origin on writes, same-origin reads, the probe's token), for the endpoint's
// test files. Every option can be turned against it: another peer address, headers, a raw body.
import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import {
	createLocalRunner,
	type LocalRunner,
	type LocalRunnerOptions,
} from '../../src/integrations/local-runner/endpoint.ts';
import { TOKEN_HEADER, type WireEvent } from '../../src/runner/protocol.ts';
import { rawCall, readEvents, type Answer } from './runner-wire.ts';

export type { Answer };

export interface CallOptions {
	/** JSON-encoded as the body. */
	body?: unknown;
	/** Sent as it is instead of `body`. */
	rawBody?: string | Buffer;
	headers?: Record<string, string>;
	/** The address to connect to. @default '127.0.0.1' */
	connectTo?: string;
	/** The local address to connect from (another "host": the machine's non-loopback address). */
	from?: string;
	/** Leave the token out. */
	noToken?: boolean;
}

export interface Harness {
	runner: LocalRunner;
	port: number;
	origin: string;
	token: string;
	call(method: string, path: string, opts?: CallOptions): Promise<Answer>;
	/**
	 * `fetch` as the page on `origin` makes it (relative URLs, Origin on writes, same-origin reads),
	 * for the page's own runtime code; it sends no token: the runtime probes for it.
	 */
	pageFetch: typeof fetch;
	openSession(): Promise<SessionClient>;
	stop(): Promise<void>;
}

export type OutEvent = Extract<WireEvent, { t: 'out' }>;
export type ExitEvent = Extract<WireEvent, { t: 'exit' }>;

export interface SessionClient {
	id: string;
	/** `/__runner/sessions/<id>/` */
	base: string;
	events: WireEvent[];
	close(): void;
	waitFor<T extends WireEvent>(match: (e: WireEvent) => e is T, timeoutMs?: number): Promise<T>;
	output(pid: string): string;
	exitOf(pid: string, timeoutMs?: number): Promise<ExitEvent>;
	/** Mounts `code` as `snippets/t/<file>` and runs it with `program`. */
	spawn(
		code: string,
		extra?: Record<string, unknown>,
		program?: 'node' | 'python3',
	): Promise<string>;
}

/** The machine's first non-loopback IPv4 address: "another host" without leaving the machine. */
export function otherHostAddress(): string {
	for (const list of Object.values(networkInterfaces())) {
		for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
	}
	throw new Error('this machine has no non-loopback IPv4 address to play another host from');
}

/** Whether a process runs; a zombie (killed, waiting for a container's PID 1 to reap it) counts as gone. */
export function alive(pid: number): boolean {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return !/^\d+ \(.*\) [ZX] /s.test(stat);
	} catch {
		return false;
	}
}

export async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 25));
	}
}

/** The request for session `base`'s event stream, as the page on `localhost:<port>` opens it. */
export function eventsRequest(port: number, base: string, token: string) {
	return {
		host: '127.0.0.1',
		port,
		path: `${base}events`,
		headers: {
			host: `localhost:${port}`,
			'sec-fetch-site': 'same-origin',
			[TOKEN_HEADER]: token,
		},
	};
}

/** Answers what is not the runner's (the book's pages, in a test that needs one). */
export type Fallback = (req: IncomingMessage, res: ServerResponse) => void;

export async function startHarness(
	options: LocalRunnerOptions = {},
	listenOn = '127.0.0.1',
	fallback: Fallback = (_req, res) => res.writeHead(404).end('next'),
): Promise<Harness> {
	const runner = createLocalRunner({ killGraceMs: 300, ...options });
	const server: Server = createServer((req, res) =>
		runner.handle(req, res, () => fallback(req, res)),
	);
	await new Promise<void>((ok) => server.listen(0, listenOn, ok));
	const port = (server.address() as AddressInfo).port;
	const origin = `http://localhost:${port}`;
	let token = '';

	const call = (method: string, path: string, opts: CallOptions = {}): Promise<Answer> => {
		const body = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
		return rawCall(
			{
				host: opts.connectTo ?? '127.0.0.1',
				port,
				method,
				path,
				...(opts.from ? { localAddress: opts.from } : {}),
				headers: {
					host: `localhost:${port}`,
					...(method === 'GET' ? { 'sec-fetch-site': 'same-origin' } : { origin }),
					...(token && !opts.noToken ? { [TOKEN_HEADER]: token } : {}),
					...(body !== undefined && opts.rawBody === undefined
						? { 'content-type': 'application/json' }
						: {}),
					...opts.headers,
				},
			},
			body,
		);
	};

	// Behind a proxy hop the probe is refused here; such tests bring their own way in.
	const probe = await call('GET', '/__runner/probe');
	if (probe.status === 200) token = (JSON.parse(probe.body) as { token: string }).token;

	const openSession = async (): Promise<SessionClient> => {
		const created = await call('POST', '/__runner/sessions');
		expect(created.status, created.body).toBe(201);
		const { id } = JSON.parse(created.body) as { id: string };
		const base = `/__runner/sessions/${id}/`;
		const stream = readEvents(eventsRequest(port, base, token));
		const { events } = stream;
		expect(await stream.opened).toBe(200);
		const waitFor = async <T extends WireEvent>(
			match: (e: WireEvent) => e is T,
			timeoutMs = 5000,
		): Promise<T> => {
			const end = Date.now() + timeoutMs;
			for (;;) {
				const found = events.find(match);
				if (found) return found;
				if (Date.now() > end)
					throw new Error(
						`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events).slice(0, 800)}`,
					);
				await new Promise((r) => setTimeout(r, 20));
			}
		};
		const output = (pid: string) =>
			events
				.filter((e): e is OutEvent => e.t === 'out' && e.pid === pid)
				.map((e) => e.d)
				.join('');
		const exitOf = (pid: string, timeoutMs = 8000) =>
			waitFor((e): e is ExitEvent => e.t === 'exit' && e.pid === pid, timeoutMs);
		const spawn = async (
			code: string,
			extra: Record<string, unknown> = {},
			program: 'node' | 'python3' = 'node',
		) => {
			const file = program === 'node' ? 'main.mjs' : 'main.py';
			const mounted = await call('POST', `${base}files`, {
				body: { files: [{ path: `snippets/t/${file}`, content: code }] },
			});
			expect(mounted.status).toBe(204);
			const res = await call('POST', `${base}processes`, {
				body: { argv: [program, file], cwd: 'snippets/t', ...extra },
			});
			expect(res.status, res.body).toBe(201);
			return (JSON.parse(res.body) as { pid: string }).pid;
		};
		return { id, base, events, close: stream.close, waitFor, output, exitOf, spawn };
	};

	return {
		runner,
		port,
		origin,
		get token() {
			return token;
		},
		call,
		pageFetch: (input, init = {}) => {
			const headers = new Headers(init.headers);
			if ((init.method ?? 'GET') === 'GET') headers.set('sec-fetch-site', 'same-origin');
			else headers.set('origin', origin);
			return fetch(new URL(String(input), origin), { ...init, headers });
		},
		openSession,
		async stop() {
			await runner.close();
			server.closeAllConnections();
			await new Promise<void>((ok) => server.close(() => ok()));
		},
	};
}
