// `astro dev` and `astro preview` as the reader starts them, for the security suites (started by
// test/helpers/astro-server.ts, each leading a process group as a terminal's foreground job does),
// with a TMPDIR of their own so that what the runner leaves there can be counted, and a client that
// talks to the runner as the book's page does.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOKEN_HEADER, type WireEvent } from '../../src/runner/protocol.ts';
import { startAstroServer, type AstroServer as Started } from '../helpers/astro-server.ts';
import { rawCall, readEvents } from '../runner/runner-wire.ts';

export interface AstroServer extends Started {
	command: 'dev' | 'preview';
	port: number;
	/** The site's base, e.g. `/` or `/book/`. */
	base: string;
	/** The server's TMPDIR: session folders appear here. */
	tmp: string;
}

export interface Reply {
	status: number;
	body: string;
}

export async function startAstro(
	command: 'dev' | 'preview',
	{
		host,
		env = {},
		base = '/',
	}: { host?: string | true; env?: Record<string, string>; base?: string } = {},
): Promise<AstroServer> {
	const tmp = mkdtempSync(join(tmpdir(), 'web-book-security-'));
	// Preview serves a built site; the runner needs none of it, so one page to count as ready.
	const outDir = join(tmp, 'dist');
	mkdirSync(outDir);
	writeFileSync(join(outDir, 'index.html'), '<!doctype html><title>book</title>');
	const started = await startAstroServer({
		command,
		...(command === 'preview' ? { outDir } : {}),
		readyPath: base,
		...(host !== undefined ? { host } : {}),
		env: { TMPDIR: tmp, BASE_PATH: base === '/' ? '' : base.replace(/\/$/, ''), ...env },
	});
	return {
		...started,
		command,
		port: Number(new URL(started.origin).port),
		base,
		tmp,
		async stop() {
			await started.stop();
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
	return rawCall(
		{
			host: via.host ?? '127.0.0.1',
			port,
			method,
			path,
			headers,
			...(via.from ? { localAddress: via.from } : {}),
		},
		body,
	);
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
		const stream = readEvents(
			{
				host: '127.0.0.1',
				port: this.server.port,
				path: `${this.endpoint}sessions/${this.session}/events`,
				headers: this.#headers(false),
			},
			this.events,
		);
		this.#closeStream = stream.close;
		await stream.opened;
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
