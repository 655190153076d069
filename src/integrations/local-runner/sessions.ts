// Sessions: one per page. A session owns a temp folder (named after this server's pid, so a later
// server can remove what a crashed one left), its runs, and the event stream to its page; it ends
// when the page says so, a while after the page stops reading, or with the server.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { WireEvent } from '../../runner/protocol.ts';
import { EventStream } from './event-stream.ts';
import { HttpError } from './http-error.ts';
import { isRunning } from './process-tree.ts';
import type { Run } from './processes.ts';

const FOLDER_PREFIX = 'web-book-run-';

export interface Session {
	readonly id: string;
	/** The session's folder (absolute; never shown to the page). */
	readonly root: string;
	readonly runs: Map<string, Run>;
	readonly stream: EventStream;
	send(event: WireEvent): void;
	/** An absolute path inside the session for `relative`; a 400 when it would leave the folder. */
	inside(relative: string): string;
	/** `text` with the session's folder written as `.`, for messages to the page. */
	redact(text: string): string;
	liveRuns(): Run[];
}

export interface SessionOptions {
	tmpRoot: string;
	maxSessions: number;
	/** A session whose page stopped reading is ended after this long. */
	idleMs: number;
	/** Bytes of events that may wait for a page. */
	maxQueuedBytes: number;
}

export interface Sessions {
	create(): Session;
	get(id: string): Session | undefined;
	/** Makes `res` the session's event stream; the session idles out once it closes. */
	attach(session: Session, res: ServerResponse): void;
	/** Ends every run (waiting for the trees) and removes the folder. */
	end(session: Session): Promise<void>;
	endAll(): Promise<void>;
	/** SIGKILL every run and remove every folder now (the server is exiting). */
	killAllNow(): void;
	all(): Session[];
}

/** Removes session folders whose server is no longer running (it was killed, or crashed). */
export function removeStaleFolders(tmpRoot: string): void {
	let names: string[];
	try {
		names = readdirSync(tmpRoot);
	} catch {
		return;
	}
	for (const name of names) {
		const m = new RegExp(`^${FOLDER_PREFIX}(\\d+)-`).exec(name);
		const owner = Number(m?.[1]);
		if (!owner || owner === process.pid || isRunning(owner)) continue;
		rmSync(join(tmpRoot, name), { recursive: true, force: true });
	}
}

export function createSessions(options: SessionOptions): Sessions {
	const sessions = new Map<string, Session>();
	const idleTimers = new Map<string, ReturnType<typeof setTimeout>>();

	const armIdle = (session: Session) => {
		clearTimeout(idleTimers.get(session.id));
		const timer = setTimeout(() => void end(session), options.idleMs);
		timer.unref?.();
		idleTimers.set(session.id, timer);
	};

	const end = async (session: Session) => {
		if (!sessions.has(session.id)) return;
		sessions.delete(session.id);
		clearTimeout(idleTimers.get(session.id));
		idleTimers.delete(session.id);
		await Promise.all([...session.runs.values()].map((r) => r.stop('teardown')));
		session.stream.detach();
		rmSync(session.root, { recursive: true, force: true });
	};

	return {
		create() {
			if (sessions.size >= options.maxSessions)
				throw new HttpError(429, `at most ${options.maxSessions} pages may run snippets at once`);
			mkdirSync(options.tmpRoot, { recursive: true });
			const root = mkdtempSync(join(options.tmpRoot, `${FOLDER_PREFIX}${process.pid}-`));
			// A CGI server started by root runs its scripts as `nobody` (as Python's does), who must be
			// able to reach the snippet's files: others may pass through the folder, not list it.
			chmodSync(root, 0o711);
			const stream = new EventStream(options.maxQueuedBytes);
			const runs = new Map<string, Run>();
			const session: Session = {
				id: randomUUID(),
				root,
				runs,
				stream,
				send: (event) => stream.send(event),
				inside(relative) {
					if (relative.includes('\0'))
						throw new HttpError(400, `path ${JSON.stringify(relative)} contains a NUL byte`);
					const full = resolve(root, relative);
					if (full !== root && !full.startsWith(root + sep))
						throw new HttpError(400, `path ${relative} leaves the session folder`);
					return full;
				},
				redact: (text) => text.split(root).join('.'),
				liveRuns: () => [...runs.values()].filter((r) => !r.done),
			};
			sessions.set(session.id, session);
			armIdle(session);
			return session;
		},
		get: (id) => sessions.get(id),
		attach(session, res) {
			clearTimeout(idleTimers.get(session.id));
			session.stream.attach(res);
			// `astro preview` reaches us through Vite's proxy, which passes the response on only with its
			// first body byte: without this ping the page waited for the heartbeat before running.
			session.send({ t: 'ping' });
			const heartbeat = setInterval(() => session.send({ t: 'ping' }), 15_000);
			heartbeat.unref?.();
			res.once('close', () => {
				clearInterval(heartbeat);
				session.stream.release(res);
				if (!session.stream.attached && sessions.has(session.id)) armIdle(session);
			});
		},
		end,
		endAll: async () => {
			await Promise.all([...sessions.values()].map(end));
		},
		killAllNow() {
			for (const session of sessions.values()) {
				for (const run of session.runs.values()) run.killNow();
				rmSync(session.root, { recursive: true, force: true });
			}
			sessions.clear();
		},
		all: () => [...sessions.values()],
	};
}
