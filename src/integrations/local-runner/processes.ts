// One run: a program the page started, its process tree, its output and its ports. The run is
// bounded (run time, output bytes, tree size), ends as a whole (when stopped, and when its leader
// exits), and may listen on loopback only: where the kernel shows its sockets (Linux), a run found
// listening on another address is ended, whatever started the listener.
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import type { Readable } from 'node:stream';
import type { KillReason, WireEvent } from '../../runner/protocol.ts';
import type { TreeFactory } from './process-tree.ts';
import { canReadSockets, isLoopbackAddress, listenersOf } from './sockets.ts';

export interface RunLimits {
	/** A run is ended after this long. */
	maxRunMs: number;
	/** A run is ended once it has printed this many bytes. */
	maxOutputBytes: number;
	/** Grace between SIGTERM and SIGKILL. */
	killGraceMs: number;
}

export interface RunRequest {
	/** The program's binary (node, python3) and its checked arguments. */
	binary: string;
	args: string[];
	cwd: string;
	env: Record<string, string>;
	/** Ports the page expects the run to open. */
	ports: number[];
	/** Makes the run's process tree. */
	trees: TreeFactory;
	limits: RunLimits;
	/** Where the run's events go (the session's stream). */
	send: (event: WireEvent) => void;
	/** Makes absolute session paths in messages relative. */
	redact: (text: string) => string;
}

export interface Run {
	readonly id: string;
	readonly ports: readonly number[];
	/** Declared ports seen open, owned by this run's tree where that can be checked. */
	readonly openPorts: ReadonlySet<number>;
	readonly done: boolean;
	/** Resolves once the leader has exited and its output has closed. */
	readonly exited: Promise<void>;
	/**
	 * The loopback address on which this run's tree listens on `port` now, where the preview must
	 * connect (not merely the port: another program may hold the same port on 127.0.0.1 while the
	 * run holds it on 127.0.0.2 or ::1). Undefined when it does not; where the kernel's socket list
	 * cannot be read, 127.0.0.1 once the port was seen open.
	 */
	listenAddress(port: number): string | undefined;
	/** Ends the whole tree (SIGTERM, SIGKILL after the grace); resolves once the leader is gone. */
	stop(reason: KillReason): Promise<void>;
	/** SIGKILL the whole tree now (the server is exiting). */
	killNow(): void;
	write(data: string): void;
	endInput(): void;
}

const canSeeSockets = canReadSockets();

let anonymousRuns = 0;

export function startRun(req: RunRequest): Run {
	const { limits, send } = req;
	const tree = req.trees.create((count) => {
		note(
			`프로세스가 ${count}개로 늘어나 멈췄습니다: 한 번에 ${count - 1}개보다 많이 띄울 수 없습니다.`,
		);
		void stop(undefined);
	});
	const launch = tree.wrap(req.binary, req.args);
	const child: ChildProcess = spawn(launch.file, launch.args, {
		cwd: req.cwd,
		env: req.env,
		// Its own process group (and session), so a signal can reach the whole group.
		detached: process.platform !== 'win32',
		stdio: ['pipe', 'pipe', 'pipe', ...(launch.lifeline ? (['pipe'] as const) : [])],
		windowsHide: true,
	});
	// The lifeline: held open, never written; read only to notice when the run's watcher is gone.
	const lifeline = child.stdio[3] as Readable | null | undefined;
	lifeline?.on('error', () => {});
	lifeline?.resume();
	const id = child.pid !== undefined ? String(child.pid) : `failed-${++anonymousRuns}`;
	if (child.pid !== undefined) tree.adopt(child.pid);

	let outputBytes = 0;
	let reason: KillReason | undefined;
	let done = false;
	let stopping: Promise<void> | undefined;
	const openPorts = new Set<number>();
	const timers: Array<ReturnType<typeof setTimeout>> = [];
	let resolveExit!: () => void;
	const exited = new Promise<void>((r) => (resolveExit = r));

	function note(text: string) {
		send({ t: 'out', pid: id, d: `\r\n[로컬 실행기] ${text}\r\n` });
	}

	function stop(why: KillReason | undefined): Promise<void> {
		if (why) reason ??= why;
		stopping ??= tree.end(limits.killGraceMs);
		return Promise.race([exited, stopping.then(() => exited)]);
	}

	// Output: counted, cut at the limit, passed on as text.
	const decoders = { out: new TextDecoder(), err: new TextDecoder() };
	const onData = (which: 'out' | 'err') => (chunk: Buffer) => {
		if (reason === 'output-limit') return;
		const room = limits.maxOutputBytes - outputBytes;
		const piece = chunk.length > room ? chunk.subarray(0, Math.max(0, room)) : chunk;
		outputBytes += chunk.length;
		const text = decoders[which].decode(piece, { stream: true });
		if (text) send({ t: 'out', pid: id, d: text });
		if (outputBytes > limits.maxOutputBytes) void stop('output-limit');
		else cue();
	};
	child.stdout?.on('data', onData('out'));
	child.stderr?.on('data', onData('err'));
	child.stdin?.on('error', () => {});

	// Ports: looked at on each output (servers print once they listen) and polled in between, often
	// while the run starts and rarely after, so a preview opens within milliseconds of the port.
	const started = Date.now();
	let pollTimer: ReturnType<typeof setTimeout> | undefined;
	let probing = false;
	const pending = () => req.ports.filter((p) => !openPorts.has(p));
	const opened = (port: number) => {
		if (done || openPorts.has(port)) return;
		openPorts.add(port);
		send({ t: 'port', port, type: 'open' });
	};
	const look = () => {
		if (done) return;
		if (canSeeSockets) {
			const listeners = listenersOf(tree.pids());
			const wide = listeners.find((l) => !isLoopbackAddress(l.local.address));
			if (wide) {
				note(
					`${wide.local.address}:${wide.local.port} 에서 듣기 시작해서 멈췄습니다: 이 주소로는 네트워크의 다른 컴퓨터도 접속할 수 있습니다. 127.0.0.1 에서 들으세요.`,
				);
				void stop(undefined);
				return;
			}
			// In the order the sockets were made (inodes count up), as a connect probe would have seen them.
			for (const l of [...listeners].sort((a, b) => a.inode - b.inode))
				if (pending().includes(l.local.port)) opened(l.local.port);
			return;
		}
		// Without the kernel's socket list: a declared port accepting connections counts as opened.
		if (probing) return;
		for (const port of pending()) {
			probing = true;
			const socket = connect({ port, host: '127.0.0.1' });
			const settle = (open: boolean) => {
				socket.destroy();
				probing = false;
				if (open) opened(port);
			};
			socket.once('connect', () => settle(true));
			socket.once('error', () => settle(false));
			break;
		}
	};
	const poll = () => {
		look();
		const waiting = pending().length > 0;
		if (done || (!waiting && !canSeeSockets)) return;
		// Once the ports are open only the network check remains, twice a second.
		const delay = waiting ? (Date.now() - started < 3000 ? 5 : 60) : 500;
		pollTimer = setTimeout(poll, delay);
		pollTimer.unref?.();
	};
	const cue = () => {
		if (pending().length === 0) return;
		look();
	};
	poll();

	const finish = (code: number | null, signal: string | null) => {
		if (done) return;
		done = true;
		clearTimeout(pollTimer);
		for (const t of timers) clearTimeout(t);
		for (const port of openPorts) send({ t: 'port', port, type: 'close' });
		send({ t: 'exit', pid: id, code, signal, ...(reason ? { reason } : {}) });
		resolveExit();
	};
	child.once('error', (error) => {
		send({ t: 'out', pid: id, d: `${req.redact(error.message)}\n` });
		finish(127, null);
	});
	// The leader is gone: whatever it left running goes with it.
	child.once('exit', () => void stop(undefined));
	child.once('close', (code, signal) => finish(code, signal));

	const limit = setTimeout(() => void stop('time-limit'), limits.maxRunMs);
	limit.unref?.();
	timers.push(limit);

	return {
		id,
		ports: req.ports,
		openPorts,
		get done() {
			return done;
		},
		exited,
		listenAddress(port) {
			if (done || !openPorts.has(port)) return undefined;
			if (!canSeeSockets) return '127.0.0.1';
			return listenersOf(tree.pids()).find(
				(l) => l.local.port === port && isLoopbackAddress(l.local.address),
			)?.local.address;
		},
		stop: (why) => stop(why),
		killNow() {
			tree.killNow();
		},
		write(data) {
			if (!done && child.stdin?.writable) child.stdin.write(data);
		},
		endInput() {
			if (!done && child.stdin?.writable) child.stdin.end();
		},
	};
}
