// Two static servers for the browser tests: Python's `http.server`, which sends no special headers
// (like GitHub Pages), and a tiny Node server that applies `_headers` as Netlify and Cloudflare Pages
// do (the subset we use: path patterns with `*` and `:name`, one header per indented line).
import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';

export interface RunningServer {
	origin: string;
	close(): Promise<void>;
}

export interface HeaderRule {
	path: string;
	headers: Record<string, string>;
}

export function parseHeadersFile(text: string): HeaderRule[] {
	const rules: HeaderRule[] = [];
	for (const line of text.split(/\r?\n/)) {
		if (line.trim() === '' || line.trim().startsWith('#')) continue;
		if (!/^\s/.test(line)) {
			rules.push({ path: line.trim(), headers: {} });
			continue;
		}
		const colon = line.indexOf(':');
		const rule = rules.at(-1);
		if (!rule || colon === -1)
			throw new Error(`_headers: a header line outside a path rule: ${line}`);
		rule.headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
	}
	return rules;
}

function matches(pattern: string, path: string): boolean {
	const regex = pattern
		.split('*')
		.map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z]\w*/g, '[^/]+'))
		.join('.*');
	return new RegExp(`^${regex}$`).test(path);
}

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.xml': 'application/xml',
	'.wasm': 'application/wasm',
	'.woff2': 'font/woff2',
	'.png': 'image/png',
};

/** Serves `dir` at the origin root with the headers its `_headers` file gives, and 404.html for misses. */
export async function startHeadersServer(dir: string): Promise<RunningServer> {
	const rules = existsSync(join(dir, '_headers'))
		? parseHeadersFile(readFileSync(join(dir, '_headers'), 'utf8'))
		: [];
	const root = resolve(dir);
	const server: Server = createServer((req, res) => {
		const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
		for (const rule of rules)
			if (matches(rule.path, path))
				for (const [k, v] of Object.entries(rule.headers)) res.setHeader(k, v);
		let file = resolve(root, `.${path}`);
		if (file !== root && !file.startsWith(root + sep)) file = join(root, '404.html.missing');
		if (existsSync(file) && statSync(file).isDirectory()) {
			if (!path.endsWith('/')) {
				res.writeHead(301, { Location: `${path}/` }).end();
				return;
			}
			file = join(file, 'index.html');
		}
		const found = existsSync(file) && statSync(file).isFile();
		const body = found ? file : join(root, '404.html');
		res.writeHead(found ? 200 : 404, {
			'Content-Type': TYPES[extname(body)] ?? 'application/octet-stream',
		});
		createReadStream(body).pipe(res);
	});
	await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
	const { port } = server.address() as AddressInfo;
	return {
		origin: `http://127.0.0.1:${port}`,
		close: () => new Promise((done) => server.close(() => done())),
	};
}

/** `python3 -m http.server` on a free loopback port, serving `dir`. */
export async function startPythonServer(dir: string): Promise<RunningServer> {
	const child: ChildProcess = spawn(
		'python3',
		['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', dir],
		{
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	);
	const stopped = new Promise<void>((done) => child.once('exit', () => done()));
	const close = async () => {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
		await Promise.race([stopped, new Promise((done) => setTimeout(done, 3000))]);
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	};
	// It logs every request to stderr; drain it so the pipe never fills.
	child.stderr?.resume();
	try {
		const port = await new Promise<number>((found, fail) => {
			let out = '';
			const timer = setTimeout(() => fail(new Error(`http.server did not start: ${out}`)), 10_000);
			child.stdout?.on('data', (chunk: Buffer) => {
				out += chunk;
				const m = /port (\d+)/.exec(out);
				if (m) {
					clearTimeout(timer);
					found(Number(m[1]));
				}
			});
			child.once('exit', (code) => fail(new Error(`http.server exited with ${code}: ${out}`)));
		});
		return { origin: `http://127.0.0.1:${port}`, close };
	} catch (error) {
		await close();
		throw error;
	}
}
