// The local runtime's endpoint: runs a page's snippets as real Node (and Python) processes on this
// machine, for `npm run dev` and `npm run preview`. This module puts the parts together: who may
// call (caller.ts), the routes (routes.ts), sessions and their folders (sessions.ts), runs and their
// process trees (processes.ts, process-tree.ts), the preview (preview-proxy.ts), and the cleanup
// when the server ends (shutdown.ts).
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { pythonBinary, snippetNode } from '../../lib/process/snippet-node.ts';
import { ENDPOINT_PREFIX } from '../../runner/protocol.ts';
import { ownUidIfKnowable, refusal, type CallerPolicy } from './caller.ts';
import { sendJson } from './http-body.ts';
import { HttpError } from './http-error.ts';
import { createTreeFactory, type TreeMechanism } from './process-tree.ts';
import { checkPreloadsExist, detectPrograms, type Programs } from './programs.ts';
import { createRoutes, kindOf } from './routes.ts';
import { createSessions, removeStaleFolders } from './sessions.ts';
import { onShutdown } from './shutdown.ts';

export { isLoopbackAddress } from './sockets.ts';

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
	/** Tasks (processes and threads) one run's tree may have, where a cgroup enforces it. @default 256 */
	maxTasksPerRun?: number;
	/** Processes one run's tree may have, where no cgroup does (counted by a sweep). @default 64 */
	maxProcessesPerRun?: number;
	/** Sessions (pages) at once. @default 12 */
	maxSessions?: number;
	/** A session whose page has gone (event stream closed) is torn down after this long. @default 30000 */
	idleMs?: number;
	/** Grace between SIGTERM and SIGKILL when ending a process tree. @default 600 */
	killGraceMs?: number;
	/** Bytes of events that may wait for a page that reads slowly or not at all; output past it is dropped. @default 1048576 */
	maxQueuedBytes?: number;
	/** Where session folders are made. @default os.tmpdir() */
	tmpRoot?: string;
	/** The Node binary for snippets. @default snippetNode() (the machine's Node 20 when found) */
	node?: string;
	/** The Python binary for `python3` programs (used only if it is 3.11 or later). @default pythonBinary() */
	python?: string;
	/** Largest request body accepted (files, stdin). @default 4194304 */
	maxBodyBytes?: number;
	/**
	 * Set when the endpoint sits behind our own preview proxy (`astro preview`): every request must
	 * carry this secret, and the caller is the one the proxy describes.
	 */
	hopSecret?: string;
	/** Accept callers from the network, not only from this machine (WEB_BOOK_RUNNER_NETWORK). @default false */
	network?: boolean;
	/** `process-group` forces the portable process-tree mechanism (tests). @default 'auto' */
	treeMechanism?: 'auto' | 'process-group';
}

type Next = (error?: unknown) => void;

export interface LocalRunner {
	/** Connect-style middleware: answers routes under `<base>__runner/`, passes everything else on. */
	handle(req: IncomingMessage, res: ServerResponse, next: Next): void;
	/** Kills every process and removes every session folder. */
	close(): Promise<void>;
	/** How process trees are held on this machine. */
	readonly mechanism: TreeMechanism;
	/** For tests and the bench: sessions, live processes, folders, and bytes waiting for pages. */
	stats(): { sessions: number; processes: number; folders: string[]; queuedBytes: number };
}

export function createLocalRunner(options: LocalRunnerOptions = {}): LocalRunner {
	checkPreloadsExist();
	const base = (options.base ?? '/').replace(/\/?$/, '/');
	const prefix = `${base}${ENDPOINT_PREFIX}/`;
	const tmpRoot = options.tmpRoot ?? tmpdir();
	const binaries = {
		node: options.node ?? snippetNode(),
		python3: options.python ?? pythonBinary(),
	};
	const trees = createTreeFactory({
		...(options.maxTasksPerRun ? { maxTasks: options.maxTasksPerRun } : {}),
		...(options.maxProcessesPerRun ? { maxProcesses: options.maxProcessesPerRun } : {}),
		...(options.treeMechanism ? { mechanism: options.treeMechanism } : {}),
	});
	// What a server killed with -9 (or crashed) left behind.
	trees.sweepStale();
	removeStaleFolders(tmpRoot);

	const policy: CallerPolicy = {
		token: randomBytes(32).toString('base64url'),
		network: options.network ?? false,
		uid: ownUidIfKnowable(),
		...(options.hopSecret ? { hopSecret: options.hopSecret } : {}),
	};
	const sessions = createSessions({
		tmpRoot,
		maxSessions: options.maxSessions ?? 12,
		idleMs: options.idleMs ?? 30_000,
		maxQueuedBytes: options.maxQueuedBytes ?? 1024 * 1024,
	});
	let programs: Promise<Programs> | undefined;
	const route = createRoutes({
		prefix,
		sessions,
		trees,
		programs: () => (programs ??= detectPrograms(binaries.node, binaries.python3)),
		binaries,
		token: policy.token,
		limits: {
			maxRunMs: options.maxRunMs ?? 15 * 60_000,
			maxOutputBytes: options.maxOutputBytes ?? 5 * 1024 * 1024,
			killGraceMs: options.killGraceMs ?? 600,
		},
		maxBodyBytes: options.maxBodyBytes ?? 4 * 1024 * 1024,
		maxProcessesPerSession: options.maxProcessesPerSession ?? 8,
		maxProcesses: options.maxProcesses ?? 24,
	});

	const handle = (req: IncomingMessage, res: ServerResponse, next: Next) => {
		const pathname = (req.url ?? '/').split('?')[0] ?? '/';
		if (!pathname.startsWith(prefix)) return next();
		const path = pathname.slice(prefix.length);
		const refused = refusal(req, kindOf(path), policy);
		if (refused) {
			// Read and drop any body, so the connection stays usable for the page's next request.
			req.resume();
			res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
			res.end(`local runner: refused (${refused})\n`);
			return;
		}
		route(req, res, path).catch((error: unknown) => {
			const status = error instanceof HttpError ? error.status : 500;
			// Messages name paths inside the session, never the machine's temp folder.
			let message = (error as Error).message ?? String(error);
			for (const s of sessions.all()) message = s.redact(message);
			message = message.split(tmpRoot).join('<tmp>');
			if (!res.headersSent) {
				if (error instanceof HttpError && error.closeConnection) {
					res.setHeader('connection', 'close');
					res.once('finish', () => req.destroy());
				} else req.resume();
				sendJson(res, status, { error: message });
			} else res.end();
		});
	};

	let closed = false;
	const unregister = onShutdown(() => {
		sessions.killAllNow();
		trees.dispose();
	});
	const close = async () => {
		if (closed) return;
		closed = true;
		await sessions.endAll();
		trees.dispose();
		unregister();
	};

	return {
		handle,
		close,
		mechanism: trees.mechanism,
		stats: () => ({
			sessions: sessions.all().length,
			processes: sessions.all().reduce((n, s) => n + s.liveRuns().length, 0),
			folders: sessions.all().map((s) => s.root),
			queuedBytes: sessions.all().reduce((n, s) => n + s.stream.queuedBytes, 0),
		}),
	};
}
