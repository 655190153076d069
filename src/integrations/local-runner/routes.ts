// The endpoint's routes under `<base>__runner/`: which path does what, and which kind of caller
// (probe, API, preview) each one is. The work itself is done by sessions, processes and the proxy.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ProbeAnswer, SpawnBody, WireFile } from '../../runner/protocol.ts';
import { freePort } from '../../lib/scenario/node-host.ts';
import type { CallKind } from './caller.ts';
import { readJson, sendJson } from './http-body.ts';
import { HttpError } from './http-error.ts';
import { proxyToSnippet } from './preview-proxy.ts';
import type { TreeFactory } from './process-tree.ts';
import { startRun, type RunLimits } from './processes.ts';
import { checkArgv, checkEnv, programEnv, type Programs } from './programs.ts';
import type { Session, Sessions } from './sessions.ts';

export interface RouteContext {
	/** The endpoint's own prefix, e.g. `/book/__runner/`. */
	prefix: string;
	sessions: Sessions;
	trees: TreeFactory;
	programs: () => Promise<Programs>;
	binaries: { node: string; python3: string };
	token: string;
	limits: RunLimits;
	maxBodyBytes: number;
	maxProcessesPerSession: number;
	maxProcesses: number;
}

/** How long a finished run can still be named (by a Stop or stdin already on its way). */
const FORGET_AFTER_MS = 60_000;

/** What kind of call a path is, before anything is done with it (the caller check depends on it). */
export function kindOf(path: string): CallKind {
	if (path === 'probe') return 'probe';
	return /^sessions\/[0-9a-f-]{36}\/p\/\d+(\/|$)/.test(path) ? 'preview' : 'api';
}

export function createRoutes(ctx: RouteContext) {
	const { sessions } = ctx;
	const liveProcesses = () => sessions.all().reduce((n, s) => n + s.liveRuns().length, 0);

	const spawnIn = async (session: Session, body: SpawnBody) => {
		if (session.liveRuns().length >= ctx.maxProcessesPerSession)
			throw new HttpError(
				429,
				`at most ${ctx.maxProcessesPerSession} processes may run at once on one page`,
			);
		if (liveProcesses() >= ctx.maxProcesses)
			throw new HttpError(429, `at most ${ctx.maxProcesses} processes may run at once`);
		const cwd = session.inside(String(body.cwd ?? '.'));
		const programs = await ctx.programs();
		const { program, args } = checkArgv(body.argv, programs, session.root, cwd);
		const env = programEnv(program, session.root, checkEnv(body.env));
		mkdirSync(cwd, { recursive: true });
		const ports = (Array.isArray(body.watchPorts) ? body.watchPorts : []).filter(
			(p) => Number.isInteger(p) && p > 0 && p < 65536,
		);
		const run = startRun({
			binary: ctx.binaries[program],
			args,
			cwd,
			env,
			ports,
			trees: ctx.trees,
			limits: ctx.limits,
			send: (event) => session.send(event),
			redact: (text) => session.redact(text),
		});
		session.runs.set(run.id, run);
		// A page that runs snippets all day must not keep every finished run: a late Stop or stdin
		// for it gets a 404, which the page ignores.
		void run.exited.then(() => {
			const forget = setTimeout(() => session.runs.delete(run.id), FORGET_AFTER_MS);
			forget.unref?.();
		});
		return run;
	};

	return async function route(req: IncomingMessage, res: ServerResponse, path: string) {
		const method = req.method ?? 'GET';
		if (path === 'probe' && method === 'GET') {
			const found = await ctx.programs();
			const answer: ProbeAnswer = {
				runner: 'local',
				node: found.node,
				...(found.python ? { python: found.python } : {}),
				token: ctx.token,
			};
			return sendJson(res, 200, answer);
		}
		if (path === 'sessions' && method === 'POST') {
			return sendJson(res, 201, { id: sessions.create().id });
		}
		const m = /^sessions\/([0-9a-f-]{36})(?:\/(.*))?$/.exec(path);
		if (!m) throw new HttpError(404, `no route ${method} ${path}`);
		const session = sessions.get(m[1] ?? '');
		if (!session) throw new HttpError(410, 'this session has ended; reload the page');
		const rest = m[2] ?? '';
		const proxied = /^p\/(\d+)(\/.*)?$/.exec(rest);
		if (proxied) {
			const port = Number(proxied[1]);
			const address = session
				.liveRuns()
				.filter((r) => r.ports.includes(port))
				.map((r) => r.listenAddress(port))
				.find((a) => a !== undefined);
			if (address === undefined)
				throw new HttpError(404, `no snippet of this page listens on port ${port}`);
			const search = req.url?.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
			const mount = `${ctx.prefix}sessions/${session.id}/p/${port}`;
			return proxyToSnippet({ address, port }, (proxied[2] ?? '/') + search, mount, req, res);
		}
		if (rest === 'events' && method === 'GET') {
			res.writeHead(200, {
				'content-type': 'application/x-ndjson; charset=utf-8',
				'cache-control': 'no-store, no-transform',
				'x-accel-buffering': 'no',
			});
			res.flushHeaders();
			sessions.attach(session, res);
			return;
		}
		if (method !== 'POST' && method !== 'DELETE')
			throw new HttpError(405, `${method} not allowed on ${rest}`);
		if (rest === 'teardown' || (rest === '' && method === 'DELETE')) {
			await sessions.end(session);
			res.writeHead(204).end();
			return;
		}
		if (rest === 'free-port') return sendJson(res, 200, { port: await freePort() });
		if (rest === 'files') {
			const body = (await readJson(req, ctx.maxBodyBytes)) as { files?: WireFile[] };
			if (!Array.isArray(body.files)) throw new HttpError(400, 'files must be an array');
			for (const file of body.files) {
				if (typeof file?.path !== 'string' || typeof file.content !== 'string')
					throw new HttpError(400, 'each file needs a string path and content');
				const full = session.inside(file.path);
				mkdirSync(dirname(full), { recursive: true });
				writeFileSync(full, file.content);
			}
			res.writeHead(204).end();
			return;
		}
		if (rest === 'processes') {
			const run = await spawnIn(session, (await readJson(req, ctx.maxBodyBytes)) as SpawnBody);
			return sendJson(res, 201, { pid: run.id });
		}
		const pm = /^processes\/([\w-]+)\/(stdin|kill)$/.exec(rest);
		const run = pm ? session.runs.get(pm[1] ?? '') : undefined;
		if (!pm || !run) throw new HttpError(404, `no process route ${rest}`);
		if (pm[2] === 'kill') {
			await run.stop('stopped');
			res.writeHead(204).end();
			return;
		}
		const body = (await readJson(req, ctx.maxBodyBytes)) as { data?: string; end?: boolean };
		if (typeof body.data === 'string' && body.data) run.write(body.data);
		if (body.end) run.endInput();
		res.writeHead(204).end();
	};
}
