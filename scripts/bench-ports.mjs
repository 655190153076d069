// Load and fault figures for our http.server port beside CPython's `python3 -m http.server` (a
// threading server), on this machine in the same run: requests per second for a small file over
// keep-alive and over new connections, with the CPU time and the instructions each request costs,
// p99 latency of a normal request while 200 slow clients (slowloris), 50 CGI scripts or clients that
// hang up mid-download press on the server, peak memory, memory growth over 10,000 requests, and what
// the CGI watcher (cgi-process.mjs) costs per request. Prints figures and which budgets they meet;
// never fails. `node scripts/bench-ports.mjs [--skip-callgrind]`, or as the last part of `npm run bench`.
//
// The machine is shared (2 cores, other work running), so requests per second alone swing from run to
// run. Three figures that do not depend on the load stand beside it: the ratio of rounds run back to
// back (ours and CPython take turns), the CPU time each server spends per response, and the user-space
// instructions per response counted by callgrind.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
	accessSync,
	chmodSync,
	constants,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import net from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { delimiter, join, resolve, sep } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const SELF = import.meta.filename;
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
/** The Python that runs, not pyenv's shim (a shell script that valgrind would trace instead). */
function pythonExecutable() {
	const name = process.env.PYTHON ?? 'python3';
	try {
		return execFileSync(name, ['-c', 'import sys; print(sys.executable)'], {
			encoding: 'utf8',
		}).trim();
	} catch {
		return name;
	}
}
const python = pythonExecutable();

const onPath = (name) =>
	(process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, name)));
const cpuCount = availableParallelism();
/** Whether servers can be pinned to CPU 1 and the load client to CPU 0 (neither takes the other's core). */
const canPin = cpuCount >= 2 && onPath('taskset');
const SERVER_CPU = ['taskset', '-c', '1'];
const CLIENT_CPU = ['taskset', '-c', '0'];

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

/** Starts a server (behind `prefix`, e.g. taskset or valgrind) and resolves once its banner names its port. */
function startServer(name, command, args, prefix = []) {
	return new Promise((resolvePromise, reject) => {
		const [file, ...rest] = [...prefix, command, ...args];
		const proc = spawn(file, rest, { stdio: ['ignore', 'pipe', 'pipe'] });
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

const ours = (args, nodeArgs = [], prefix = []) =>
	startServer(
		'ours',
		snippetNode(),
		[...nodeArgs, PORT_CLI, '0', '-b', '127.0.0.1', ...args],
		prefix,
	);
const cpython = (args, prefix = []) =>
	startServer(
		'CPython',
		python,
		['-u', '-m', 'http.server', '-b', '127.0.0.1', ...args, '0'],
		prefix,
	);

/** CPU time (user + system, every thread) a process has used so far, in µs, from /proc (Linux). */
const CLOCK_TICKS = (() => {
	try {
		return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100;
	} catch {
		return 100;
	}
})();
function cpuMicros(pid) {
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		return ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS) * 1e6;
	} catch {
		return NaN;
	}
}

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

/**
 * The load generator: `clients` parallel loops asking for /small.txt, over keep-alive connections or a
 * new connection each, for `ms` or until `count` responses. Runs in its own process (`--load-client`),
 * so that it can sit on its own core and its CPU time can be told apart from the bench's.
 */
async function loadClient({ port, keepAlive, clients, ms = Infinity, count = Infinity }) {
	const until = performance.now() + ms;
	const cpuBefore = process.cpuUsage();
	let left = count;
	let errors = 0;
	const counts = await Promise.all(
		Array.from({ length: clients }, async () => {
			if (keepAlive) return keepAliveLoop(port, '/small.txt', until, count / clients);
			let done = 0;
			while (performance.now() < until && left-- > 0) {
				await request(port, '/small.txt').then(
					() => (done += 1),
					() => (errors += 1),
				);
			}
			return done;
		}),
	);
	const responses = counts.reduce((a, b) => a + b, 0);
	const cpu = process.cpuUsage(cpuBefore);
	return { responses, errors, clientCpuMicros: (cpu.user + cpu.system) / responses };
}

/** Runs loadClient in a child process (on the client's core when pinned) and returns its result. */
function runLoad(options, { pin = false } = {}) {
	return new Promise((resolvePromise, reject) => {
		const [file, ...args] = [
			...(pin ? CLIENT_CPU : []),
			process.execPath,
			SELF,
			'--load-client',
			JSON.stringify(options),
		];
		const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'inherit'] });
		let out = '';
		child.stdout.on('data', (chunk) => (out += chunk));
		child.once('exit', (code) =>
			code === 0 ? resolvePromise(JSON.parse(out)) : reject(new Error(`load client: ${code}`)),
		);
	});
}

/**
 * One round against one server: requests per second, and the server's CPU time per response
 * (user + system over all its threads, from /proc/<pid>/stat).
 */
async function loadRound(server, options, pin) {
	const cpuBefore = cpuMicros(server.proc.pid);
	const { responses, errors, clientCpuMicros } = await runLoad(
		{ port: server.port, ...options },
		{ pin },
	);
	const cpu = (cpuMicros(server.proc.pid) - cpuBefore) / responses;
	return { rate: responses / (options.ms / 1000), cpu, clientCpuMicros, errors };
}

/**
 * Ours and CPython take turns, round after round, so that a change in the machine's load falls on
 * both alike; the order flips every round so neither always goes first. Medians over rounds; the ratio
 * is the median of each round's ours/CPython (the two rounds of a pair run back to back).
 */
async function compareThroughput(servers, options, { rounds, pin }) {
	for (const server of servers) {
		await runLoad({ port: server.port, ...options, ms: 1000 }, { pin }); // warm-up
	}
	const results = Object.fromEntries(servers.map((s) => [s.name, []]));
	for (let i = 0; i < rounds; i++) {
		const order = i % 2 ? [...servers].reverse() : servers;
		for (const server of order) {
			results[server.name].push(await loadRound(server, options, pin));
		}
	}
	const median = (values) => percentile(values, 50);
	const summary = (name, key) => median(results[name].map((r) => r[key]));
	const ratios = results.ours.map((r, i) => r.rate / results.CPython[i].rate);
	return {
		ours: round(summary('ours', 'rate')),
		cpython: round(summary('CPython', 'rate')),
		ratio: round(median(ratios), 2),
		ratioRange: [round(Math.min(...ratios), 2), round(Math.max(...ratios), 2)],
		cpuMicros: { ours: round(summary('ours', 'cpu')), cpython: round(summary('CPython', 'cpu')) },
		clientCpuMicros: round(
			median([...results.ours, ...results.CPython].map((r) => r.clientCpuMicros)),
		),
		errors: [...results.ours, ...results.CPython].reduce((n, r) => n + r.errors, 0),
	};
}

/** `perf stat -e instructions` needs hardware counters, which a virtual machine often hides. */
function perfInstructionsSupported() {
	if (!onPath('perf')) return false;
	const { status, stderr } = spawnSync('perf', ['stat', '-x,', '-e', 'instructions', 'true'], {
		encoding: 'utf8',
	});
	return status === 0 && !/not supported|not counted/.test(stderr);
}

/**
 * User-space instructions per response, counted by callgrind (valgrind): the server runs under
 * valgrind with counting off; 4000 requests warm it up (V8 compiles its hot functions) and 5 s let
 * background compiles finish; then counting goes on, 500 requests (new connection each) are counted,
 * and the total is divided by the responses. Counts every thread (V8's compiler and GC helpers,
 * Python's thread per connection), not the kernel's work. NaN if callgrind wrote no count.
 */
async function callgrindInstructions(start, dir, clients) {
	const out = join(dir, `callgrind-${Math.random().toString(36).slice(2)}.out`);
	const server = await start([
		'valgrind',
		'--tool=callgrind',
		'--instr-atstart=no',
		`--callgrind-out-file=${out}`,
	]);
	const control = (...args) =>
		execFileSync('callgrind_control', [...args, String(server.proc.pid)], { stdio: 'ignore' });
	try {
		const load = (count) =>
			runLoad({ port: server.port, keepAlive: false, clients, count }, { pin: false });
		await load(4000);
		await new Promise((r) => setTimeout(r, 5000));
		control('--instr=on');
		control('--zero');
		const { responses } = await load(500);
		control('--dump');
		for (let i = 0; i < 100 && !/^totals:/m.test(readIfExists(`${out}.1`)); i++) {
			await new Promise((r) => setTimeout(r, 200));
		}
		const summary = Number(/^summary:\s+(\d+)/m.exec(readIfExists(`${out}.1`))?.[1]);
		return summary / responses;
	} finally {
		await stopServer(server);
	}
}

function readIfExists(file) {
	try {
		return readFileSync(file, 'utf8');
	} catch {
		return '';
	}
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
		// As many clients as CPython's listen backlog (socketserver's request_queue_size, 5) holds: with
		// more, its kernel drops connection attempts and each drop stalls a client for a second (SYN
		// retry), which measures the backlog rather than the server. Ours listens with Node's 511.
		// Each case runs twice: pinned (each server on CPU 1, the client on CPU 0, so both servers get the
		// same single core) and unpinned (as a reader runs it). The budget needs both.
		const clients = backlogOfCPython();
		const placements = canPin ? ['pinned', 'unpinned'] : ['unpinned'];
		figures.throughputSetup = { clients, placements, rounds: 9, roundMs: 1000 };
		for (const [label, keepAlive, args] of [
			['keep-alive', true, ['-p', 'HTTP/1.1']],
			['new connection each', false, []],
		]) {
			figures[label] = {};
			for (const placement of placements) {
				const pin = placement === 'pinned';
				const prefix = pin ? SERVER_CPU : [];
				const servers = [
					await ours(['-d', docroot, ...args], [], prefix),
					await cpython(['-d', docroot, ...args], prefix),
				];
				figures[label][placement] = await compareThroughput(
					servers,
					{ keepAlive, clients, ms: figures.throughputSetup.roundMs },
					{ rounds: figures.throughputSetup.rounds, pin },
				);
				await Promise.all(servers.map(stopServer));
			}
		}

		// ---- instructions per request (load-independent) ----
		if (process.argv.includes('--skip-callgrind')) {
			figures.instructions = { skipped: '--skip-callgrind' };
		} else if (!onPath('valgrind') || !onPath('callgrind_control')) {
			figures.instructions = { skipped: 'valgrind is not installed' };
		} else {
			try {
				const count = (start) => callgrindInstructions(start, docroot, clients);
				const [mine, theirs] = [
					await count((prefix) => ours(['-d', docroot], [], prefix)),
					await count((prefix) => cpython(['-d', docroot], prefix)),
				];
				figures.instructions =
					mine > 0 && theirs > 0
						? { ours: round(mine), cpython: round(theirs) }
						: { skipped: 'callgrind wrote no count' };
			} catch (err) {
				figures.instructions = { skipped: `callgrind failed: ${err.message}` };
			}
		}
		figures.instructions.perf = perfInstructionsSupported()
			? 'perf stat -e instructions works here but is not used (callgrind runs on any machine)'
			: 'perf stat -e instructions is not supported here (no hardware counters)';

		// The budget is on requests per second (every placement); the load-independent costs stand beside.
		for (const label of ['keep-alive', 'new connection each']) {
			const runs = Object.entries(figures[label]);
			const costs = runs.map(
				([p, f]) => `${p} ${round(f.cpuMicros.ours / f.cpuMicros.cpython, 2)}×`,
			);
			const ins = figures.instructions;
			budget(
				`requests/s, ${label}: ours ≥ CPython`,
				runs.every(([, f]) => f.ratio >= 1),
				`median ratio of back-to-back rounds: ${runs.map(([p, f]) => `${p} ${f.ratio}×`).join(', ')}; ` +
					`CPU per response ours/CPython: ${costs.join(', ')}` +
					(label === 'new connection each' && !ins.skipped
						? `; instructions per response ${round(ins.ours / ins.cpython, 2)}×`
						: ''),
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
	const setup = figures.throughputSetup;
	line(
		`Throughput: a 1 KiB file, ${setup.clients} clients (CPython's listen backlog), ${setup.rounds} rounds of ${setup.roundMs / 1000} s per server, ` +
			`ours and CPython taking turns (order flipped each round), the load client in its own process; ` +
			(setup.placements.includes('pinned')
				? '"pinned": each server on CPU 1 and the client on CPU 0 (taskset); "unpinned": wherever the kernel puts them. '
				: 'unpinned (taskset missing or one CPU). ') +
			'req/s and CPU are medians over rounds; ratio is the median of per-round ours/CPython (range in brackets). ' +
			'CPU = the server process’s user + system time, all threads (/proc/<pid>/stat), per response. ' +
			'Keep-alive: CPython leaves Nagle’s algorithm on (StreamRequestHandler.disable_nagle_algorithm), so each ' +
			'response’s body waits for the client’s delayed ACK (~40 ms); ours sets TCP_NODELAY.',
	);
	for (const label of ['keep-alive', 'new connection each']) {
		for (const [placement, f] of Object.entries(figures[label])) {
			line(
				`small file, ${`${label} (${placement})`.padEnd(31)} ours ${f.ours}/s  CPython ${f.cpython}/s  ratio ${f.ratio}× [${f.ratioRange.join('–')}]  ` +
					`CPU/response ours ${f.cpuMicros.ours} µs, CPython ${f.cpuMicros.cpython} µs (load client ${f.clientCpuMicros} µs)` +
					(f.errors ? `  ${f.errors} failed requests` : ''),
			);
		}
	}
	const ins = figures.instructions;
	line(
		ins.skipped
			? `Instructions per request: not measured (${ins.skipped}); ${ins.perf}.`
			: `Instructions per request (callgrind, user space, every thread; the kernel's work is not counted; ` +
					`4000 warm-up requests uncounted, then 500 counted, new connection each, ${setup.clients} clients): ours ${ins.ours}, CPython ${ins.cpython} ` +
					`(${round(ins.ours / ins.cpython, 2)}×); ${ins.perf}.`,
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

/** CPython's listen backlog for `python -m http.server` (socketserver.TCPServer.request_queue_size). */
function backlogOfCPython() {
	try {
		return Number(
			execFileSync(
				python,
				['-c', 'import http.server; print(http.server.ThreadingHTTPServer.request_queue_size)'],
				{ encoding: 'utf8' },
			),
		);
	} catch {
		return 5;
	}
}

if (process.argv[2] === '--load-client') {
	process.stdout.write(JSON.stringify(await loadClient(JSON.parse(process.argv[3]))));
} else {
	await benchPorts();
}
