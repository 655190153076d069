// Load and fault figures for our http.server port beside CPython's `python3 -m http.server` (a
// threading server), on this machine in the same run: requests per second for a small file over
// keep-alive and over new connections, p99 latency of a normal request while 200 slow clients
// (slowloris), 50 CGI scripts or clients that hang up mid-download press on the server, peak memory,
// memory growth over 10,000 requests, and what the CGI watcher (cgi-process.mjs) costs per request.
// Prints figures and which budgets they meet; never fails. `node scripts/bench-ports.mjs`, or as the
// last part of `npm run bench`.
import { spawn } from 'node:child_process';
import {
	accessSync,
	chmodSync,
	constants,
	mkdtempSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve, sep } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const PORT_CLI = join(root, 'snippets/_shared/http-server.mjs');
const SMALL = 'x'.repeat(1024);

/** The Node that runs snippets (WebContainers run Node 20): the first `node` on PATH outside node_modules. */
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
const python = process.env.PYTHON ?? 'python3';

function makeDocroot() {
	const dir = mkdtempSync(join(tmpdir(), 'bench-ports-'));
	chmodSync(dir, 0o755);
	writeFileSync(join(dir, 'small.txt'), SMALL);
	writeFileSync(join(dir, 'big.bin'), Buffer.alloc(32 * 1024 * 1024, 7));
	mkdirSync(join(dir, 'cgi-bin'));
	const script = (name, body) => {
		writeFileSync(
			join(dir, 'cgi-bin', name),
			`#!/bin/sh\n${body}\nprintf 'Content-Type: text/plain\\n\\nok\\n'\n`,
		);
		chmodSync(join(dir, 'cgi-bin', name), 0o755);
	};
	script('hello.sh', '');
	script('sleep.sh', 'sleep 1');
	return dir;
}

/** Starts a server and resolves once its banner names its port. */
function startServer(name, command, args) {
	return new Promise((resolvePromise, reject) => {
		const proc = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		proc.stdout.on('data', (chunk) => {
			out += chunk;
			const match = /port (\d+)/.exec(out);
			if (match) resolvePromise({ name, proc, port: Number(match[1]) });
		});
		proc.stderr.resume();
		proc.once('exit', (code) => reject(new Error(`${name} exited early (${code}): ${out}`)));
	});
}

function stopServer(server) {
	return new Promise((resolvePromise) => {
		if (server.proc.exitCode !== null) return resolvePromise();
		server.proc.once('exit', resolvePromise);
		server.proc.kill('SIGTERM');
		setTimeout(() => server.proc.kill('SIGKILL'), 3000).unref();
	});
}

const ours = (args, nodeArgs = []) =>
	startServer('ours', snippetNode(), [...nodeArgs, PORT_CLI, '0', '-b', '127.0.0.1', ...args]);
const cpython = (args) =>
	startServer('CPython', python, ['-u', '-m', 'http.server', '-b', '127.0.0.1', ...args, '0']);

/** Memory of a process from /proc (Linux): current and peak resident set, in MiB. */
function memory(pid) {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const kib = (field) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
		return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
	} catch {
		return { rss: NaN, peak: NaN };
	}
}

/** One HTTP exchange over a raw socket; resolves with the milliseconds it took (or rejects). */
function request(port, path, { timeoutMs = 10_000 } = {}) {
	return new Promise((resolvePromise, reject) => {
		const started = performance.now();
		const socket = net.connect(port, '127.0.0.1');
		let head = '';
		const timer = setTimeout(() => {
			socket.destroy();
			reject(new Error('timeout'));
		}, timeoutMs);
		socket.setEncoding('latin1');
		socket.on('data', (text) => {
			if (head.length < 12) head += text;
		});
		socket.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		socket.on('end', () => {
			clearTimeout(timer);
			if (!/^HTTP\/1\.[01] 200/.test(head)) reject(new Error(`bad response: ${head}`));
			else resolvePromise(performance.now() - started);
		});
		socket.write(`GET ${path} HTTP/1.0\r\nHost: bench\r\n\r\n`);
	});
}

/**
 * A keep-alive connection that sends GET requests one after another until `until` (a performance.now()
 * time) or `limit` responses, and resolves with the number of whole responses.
 */
function keepAliveLoop(port, path, until, limit = Infinity) {
	return new Promise((resolvePromise) => {
		const socket = net.connect(port, '127.0.0.1');
		let buffer = Buffer.alloc(0);
		let done = 0;
		const send = () => socket.write(`GET ${path} HTTP/1.1\r\nHost: bench\r\n\r\n`);
		socket.on('connect', send);
		socket.on('data', (chunk) => {
			buffer = Buffer.concat([buffer, chunk]);
			for (;;) {
				const end = buffer.indexOf('\r\n\r\n');
				if (end < 0) return;
				const length = Number(
					/content-length: (\d+)/i.exec(buffer.subarray(0, end).toString())?.[1],
				);
				if (buffer.length < end + 4 + length) return;
				buffer = buffer.subarray(end + 4 + length);
				done += 1;
				if (performance.now() >= until || done >= limit) {
					socket.destroy();
					return resolvePromise(done);
				}
				send();
			}
		});
		socket.on('error', () => resolvePromise(done));
		socket.on('close', () => resolvePromise(done));
	});
}

/** Requests per second with `clients` parallel loops for `ms`: keep-alive or a new connection each. */
async function throughput(port, { keepAlive, clients = 16, ms = 3000 }) {
	const until = performance.now() + ms;
	const counts = await Promise.all(
		Array.from({ length: clients }, async () => {
			if (keepAlive) return keepAliveLoop(port, '/small.txt', until);
			let done = 0;
			while (performance.now() < until) {
				await request(port, '/small.txt').then(
					() => (done += 1),
					() => {},
				);
			}
			return done;
		}),
	);
	return counts.reduce((a, b) => a + b, 0) / (ms / 1000);
}

function percentile(samples, p) {
	const sorted = [...samples].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** p99 (ms) of `count` normal requests made one after another; failures count as 10 s. */
async function normalP99(port, count = 200) {
	const samples = [];
	for (let i = 0; i < count; i++) {
		samples.push(await request(port, '/small.txt').catch(() => 10_000));
	}
	return percentile(samples, 99);
}

/** Opens `count` slow clients: half say nothing, half drip a header one byte per second. */
function slowloris(port, count = 200) {
	const sockets = [];
	const timers = [];
	for (let i = 0; i < count; i++) {
		const socket = net.connect(port, '127.0.0.1');
		socket.on('error', () => {});
		sockets.push(socket);
		if (i % 2) {
			socket.on('connect', () => socket.write('GET /small.txt HTTP/1.1\r\nHost: bench\r\n'));
			timers.push(setInterval(() => socket.writable && socket.write('X'), 1000));
		}
	}
	return () => {
		for (const timer of timers) clearInterval(timer);
		for (const socket of sockets) socket.destroy();
	};
}

/** Keeps `count` CGI requests for a 1 s script in flight until stopped. */
function cgiFlood(port, count = 50) {
	let running = true;
	const loops = Array.from({ length: count }, async () => {
		while (running) await request(port, '/cgi-bin/sleep.sh', { timeoutMs: 30_000 }).catch(() => {});
	});
	return async () => {
		running = false;
		await Promise.all(loops);
	};
}

/** Clients that start the 32 MiB download and hang up after the first chunk, over and over. */
function hangUps(port, count = 20) {
	let running = true;
	const once = () =>
		new Promise((resolvePromise) => {
			const socket = net.connect(port, '127.0.0.1', () =>
				socket.write('GET /big.bin HTTP/1.0\r\nHost: bench\r\n\r\n'),
			);
			socket.once('data', () => socket.destroy());
			socket.on('error', () => {});
			socket.on('close', resolvePromise);
		});
	const loops = Array.from({ length: count }, async () => {
		while (running) await once();
	});
	return async () => {
		running = false;
		await Promise.all(loops);
	};
}

/** Mean ms of `count` sequential requests for an instant CGI script. */
async function cgiMean(port, count = 200) {
	let total = 0;
	for (let i = 0; i < count; i++) total += await request(port, '/cgi-bin/hello.sh');
	return total / count;
}

const round = (n, digits = 0) => Math.round(n * 10 ** digits) / 10 ** digits;

export async function benchPorts() {
	const docroot = makeDocroot();
	const figures = {};
	const budgets = [];
	const budget = (name, met, detail) => budgets.push({ name, met, detail });
	try {
		// ---- throughput ----
		// Both servers run at once and take turns, round after round, so that a change in the machine's
		// load (it is shared) falls on both alike; the figure is each one's median round.
		for (const [label, keepAlive, args] of [
			['keep-alive', true, ['-p', 'HTTP/1.1']],
			['new connection each', false, []],
		]) {
			const servers = [
				await ours(['-d', docroot, ...args]),
				await cpython(['-d', docroot, ...args]),
			];
			const rounds = { ours: [], CPython: [] };
			for (const server of servers) await throughput(server.port, { keepAlive, ms: 500 }); // warm up
			for (let round = 0; round < 5; round++) {
				for (const server of servers) {
					rounds[server.name].push(await throughput(server.port, { keepAlive, ms: 1500 }));
				}
			}
			await Promise.all(servers.map(stopServer));
			const rate = (name) => percentile(rounds[name], 50);
			const [mine, theirs] = [rate('ours'), rate('CPython')];
			figures[label] = {
				ours: round(mine),
				cpython: round(theirs),
				ratio: round(mine / theirs, 2),
			};
			budget(
				`requests/s, ${label}: ours ≥ CPython`,
				mine >= theirs,
				`${round(mine)} vs ${round(theirs)}/s, ${round(mine / theirs, 2)}×`,
			);
		}

		// ---- latency under floods, peak memory ----
		for (const start of [ours, cpython]) {
			const server = await start(['-d', docroot, '--cgi']);
			const f = (figures[server.name] = {});
			f.p99QuietMs = round(await normalP99(server.port), 1);
			const stopSlow = slowloris(server.port);
			await new Promise((r) => setTimeout(r, 500));
			f.p99SlowlorisMs = round(await normalP99(server.port), 1);
			stopSlow();
			const stopCgi = cgiFlood(server.port);
			await new Promise((r) => setTimeout(r, 1500));
			f.p99CgiFloodMs = round(await normalP99(server.port), 1);
			await stopCgi();
			const stopHangUps = hangUps(server.port);
			await new Promise((r) => setTimeout(r, 500));
			f.p99HangUpsMs = round(await normalP99(server.port), 1);
			await stopHangUps();
			f.alive =
				server.proc.exitCode === null &&
				(await request(server.port, '/small.txt').then(
					() => true,
					() => false,
				));
			f.peakMiB = round(memory(server.proc.pid).peak, 1);
			await stopServer(server);
		}
		for (const [flood, key] of [
			['200 slow clients', 'p99SlowlorisMs'],
			['50 CGI scripts', 'p99CgiFloodMs'],
			['clients hanging up mid-download', 'p99HangUpsMs'],
		]) {
			budget(
				`p99 of a normal request during ${flood} ≤ 1 s (ours)`,
				figures.ours[key] <= 1000,
				`${figures.ours[key]} ms; CPython ${figures.CPython[key]} ms`,
			);
		}
		budget(
			'still answering after every flood (ours)',
			figures.ours.alive,
			String(figures.ours.alive),
		);

		// ---- memory over 10,000 requests ----
		for (const start of [ours, cpython]) {
			const server = await start(['-d', docroot, '-p', 'HTTP/1.1']);
			// n requests over 8 keep-alive connections.
			const run = (n) =>
				Promise.all(
					Array.from({ length: 8 }, () =>
						keepAliveLoop(server.port, '/small.txt', Infinity, n / 8),
					),
				);
			// Warm up first: V8 grows its heap to a working size before it settles.
			await run(10_000);
			const before = memory(server.proc.pid).rss;
			await run(10_000);
			const after = memory(server.proc.pid).rss;
			figures[server.name].rssBefore = round(before, 1);
			figures[server.name].rssAfter10k = round(after, 1);
			await stopServer(server);
		}
		const growth = figures.ours.rssAfter10k - figures.ours.rssBefore;
		budget(
			'memory bounded: RSS growth over 10,000 requests ≤ 10 MiB (ours)',
			growth <= 10,
			`${round(growth, 1)} MiB (${figures.ours.rssBefore} → ${figures.ours.rssAfter10k})`,
		);

		// ---- what the CGI watcher costs per request ----
		const unguarded = [
			'--import',
			`data:text/javascript,${encodeURIComponent("import fs from 'node:fs'; const exists = fs.existsSync; fs.existsSync = (p) => p !== '/bin/sh' && exists(p);")}`,
		];
		const cost = {};
		for (const [label, startIt] of [
			['watcher', () => ours(['-d', docroot, '--cgi'])],
			['no watcher', () => ours(['-d', docroot, '--cgi'], unguarded)],
			['CPython', () => cpython(['-d', docroot, '--cgi'])],
		]) {
			const server = await startIt();
			await cgiMean(server.port, 20);
			cost[label] = round(await cgiMean(server.port), 2);
			await stopServer(server);
		}
		figures.cgiMeanMs = cost;
		figures.watcherCostMs = round(cost.watcher - cost['no watcher'], 2);
	} finally {
		rmSync(docroot, { recursive: true, force: true });
	}

	const line = (s = '') => console.log(s);
	line('\n== http.server port beside CPython (same machine, same run) ==');
	for (const label of ['keep-alive', 'new connection each'])
		line(
			`small file, ${label.padEnd(20)} ours ${figures[label].ours}/s  CPython ${figures[label].cpython}/s  ratio ${figures[label].ratio}×`,
		);
	for (const name of ['ours', 'CPython']) {
		const f = figures[name];
		line(
			`${name.padEnd(8)} p99 quiet ${f.p99QuietMs} ms | 200 slow clients ${f.p99SlowlorisMs} ms | 50 CGI ${f.p99CgiFloodMs} ms | hang-ups ${f.p99HangUpsMs} ms | peak RSS ${f.peakMiB} MiB | RSS ${f.rssBefore} → ${f.rssAfter10k} MiB over 10,000 requests`,
		);
	}
	const c = figures.cgiMeanMs;
	line(
		`CGI request (instant /bin/sh script), mean of 200: with watcher ${c.watcher} ms, without ${c['no watcher']} ms → watcher costs ${figures.watcherCostMs} ms; CPython ${c.CPython} ms`,
	);
	line('\n== http.server port budgets ==');
	for (const b of budgets) line(`${b.met ? 'met   ' : 'MISSED'}  ${b.name}  (${b.detail})`);
	console.log(JSON.stringify({ ports: figures }));
	return figures;
}

await benchPorts();
