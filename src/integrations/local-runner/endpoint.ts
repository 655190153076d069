// The local runtime's endpoint: runs a page's snippets as real Node processes on this machine, for
// `npm run dev` and `npm run preview`. It is reachable from loopback only, answers only the page's own
// origin, and bounds what a snippet may do (run time, output, process count); every session lives in
// its own temp folder, removed with the session.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { randomUUID } from 'node:crypto';
import { freePort } from '../../lib/scenario/node-host.ts';
import { snippetNode } from '../../lib/process/snippet-node.ts';
import {
	ENDPOINT_PREFIX,
	type KillReason,
	type SpawnBody,
	type WireEvent,
	type WireFile,
} from '../../runner/protocol.ts';

export interface LocalRunnerOptions {
	/** The site's base path, e.g. `/` or `/book/`. @default '/' */
	base?: string;
	/** A process is killed after running this long. @default 900000 (15 minutes) */
	maxRunMs?: number;
	/** A process is killed once it has printed this many bytes. @default 5242880 (5 MB) */
	maxOutputBytes?: number;
	/** Processes alive at once in one session (one page). @default 8 */
	maxProcessesPerSession?: number;
	/** Processes alive at once in all sessions. @default 24 */
	maxProcesses?: number;
	/** Sessions (pages) at once. @default 12 */
	maxSessions?: number;
	/** A session whose page has gone (event stream closed) is torn down after this long. @default 30000 */
	idleMs?: number;
	/** Grace between SIGTERM and SIGKILL when killing a process tree. @default 600 */
	killGraceMs?: number;
	/** Where session folders are made. @default os.tmpdir() */
	tmpRoot?: string;
	/** The Node binary for snippets. @default snippetNode() (the machine's Node 20 when found) */
	node?: string;
	/** Largest request body accepted (files, stdin). @default 4194304 */
	maxBodyBytes?: number;
}

interface Proc {
	id: string;
	child: ChildProcess;
	outputBytes: number;
	ports: number[];
	openPorts: Set<number>;
	reason: KillReason | undefined;
	exited: Promise<void>;
	done: boolean;
	timers: Array<ReturnType<typeof setTimeout>>;
	/** Looks at once whether the ports not yet seen open are open now (called on each output). */
	checkPorts: () => void;
}

interface Session {
	id: string;
	root: string;
	procs: Map<string, Proc>;
	/** Events waiting for a stream to read them. */
	pending: WireEvent[];
	stream: ServerResponse | undefined;
	idleTimer: ReturnType<typeof setTimeout> | undefined;
	pingTimer: ReturnType<typeof setInterval> | undefined;
}

type Next = (error?: unknown) => void;

export interface LocalRunner {
	/** Connect-style middleware: answers routes under `<base>__runner/`, passes everything else on. */
	handle(req: IncomingMessage, res: ServerResponse, next: Next): void;
	/** Kills every process and removes every session folder. */
	close(): Promise<void>;
	/** For tests: how many sessions and live processes there are. */
	stats(): { sessions: number; processes: number; folders: string[] };
}

class HttpError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

const exitCleanups = new Set<() => void>();
let exitHookInstalled = false;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackAddress(address: string | undefined): boolean {
	if (!address) return false;
	const a = address.replace(/^::ffff:/, '');
	return a === '::1' || /^127\.\d+\.\d+\.\d+$/.test(a);
}

/** The hostname of a Host header value, lower-cased, brackets kept for IPv6. */
function hostName(host: string): string {
	const m = /^(\[[^\]]+\]|[^:]+)(?::\d+)?$/.exec(host.trim().toLowerCase());
	return m?.[1] ?? '';
}

/**
 * Who may talk to the endpoint: a loopback peer, naming a loopback host (a page on another site could
 * otherwise rebind its DNS name to 127.0.0.1), from the page's own origin. State-changing requests
 * must carry that Origin; reads may come without one only when the browser says they are same-origin.
 */
export function checkCaller(req: IncomingMessage): string | undefined {
	if (!isLoopbackAddress(req.socket.remoteAddress)) return 'not a loopback peer';
	const forwarded = req.headers['x-forwarded-for'];
	if (forwarded) {
		const first = String(forwarded).split(',')[0]?.trim();
		if (!isLoopbackAddress(first)) return 'forwarded from a non-loopback peer';
	}
	const host = req.headers.host ?? '';
	if (!LOOPBACK_HOSTS.has(hostName(host))) return `host ${host} is not a loopback name`;
	const origin = req.headers.origin;
	const own = `http://${host.toLowerCase()}`;
	if (origin !== undefined)
		return origin.toLowerCase() === own ? undefined : `foreign origin ${origin}`;
	const site = req.headers['sec-fetch-site'];
	const safe = req.method === 'GET' || req.method === 'HEAD';
	if (!safe) return 'a state-changing request without an Origin header';
	if (site !== undefined && site !== 'same-origin' && site !== 'none')
		return `sec-fetch-site ${site}`;
	return undefined;
}

export function createLocalRunner(options: LocalRunnerOptions = {}): LocalRunner {
	const base = (options.base ?? '/').replace(/\/?$/, '/');
	const prefix = `${base}${ENDPOINT_PREFIX}/`;
	const maxRunMs = options.maxRunMs ?? 15 * 60_000;
	const maxOutputBytes = options.maxOutputBytes ?? 5 * 1024 * 1024;
	const maxPerSession = options.maxProcessesPerSession ?? 8;
	const maxProcesses = options.maxProcesses ?? 24;
	const maxSessions = options.maxSessions ?? 12;
	const idleMs = options.idleMs ?? 30_000;
	const killGraceMs = options.killGraceMs ?? 600;
	const tmpRoot = options.tmpRoot ?? tmpdir();
	const maxBodyBytes = options.maxBodyBytes ?? 4 * 1024 * 1024;
	const node = options.node ?? snippetNode();
	const sessions = new Map<string, Session>();
	let nodeVersion: Promise<string> | undefined;

	const liveProcesses = () =>
		[...sessions.values()].reduce(
			(n, s) => n + [...s.procs.values()].filter((p) => !p.done).length,
			0,
		);

	const emit = (session: Session, event: WireEvent) => {
		if (session.stream && !session.stream.writableEnded) {
			session.stream.write(JSON.stringify(event) + '\n');
		} else {
			session.pending.push(event);
			// A page that never reads its events must not grow memory without bound.
			if (session.pending.length > 20_000)
				session.pending.splice(0, session.pending.length - 20_000);
		}
	};

	const killTree = (proc: Proc, reason: KillReason): Promise<void> => {
		if (proc.done) return proc.exited;
		proc.reason ??= reason;
		const pid = proc.child.pid;
		const signal = (sig: NodeJS.Signals) => {
			if (pid === undefined) return;
			try {
				// Started detached, each snippet leads its own process group: this reaches its children too.
				process.kill(-pid, sig);
			} catch {
				try {
					proc.child.kill(sig);
				} catch {
					// already gone
				}
			}
		};
		signal('SIGTERM');
		const hard = setTimeout(() => signal('SIGKILL'), killGraceMs);
		return proc.exited.finally(() => clearTimeout(hard));
	};

	const teardown = async (session: Session) => {
		if (!sessions.has(session.id)) return;
		sessions.delete(session.id);
		clearTimeout(session.idleTimer);
		clearInterval(session.pingTimer);
		await Promise.all([...session.procs.values()].map((p) => killTree(p, 'teardown')));
		if (session.stream && !session.stream.writableEnded) session.stream.end();
		rmSync(session.root, { recursive: true, force: true });
	};

	const armIdle = (session: Session) => {
		clearTimeout(session.idleTimer);
		session.idleTimer = setTimeout(() => void teardown(session), idleMs);
		session.idleTimer.unref?.();
	};

	const inside = (session: Session, relative: string): string => {
		const full = resolve(session.root, relative);
		if (full !== session.root && !full.startsWith(session.root + sep)) {
			throw new HttpError(400, `path ${relative} leaves the session folder`);
		}
		return full;
	};

	/**
	 * Sends `open` once `port` accepts connections. Servers usually print a line right after they
	 * start listening, so each output is a cue to look at once; between cues it polls, often while a
	 * server is still starting and rarely after, so a preview opens within milliseconds of the port.
	 */
	const watchPort = (session: Session, proc: Proc, port: number): (() => void) => {
		const started = Date.now();
		let trying = false;
		let open = false;
		let timer: ReturnType<typeof setTimeout> | undefined;
		const attempt = () => {
			if (trying || open || proc.done || !sessions.has(session.id)) return;
			trying = true;
			clearTimeout(timer);
			const socket = connect({ port, host: '127.0.0.1' });
			socket.once('connect', () => {
				socket.destroy();
				trying = false;
				if (proc.done) return;
				open = true;
				proc.openPorts.add(port);
				emit(session, { t: 'port', port, type: 'open' });
			});
			socket.once('error', () => {
				socket.destroy();
				trying = false;
				if (proc.done) return;
				timer = setTimeout(attempt, Date.now() - started < 3000 ? 5 : 60);
			});
		};
		attempt();
		return () => {
			clearTimeout(timer);
			attempt();
		};
	};

	const spawnProcess = (session: Session, body: SpawnBody): Proc => {
		if (
			!Array.isArray(body.argv) ||
			body.argv.length === 0 ||
			!body.argv.every((w) => typeof w === 'string')
		) {
			throw new HttpError(400, 'argv must be a non-empty array of strings');
		}
		if (body.argv[0] !== 'node')
			throw new HttpError(400, `only "node" can be run here, not "${body.argv[0]}"`);
		if ([...session.procs.values()].filter((p) => !p.done).length >= maxPerSession) {
			throw new HttpError(429, `at most ${maxPerSession} processes may run at once on one page`);
		}
		if (liveProcesses() >= maxProcesses)
			throw new HttpError(429, `at most ${maxProcesses} processes may run at once`);
		const cwd = inside(session, String(body.cwd ?? '.'));
		mkdirSync(cwd, { recursive: true });
		const env: Record<string, string> = {};
		for (const [k, v] of Object.entries(body.env ?? {})) {
			if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) && typeof v === 'string') env[k] = v;
		}
		const ports = (body.watchPorts ?? []).filter((p) => Number.isInteger(p) && p > 0 && p < 65536);
		const child = spawn(node, body.argv.slice(1), {
			cwd,
			env: {
				PATH: process.env['PATH'] ?? '/usr/bin:/bin',
				HOME: session.root,
				LANG: 'C.UTF-8',
				// Colours as in a terminal: the page shows output in xterm.
				FORCE_COLOR: '1',
				...env,
			},
			detached: true,
			stdio: ['pipe', 'pipe', 'pipe'],
		});
		const id = String(child.pid ?? randomUUID());
		let resolveExit!: () => void;
		const proc: Proc = {
			id,
			child,
			outputBytes: 0,
			ports,
			openPorts: new Set(),
			reason: undefined,
			exited: new Promise<void>((r) => (resolveExit = r)),
			done: false,
			timers: [],
			checkPorts: () => {},
		};
		session.procs.set(id, proc);
		const decoders = { out: new TextDecoder(), err: new TextDecoder() };
		const onData = (which: 'out' | 'err') => (chunk: Buffer) => {
			if (proc.reason === 'output-limit') return;
			const room = maxOutputBytes - proc.outputBytes;
			const piece = chunk.length > room ? chunk.subarray(0, Math.max(0, room)) : chunk;
			proc.outputBytes += chunk.length;
			const text = decoders[which].decode(piece, { stream: true });
			if (text) emit(session, { t: 'out', pid: id, d: text });
			if (proc.outputBytes > maxOutputBytes) void killTree(proc, 'output-limit');
			else proc.checkPorts();
		};
		child.stdout?.on('data', onData('out'));
		child.stderr?.on('data', onData('err'));
		child.stdin?.on('error', () => {});
		const finish = (code: number | null, signal: string | null) => {
			if (proc.done) return;
			proc.done = true;
			for (const t of proc.timers) clearTimeout(t);
			proc.checkPorts = () => {};
			for (const port of proc.openPorts) emit(session, { t: 'port', port, type: 'close' });
			emit(session, {
				t: 'exit',
				pid: id,
				code,
				signal,
				...(proc.reason ? { reason: proc.reason } : {}),
			});
			resolveExit();
		};
		child.once('error', (error) => {
			emit(session, { t: 'out', pid: id, d: `${error.message}\n` });
			finish(127, null);
		});
		child.once('close', (code, signal) => finish(code, signal));
		const limit = setTimeout(() => void killTree(proc, 'time-limit'), maxRunMs);
		limit.unref?.();
		proc.timers.push(limit);
		const checks = ports.map((port) => watchPort(session, proc, port));
		if (checks.length) proc.checkPorts = () => checks.forEach((check) => check());
		return proc;
	};

	const proxy = (
		session: Session,
		port: number,
		rest: string,
		req: IncomingMessage,
		res: ServerResponse,
	) => {
		const owned = [...session.procs.values()].some((p) => !p.done && p.ports.includes(port));
		if (!owned) throw new HttpError(404, `no snippet of this page listens on port ${port}`);
		const mount = `${prefix}sessions/${session.id}/p/${port}`;
		const headers = { ...req.headers, host: `localhost:${port}` };
		delete headers['accept-encoding'];
		const upstream = httpRequest(
			{ host: '127.0.0.1', port, method: req.method, path: rest || '/', headers },
			(answer) => {
				const out: Record<string, string | string[]> = {};
				for (const [k, v] of Object.entries(answer.headers)) if (v !== undefined) out[k] = v;
				// The page is cross-origin isolated: a framed document must opt in to be embedded.
				out['cross-origin-embedder-policy'] = 'require-corp';
				out['cross-origin-resource-policy'] = 'same-origin';
				const location = answer.headers.location;
				if (location?.startsWith('/')) out['location'] = mount + location;
				res.writeHead(answer.statusCode ?? 502, answer.statusMessage, out);
				answer.pipe(res);
			},
		);
		upstream.on('error', (error) => {
			if (!res.headersSent) {
				res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
			}
			res.end(`미리보기 프록시가 포트 ${port}에 연결하지 못했습니다: ${error.message}\n`);
		});
		req.pipe(upstream);
	};

	const readJson = (req: IncomingMessage): Promise<unknown> =>
		new Promise((resolveBody, reject) => {
			const chunks: Buffer[] = [];
			let size = 0;
			req.on('data', (chunk: Buffer) => {
				size += chunk.length;
				if (size > maxBodyBytes) {
					reject(new HttpError(413, `request body over ${maxBodyBytes} bytes`));
					req.destroy();
					return;
				}
				chunks.push(chunk);
			});
			req.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				if (!text) return resolveBody({});
				try {
					resolveBody(JSON.parse(text));
				} catch {
					reject(new HttpError(400, 'body is not JSON'));
				}
			});
			req.on('error', reject);
		});

	const json = (res: ServerResponse, status: number, body: unknown) => {
		res.writeHead(status, {
			'content-type': 'application/json; charset=utf-8',
			'cache-control': 'no-store',
		});
		res.end(JSON.stringify(body));
	};

	const route = async (req: IncomingMessage, res: ServerResponse, path: string) => {
		const method = req.method ?? 'GET';
		if (path === 'probe' && method === 'GET') {
			nodeVersion ??= new Promise((ok) => {
				const child = spawn(node, ['--version']);
				let text = '';
				child.stdout.on('data', (c: Buffer) => (text += c.toString()));
				child.on('close', () => ok(text.trim()));
				child.on('error', () => ok('unknown'));
			});
			return json(res, 200, { runner: 'local', node: await nodeVersion });
		}
		if (path === 'sessions' && method === 'POST') {
			if (sessions.size >= maxSessions)
				throw new HttpError(429, `at most ${maxSessions} pages may run snippets at once`);
			const id = randomUUID();
			const root = mkdtempSync(join(tmpRoot, 'web-book-run-'));
			// A CGI server started by root runs its scripts as `nobody` (as Python's does), who must be
			// able to reach the snippet's files: others may pass through the folder, not list it.
			chmodSync(root, 0o711);
			const session: Session = {
				id,
				root,
				procs: new Map(),
				pending: [],
				stream: undefined,
				idleTimer: undefined,
				pingTimer: undefined,
			};
			sessions.set(id, session);
			armIdle(session);
			return json(res, 201, { id });
		}
		const m = /^sessions\/([0-9a-f-]{36})(?:\/(.*))?$/.exec(path);
		if (!m) throw new HttpError(404, `no route ${method} ${path}`);
		const session = sessions.get(m[1] ?? '');
		if (!session) throw new HttpError(410, 'this session has ended; reload the page');
		const rest = m[2] ?? '';
		const proxied = /^p\/(\d+)(\/.*)?$/.exec(rest);
		if (proxied) {
			const search = req.url?.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
			return proxy(session, Number(proxied[1]), (proxied[2] ?? '/') + search, req, res);
		}
		if (rest === 'events' && method === 'GET') {
			if (session.stream && !session.stream.writableEnded) session.stream.end();
			clearTimeout(session.idleTimer);
			clearInterval(session.pingTimer);
			res.writeHead(200, {
				'content-type': 'application/x-ndjson; charset=utf-8',
				'cache-control': 'no-store, no-transform',
				'x-accel-buffering': 'no',
			});
			res.flushHeaders();
			session.stream = res;
			// `astro preview` reaches us through Vite's proxy, which passes the response on only with its
			// first body byte: without this ping the page waited for the 15 s heartbeat before running.
			emit(session, { t: 'ping' });
			for (const event of session.pending.splice(0)) res.write(JSON.stringify(event) + '\n');
			session.pingTimer = setInterval(() => emit(session, { t: 'ping' }), 15_000);
			session.pingTimer.unref?.();
			const gone = () => {
				if (session.stream !== res) return;
				session.stream = undefined;
				clearInterval(session.pingTimer);
				armIdle(session);
			};
			req.on('close', gone);
			res.on('close', gone);
			return;
		}
		if (method !== 'POST' && method !== 'DELETE')
			throw new HttpError(405, `${method} not allowed on ${rest}`);
		if (rest === 'teardown' || (rest === '' && method === 'DELETE')) {
			await teardown(session);
			res.writeHead(204).end();
			return;
		}
		if (rest === 'free-port') return json(res, 200, { port: await freePort() });
		if (rest === 'files') {
			const body = (await readJson(req)) as { files?: WireFile[] };
			if (!Array.isArray(body.files)) throw new HttpError(400, 'files must be an array');
			for (const file of body.files) {
				if (typeof file?.path !== 'string' || typeof file.content !== 'string') {
					throw new HttpError(400, 'each file needs a string path and content');
				}
				const full = inside(session, file.path);
				mkdirSync(dirname(full), { recursive: true });
				writeFileSync(full, file.content);
			}
			res.writeHead(204).end();
			return;
		}
		if (rest === 'processes') {
			const proc = spawnProcess(session, (await readJson(req)) as SpawnBody);
			return json(res, 201, { pid: proc.id });
		}
		const pm = /^processes\/([\w-]+)\/(stdin|kill)$/.exec(rest);
		const proc = pm ? session.procs.get(pm[1] ?? '') : undefined;
		if (!pm || !proc) throw new HttpError(404, `no process route ${rest}`);
		if (pm[2] === 'kill') {
			await killTree(proc, 'stopped');
			res.writeHead(204).end();
			return;
		}
		const body = (await readJson(req)) as { data?: string; end?: boolean };
		if (!proc.done && proc.child.stdin?.writable) {
			if (typeof body.data === 'string' && body.data) proc.child.stdin.write(body.data);
			if (body.end) proc.child.stdin.end();
		}
		res.writeHead(204).end();
	};

	const handle = (req: IncomingMessage, res: ServerResponse, next: Next) => {
		const url = req.url ?? '/';
		const pathname = url.split('?')[0] ?? '/';
		if (!pathname.startsWith(prefix)) return next();
		const refusal = checkCaller(req);
		if (refusal) {
			res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
			res.end(`local runner: refused (${refusal})\n`);
			return;
		}
		route(req, res, pathname.slice(prefix.length)).catch((error: unknown) => {
			const status = error instanceof HttpError ? error.status : 500;
			if (!res.headersSent) json(res, status, { error: (error as Error).message });
			else res.end();
		});
	};

	const close = async () => {
		await Promise.all([...sessions.values()].map((s) => teardown(s)));
	};

	// If the dev server dies without closing us, leave no process or folder behind.
	exitCleanups.add(() => {
		for (const s of sessions.values()) {
			for (const p of s.procs.values()) {
				if (!p.done && p.child.pid !== undefined) {
					try {
						process.kill(-p.child.pid, 'SIGKILL');
					} catch {
						// gone
					}
				}
			}
			rmSync(s.root, { recursive: true, force: true });
		}
	});
	if (!exitHookInstalled) {
		exitHookInstalled = true;
		process.once('exit', () => {
			for (const cleanup of exitCleanups) cleanup();
		});
	}

	return {
		handle,
		close,
		stats: () => ({
			sessions: sessions.size,
			processes: liveProcesses(),
			folders: [...sessions.values()].map((s) => s.root),
		}),
	};
}
