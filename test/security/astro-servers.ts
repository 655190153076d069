// `astro dev` and `astro preview` as the reader starts them, for the security suites: each in a
// process group of its own (as a terminal's foreground job), with its own TMPDIR so that what the
// runner leaves there can be counted, and a client that talks to its runner as the book's page does.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/lib/scenario/node-host.ts';
import { TOKEN_HEADER, type WireEvent } from '../../src/runner/protocol.ts';

export interface AstroServer {
	command: 'dev' | 'preview';
	child: ChildProcess;
	port: number;
	/** The site's base, e.g. `/` or `/book/`. */
	base: string;
	/** The server's TMPDIR: session folders appear here. */
	tmp: string;
	log(): string;
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	stop(): Promise<void>;
}

export interface Reply {
	status: number;
	body: string;
}

const root = process.cwd();

export async function startAstro(
	command: 'dev' | 'preview',
	{
		args = [],
		env = {},
		base = '/',
	}: { args?: string[]; env?: Record<string, string>; base?: string } = {},
): Promise<AstroServer> {
	const port = await freePort();
	const tmp = mkdtempSync(join(tmpdir(), 'web-book-security-'));
	const outDir = join(tmp, 'dist');
	mkdirSync(outDir);
	const bin = join(root, 'node_modules', '.bin');
	const extra = command === 'preview' ? ['--outDir', outDir] : [];
	const child = spawn(join(bin, 'astro'), [command, '--port', String(port), ...extra, ...args], {
		cwd: root,
		// A clean environment, as in the browser tests: vitest's own variables would change Astro.
		env: {
			PATH: `${bin}:${process.env['PATH'] ?? ''}`,
			HOME: process.env['HOME'] ?? '/tmp',
			LANG: 'C.UTF-8',
			ASTRO_TELEMETRY_DISABLED: '1',
			TMPDIR: tmp,
			BASE_PATH: base === '/' ? '' : base.replace(/\/$/, ''),
			...env,
		},
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let log = '';
	child.stdout?.on('data', (c: Buffer) => (log += c.toString()));
	child.stderr?.on('data', (c: Buffer) => (log += c.toString()));
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
		child.once('exit', (code, signal) => resolve({ code, signal })),
	);
	let gone = false;
	void exited.then(() => (gone = true));
	const until = Date.now() + 120_000;
	for (;;) {
		const ready = await get(port, `${base}`, {}).catch(() => undefined);
		if (ready && ready.status < 500) break;
		if (gone || Date.now() > until) throw new Error(`astro ${command} did not start:\n${log}`);
		await new Promise((r) => setTimeout(r, 250));
	}
	return {
		command,
		child,
		port,
		base,
		tmp,
		log: () => log,
		exited,
		async stop() {
			if (!gone && child.pid) {
				try {
					process.kill(-child.pid, 'SIGKILL');
				} catch {
					// gone
				}
				await exited;
			}
			rmSync(tmp, { recursive: true, force: true });
		},
	};
}

/** Session folders the runner made in the server's TMPDIR. */
export function sessionFolders(server: AstroServer): string[] {
	return readdirSync(server.tmp).filter((name) => name.startsWith('web-book-run-'));
}

function send(
	port: number,
	method: string,
	path: string,
	headers: Record<string, string>,
	body?: string,
	via: { host?: string; from?: string } = {},
): Promise<Reply> {
	return new Promise((resolve, reject) => {
		const req = request(
			{
				host: via.host ?? '127.0.0.1',
				port,
				method,
				path,
				headers,
				...(via.from ? { localAddress: via.from } : {}),
			},
			(res) => {
				let text = '';
				res.on('data', (c: Buffer) => (text += c.toString()));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
			},
		);
		req.on('error', reject);
		req.end(body);
	});
}

function get(port: number, path: string, headers: Record<string, string>): Promise<Reply> {
	return send(port, 'GET', path, { host: `localhost:${port}`, ...headers });
}

/** The book's page talking to its server's runner: probe, token, session, files, processes. */
export class PageClient {
	token = '';
	session = '';
	readonly events: WireEvent[] = [];
	#closeStream = () => {};

	constructor(
		readonly server: AstroServer,
		/** Where the page's requests come from and which Host they name (another host, in some tests). */
		readonly via: {
			host?: string;
			from?: string;
			hostHeader?: string;
			headers?: Record<string, string>;
		} = {},
	) {}

	get endpoint() {
		return `${this.server.base}__runner/`;
	}

	#headers(write: boolean): Record<string, string> {
		const host = this.via.hostHeader ?? `localhost:${this.server.port}`;
		return {
			host,
			...(write
				? { origin: `http://${host}`, 'content-type': 'application/json' }
				: { 'sec-fetch-site': 'same-origin' }),
			...(this.token ? { [TOKEN_HEADER]: this.token } : {}),
			...this.via.headers,
		};
	}

	probe(): Promise<Reply> {
		return send(
			this.server.port,
			'GET',
			`${this.endpoint}probe`,
			this.#headers(false),
			undefined,
			this.via,
		);
	}

	post(path: string, body?: unknown): Promise<Reply> {
		return send(
			this.server.port,
			'POST',
			`${this.endpoint}${path}`,
			this.#headers(true),
			body === undefined ? undefined : JSON.stringify(body),
			this.via,
		);
	}

	/** Probes for the token and opens a session with its event stream; throws with the server's answer when refused. */
	async open(): Promise<void> {
		const probe = await this.probe();
		const answer = JSON.parse(probe.body) as { runner?: string; token?: string };
		if (answer.runner !== 'local' || !answer.token)
			throw new Error(`no local runner: ${probe.status} ${probe.body}`);
		this.token = answer.token;
		const created = await this.post('sessions');
		if (created.status !== 201) throw new Error(`no session: ${created.status} ${created.body}`);
		this.session = (JSON.parse(created.body) as { id: string }).id;
		await new Promise<void>((ok, fail) => {
			const req = request(
				{
					host: '127.0.0.1',
					port: this.server.port,
					path: `${this.endpoint}sessions/${this.session}/events`,
					headers: this.#headers(false),
				},
				(res) => {
					let buffer = '';
					res.setEncoding('utf8');
					res.on('data', (chunk: string) => {
						buffer += chunk;
						let nl: number;
						while ((nl = buffer.indexOf('\n')) !== -1) {
							this.events.push(JSON.parse(buffer.slice(0, nl)) as WireEvent);
							buffer = buffer.slice(nl + 1);
						}
					});
					res.on('error', () => {});
					ok();
				},
			);
			req.on('error', fail);
			this.#closeStream = () => req.destroy();
			req.end();
		});
	}

	/** Runs `code` as `node main.mjs` in the session; its pid. */
	async run(code: string): Promise<string> {
		const files = await this.post(`sessions/${this.session}/files`, {
			files: [{ path: 'snippets/t/main.mjs', content: code }],
		});
		if (files.status !== 204) throw new Error(`files: ${files.status} ${files.body}`);
		const res = await this.post(`sessions/${this.session}/processes`, {
			argv: ['node', 'main.mjs'],
			cwd: 'snippets/t',
		});
		if (res.status !== 201) throw new Error(`processes: ${res.status} ${res.body}`);
		return (JSON.parse(res.body) as { pid: string }).pid;
	}

	output(pid: string): string {
		return this.events
			.filter((e): e is Extract<WireEvent, { t: 'out' }> => e.t === 'out' && e.pid === pid)
			.map((e) => e.d)
			.join('');
	}

	close() {
		this.#closeStream();
	}
}
