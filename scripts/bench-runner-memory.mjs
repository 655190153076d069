// The local runtime's memory under load, for `npm run bench` (or alone: `node scripts/bench-runner-memory.mjs`,
// which starts its own `astro preview`): 24 processes (3 pages × 8, the endpoint's limits) print as
// fast as they can, each until its 5 MB output limit ends it and another takes its place, while the
// pages read their event streams, and again while they read nothing. Prints the server's resident
// memory before and at its peak. It measures; it does not pass or fail.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const FLOOD = `const line = 'x'.repeat(99) + '\\n';
const go = () => { while (process.stdout.write(line)); process.stdout.once('drain', go); };
go();`;

/** Resident memory of `pid` in MiB. */
function rssMiB(pid) {
	const kib = Number(
		execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim(),
	);
	return Math.round(kib / 1024);
}

function call(port, method, path, { token, body } = {}) {
	return new Promise((resolveCall, reject) => {
		const req = request(
			{
				host: '127.0.0.1',
				port,
				method,
				path,
				headers: {
					host: `localhost:${port}`,
					...(method === 'GET'
						? { 'sec-fetch-site': 'same-origin' }
						: { origin: `http://localhost:${port}` }),
					...(token ? { 'x-web-book-token': token } : {}),
					...(body ? { 'content-type': 'application/json' } : {}),
				},
			},
			(res) => {
				let text = '';
				res.on('data', (c) => (text += c));
				res.on('end', () => resolveCall({ status: res.statusCode, body: text }));
			},
		);
		req.on('error', reject);
		req.end(body ? JSON.stringify(body) : undefined);
	});
}

/** A page's event stream: read as it comes, or opened and never read (paused). */
function stream(port, path, token, read) {
	return new Promise((ok, fail) => {
		const req = request(
			{
				host: '127.0.0.1',
				port,
				path,
				headers: {
					host: `localhost:${port}`,
					'sec-fetch-site': 'same-origin',
					'x-web-book-token': token,
				},
			},
			(res) => {
				if (read) res.on('data', () => {});
				else res.pause();
				ok(() => req.destroy());
			},
		);
		req.on('error', fail);
		req.end();
	});
}

/** How many flooding processes are alive now. */
function liveFlooders() {
	try {
		return execFileSync('pgrep', ['-fc', 'flood.mjs'], { encoding: 'utf8' }).trim() * 1;
	} catch {
		return 0;
	}
}

/** One load phase: 3 pages × 8 flooding processes for `seconds`; the server's peak RSS. */
async function phase(port, serverPid, { read, seconds }) {
	const probe = JSON.parse((await call(port, 'GET', '/__runner/probe')).body);
	const token = probe.token;
	const pages = [];
	for (let i = 0; i < 3; i++) {
		const { id } = JSON.parse((await call(port, 'POST', '/__runner/sessions', { token })).body);
		const base = `/__runner/sessions/${id}/`;
		const close = await stream(port, `${base}events`, token, read);
		await call(port, 'POST', `${base}files`, {
			token,
			body: { files: [{ path: 'f/flood.mjs', content: FLOOD }] },
		});
		pages.push({ base, close });
	}
	let peak = rssMiB(serverPid);
	let mostAlive = 0;
	let started = 0;
	const end = Date.now() + seconds * 1000;
	// Keeps every page at 8 live printers; a printer ends at the 5 MB output limit.
	while (Date.now() < end) {
		for (const page of pages) {
			const res = await call(port, 'POST', `${page.base}processes`, {
				token,
				body: { argv: ['node', 'flood.mjs'], cwd: 'f' },
			});
			if (res.status === 201) started++;
		}
		peak = Math.max(peak, rssMiB(serverPid));
		mostAlive = Math.max(mostAlive, liveFlooders());
		await new Promise((r) => setTimeout(r, 50));
	}
	for (const page of pages) {
		await call(port, 'POST', `${page.base}teardown`, { token });
		page.close();
	}
	return { peakMiB: peak, mostAlive, processesStarted: started };
}

/** Measures against a running server (its port and the pid of the process hosting the endpoint). */
export async function runnerMemory(port, serverPid, seconds = 10) {
	const idleMiB = rssMiB(serverPid);
	const reading = await phase(port, serverPid, { read: true, seconds });
	const notReading = await phase(port, serverPid, { read: false, seconds });
	return { idleMiB, reading, notReading };
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const root = resolve(import.meta.dirname, '..');
	const empty = mkdtempSync(join(tmpdir(), 'bench-memory-'));
	const port = await new Promise((ok) => {
		const s = createServer().listen(0, '127.0.0.1', () => {
			const p = s.address().port;
			s.close(() => ok(p));
		});
	});
	const preview = spawn(
		process.execPath,
		[
			join(root, 'node_modules/astro/bin/astro.mjs'),
			'preview',
			'--outDir',
			empty,
			'--port',
			String(port),
		],
		{ cwd: root, stdio: 'ignore', detached: true },
	);
	try {
		for (let i = 0; ; i++) {
			const ok = await call(port, 'GET', '/__runner/probe').then(
				(r) => r.status === 200,
				() => false,
			);
			if (ok) break;
			if (i > 300) throw new Error('astro preview did not start');
			await new Promise((r) => setTimeout(r, 200));
		}
		console.log(JSON.stringify(await runnerMemory(port, preview.pid)));
	} finally {
		process.kill(-preview.pid, 'SIGTERM');
		rmSync(empty, { recursive: true, force: true });
	}
}
