// How long the book's servers take to end after Stop, measured the way the local runtime stops them
// (SIGTERM to the snippet's process group), with a browser-like keep-alive connection open, as the
// preview holds one. The WebContainer adapter's Stop grace (`killWaitMs`) must exceed the slowest.
// `node scripts/stop-grace.mjs` prints the figures; `npm run bench` includes them.
import { spawn } from 'node:child_process';
import { accessSync, constants, readdirSync, readFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { delimiter, join, resolve, sep } from 'node:path';

const root = resolve(import.meta.dirname, '..');

/** The machine's Node for snippets (as src/lib/process/snippet-node.ts finds it: Node 20 here). */
function snippetNode() {
	if (process.env.SNIPPET_NODE) return process.env.SNIPPET_NODE;
	for (const dir of (process.env.PATH ?? '').split(delimiter)) {
		if (!dir || dir.split(sep).includes('node_modules')) continue;
		try {
			accessSync(join(dir, 'node'), constants.X_OK);
			return join(dir, 'node');
		} catch {}
	}
	return process.execPath;
}

function freePort() {
	return new Promise((ok) => {
		const s = createServer().listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => ok(port));
		});
	});
}

/** Resolves with an open socket once `port` answers an HTTP request on a keep-alive connection. */
async function keepAlive(port, timeoutMs = 10_000) {
	const until = Date.now() + timeoutMs;
	for (;;) {
		const socket = await new Promise((ok) => {
			const s = connect({ port, host: '127.0.0.1' });
			s.once('connect', () => ok(s));
			s.once('error', () => ok(undefined));
		});
		if (socket) {
			socket.write(`GET / HTTP/1.1\r\nHost: localhost:${port}\r\n\r\n`);
			await new Promise((ok) => {
				socket.once('data', ok);
				socket.once('close', ok);
				setTimeout(ok, 2000);
			});
			return socket;
		}
		if (Date.now() > until) throw new Error(`port ${port} never opened`);
		await new Promise((r) => setTimeout(r, 50));
	}
}

/** Every snippet that listens on a port, with its manifest. */
function servers() {
	return readdirSync(join(root, 'snippets'))
		.filter((id) => !id.startsWith('_'))
		.map((id) => {
			try {
				return JSON.parse(readFileSync(join(root, 'snippets', id, 'snippet.json'), 'utf8'));
			} catch {
				return undefined;
			}
		})
		.filter((m) => m?.ports?.length);
}

/** Milliseconds from SIGTERM to exit for each server snippet (`undefined` where it did not end in 10 s). */
export async function measureStopGrace() {
	const node = snippetNode();
	const out = [];
	for (const manifest of servers()) {
		const ports = {};
		const env = { PATH: process.env.PATH ?? '', LANG: 'C.UTF-8' };
		for (const spec of manifest.ports) {
			ports[spec.name] = await freePort();
			env[spec.env ?? 'PORT'] = String(ports[spec.name]);
		}
		const argv = manifest.command
			.slice(1)
			.map((w) => w.replace(/\{port:([\w-]+)\}/g, (_, name) => String(ports[name])));
		const child = spawn(node, argv, {
			cwd: join(root, 'snippets', manifest.id),
			env,
			detached: true,
			stdio: 'ignore',
		});
		const exited = new Promise((ok) => child.once('exit', ok));
		let ms;
		try {
			const sockets = await Promise.all(Object.values(ports).map((p) => keepAlive(p)));
			const started = performance.now();
			process.kill(-child.pid, 'SIGTERM');
			const ended = await Promise.race([
				exited.then(() => true),
				new Promise((r) => setTimeout(() => r(false), 10_000)),
			]);
			if (ended) ms = Math.round(performance.now() - started);
			for (const s of sockets) s.destroy();
		} finally {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {}
		}
		out.push({ snippet: manifest.id, ms });
	}
	return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const results = await measureStopGrace();
	for (const r of results) console.log(`${r.snippet.padEnd(20)} ${r.ms ?? 'did not end'} ms`);
	const slowest = Math.max(...results.map((r) => r.ms ?? Infinity));
	console.log(`slowest: ${slowest} ms (WebContainer Stop grace: 3000 ms)`);
}
