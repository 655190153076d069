// The process tree of one run: the program the page started and everything it starts, ended
// together and bounded in size.
//
// On Linux, where this server may create cgroups (root, or a delegated systemd subtree), each run
// gets a cgroup of its own: the kernel then knows every descendant however it detaches (setsid,
// double fork), `cgroup.kill` (or a kill loop over `cgroup.procs`) ends them all, and `pids.max`
// caps how many tasks it may have. Elsewhere (macOS, Linux without cgroup rights) each run leads its
// own process group, and a sweep of the process table every quarter second adopts descendants by
// parent and group, so Stop reaches children that left the group while their parent lives; a
// process that double-forks between two sweeps escapes there. Windows ends the tree with
// `taskkill /T`, by parent links only.
//
// Where there are process groups, a run also ends when this server dies without running any code
// (kill -9, a crash): a watcher started beside it holds a pipe only this server keeps open, and ends
// the run (its cgroup, else its group) when the kernel closes that pipe. What a dead server's runs
// left in their cgroups anyway, the next server's `sweepStale` ends.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import {
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	rmdirSync,
	writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

export type TreeMechanism = 'cgroup' | 'process-group' | 'windows';

export interface TreeOptions {
	/** Tasks (processes and their threads) one run may have, enforced by the kernel where a cgroup has `pids.max`. @default 256 */
	maxTasks?: number;
	/** Processes one run may have where no cgroup limits it (counted by the sweep). @default 64 */
	maxProcesses?: number;
	/** `process-group` forces the portable mechanism (the tests use it to check the fallback on Linux). @default 'auto' */
	mechanism?: 'auto' | 'process-group';
}

export interface RunTree {
	/**
	 * What to spawn for `file args`: the same (Windows), or LAUNCHER, which joins the run's cgroups,
	 * leaves the watcher and execs it. With `lifeline`, the spawn's fd 3 must be a pipe that this
	 * server keeps open (and never writes) while it runs: when the pipe closes, the run is ended.
	 */
	wrap(file: string, args: string[]): { file: string; args: string[]; lifeline: boolean };
	/** Called with the leader's pid once it is spawned. */
	adopt(pid: number): void;
	/** Pids in the tree now (zombies excluded). */
	pids(): number[];
	/** SIGTERM now; SIGKILL whatever is left after `graceMs`, even if the leader has gone. Resolves once the tree is empty. */
	end(graceMs: number): Promise<void>;
	/** SIGKILL everything at once, synchronously: the server is exiting. */
	killNow(): void;
}

export interface TreeFactory {
	readonly mechanism: TreeMechanism;
	/** Whether the size limit is the kernel's (`pids.max`) or the sweep's count. */
	readonly limit: 'kernel' | 'counted' | 'none';
	/** A tree for a new run; `onLimit` is called when a counted tree grows past its limit. */
	create(onLimit: (count: number) => void): RunTree;
	/** Ends what servers that died without cleaning up (kill -9, a crash) left in their cgroups. */
	sweepStale(): void;
	/** Removes this server's cgroup folders; call after every tree has ended. */
	dispose(): void;
}

const CGROUP_PREFIX = 'web-book-';
/** The probe's: joins each cgroup named on the command line (count first), then becomes the program. */
const JOIN_SCRIPT =
	'n=$1; shift; while [ "$n" -gt 0 ]; do echo $$ > "$1" || exit 126; shift; n=$((n-1)); done; exec "$@"';
/**
 * How every run starts where there are process groups: `sh -c LAUNCHER sh <cgroup.kill or ''> <n>
 * <cgroup.procs …> program args…`, with the lifeline (a pipe only this server holds) as fd 3. The
 * shell joins the run's cgroups (no window in which the program runs outside them), leaves a
 * watcher behind and becomes the program (same pid, the group's leader), without fd 3. The watcher
 * waits on the lifeline; its end means the server is gone however it died (the kernel closes the
 * pipe), and the watcher ends the run: the whole cgroup where the kernel can (`cgroup.kill`), else
 * the run's process group. Stop's SIGTERM to the group ends the watcher with the rest.
 */
const LAUNCHER = [
	'k=$1; n=$2; shift 2',
	'while [ "$n" -gt 0 ]; do echo $$ > "$1" || exit 126; shift; n=$((n-1)); done',
	'(while read -r _; do :; done; [ -z "$k" ] || echo 1 > "$k"; kill -KILL 0) <&3 >/dev/null 2>&1 &',
	'exec "$@" 3<&-',
].join('\n');

/** `file args` started by LAUNCHER: joining `procs` (cgroup.procs files), watched, `kill` its cgroup.kill. */
function launch(file: string, args: string[], procs: string[] = [], kill = '') {
	return {
		file: '/bin/sh',
		args: ['-c', LAUNCHER, 'sh', kill, String(procs.length), ...procs, file, ...args],
		lifeline: true,
	};
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function signal(pid: number, sig: NodeJS.Signals) {
	try {
		process.kill(pid, sig);
	} catch {
		// already gone, or never ours
	}
}

/** Whether `pid` is still a running (not zombie) process; on non-Linux, whether it exists. */
export function isRunning(pid: number): boolean {
	if (process.platform === 'linux') {
		try {
			return !/^\d+ \(.*\) [ZX] /s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
		} catch {
			return false;
		}
	}
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

// ---------------------------------------------------------------------------------------------
// cgroups

interface Hierarchy {
	kind: 'v2' | 'v1-pids';
	/** This server's folder in the hierarchy, holding one folder per run. */
	dir: string;
	/** The run folders have `cgroup.kill` (cgroup v2, Linux 5.14+). */
	kill: boolean;
	/** The run folders have `pids.max`. */
	limit: boolean;
}

/** Where this process sits in each cgroup hierarchy it could use: mount point joined with its own path. */
function ownCgroupFolders(): Array<{ kind: 'v2' | 'v1-pids'; base: string }> {
	let mountinfo: string;
	let membership: string;
	try {
		mountinfo = readFileSync('/proc/self/mountinfo', 'utf8');
		membership = readFileSync('/proc/self/cgroup', 'utf8');
	} catch {
		return [];
	}
	const paths = new Map<string, string>();
	for (const line of membership.split('\n')) {
		const m = /^(\d+):([^:]*):(.*)$/.exec(line);
		if (!m) continue;
		if (m[1] === '0' && m[2] === '') paths.set('v2', m[3] ?? '/');
		else if ((m[2] ?? '').split(',').includes('pids')) paths.set('v1-pids', m[3] ?? '/');
	}
	const found: Array<{ kind: 'v2' | 'v1-pids'; base: string }> = [];
	for (const line of mountinfo.split('\n')) {
		const [before, after] = line.split(' - ');
		if (!before || !after) continue;
		const fields = before.split(' ');
		const root = fields[3] ?? '/';
		const mountPoint = fields[4] ?? '';
		const [fsType, , superOptions = ''] = after.split(' ');
		const kind =
			fsType === 'cgroup2'
				? 'v2'
				: fsType === 'cgroup' && superOptions.split(',').includes('pids')
					? 'v1-pids'
					: undefined;
		const own = kind ? paths.get(kind) : undefined;
		if (!kind || own === undefined || found.some((f) => f.kind === kind)) continue;
		// A mount of a sub-tree (containers) shows paths relative to its root.
		if (root !== '/' && !own.startsWith(root)) continue;
		const relative = root === '/' ? own : own.slice(root.length);
		found.push({ kind, base: join(mountPoint, relative) });
	}
	return found;
}

let factories = 0;

/** Tries this server's folder in one hierarchy for real: a throwaway shell must be able to join a run folder. */
function tryHierarchy(kind: 'v2' | 'v1-pids', base: string, n: number): Hierarchy | undefined {
	// Named after this process, so a later server can tell when it is gone (see sweepStale).
	const dir = join(base, `${CGROUP_PREFIX}${process.pid}-${n}`);
	const probe = join(dir, 'probe');
	try {
		mkdirSync(dir, { recursive: true });
		mkdirSync(probe);
	} catch {
		return undefined;
	}
	try {
		const joined = spawnSync(
			'/bin/sh',
			['-c', JOIN_SCRIPT, 'sh', '1', join(probe, 'cgroup.procs'), 'true'],
			{
				stdio: 'ignore',
				timeout: 5000,
			},
		);
		if (joined.status !== 0) throw new Error(`cannot join ${probe}`);
		return {
			kind,
			dir,
			kill: existsSync(join(probe, 'cgroup.kill')),
			limit: existsSync(join(probe, 'pids.max')),
		};
	} catch {
		removeFolder(probe);
		removeFolder(dir);
		return undefined;
	} finally {
		removeFolder(probe);
	}
}

function removeFolder(dir: string) {
	try {
		rmdirSync(dir);
	} catch {
		// still has processes, or gone
	}
}

function procsOf(dir: string): number[] {
	try {
		return readFileSync(join(dir, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean).map(Number);
	} catch {
		return [];
	}
}

/** SIGKILLs everything in a cgroup folder until it is empty (a process forking as it dies is caught on the next pass). */
function killFolder(dir: string, kill: boolean) {
	if (kill) {
		try {
			writeFileSync(join(dir, 'cgroup.kill'), '1');
		} catch {
			// fall back to the loop
		}
	}
	for (let pass = 0; pass < 50; pass++) {
		const pids = procsOf(dir);
		if (pids.length === 0) return;
		for (const pid of pids) signal(pid, 'SIGKILL');
	}
}

/** Blocks this thread for `ms` (start-up only: nothing else is being served yet). */
function pauseSync(ms: number) {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function cgroupFactory(hierarchies: Hierarchy[], maxTasks: number): TreeFactory {
	let runs = 0;
	const limit = hierarchies.some((h) => h.limit) ? 'kernel' : 'none';
	return {
		mechanism: 'cgroup',
		limit,
		create() {
			const n = ++runs;
			const folders = hierarchies.map((h) => ({ ...h, run: join(h.dir, `run-${n}`) }));
			for (const f of folders) {
				mkdirSync(f.run, { recursive: true });
				// One limit is enough: v1 pids when v2 has no pids controller.
				if (f.limit) writeFileSync(join(f.run, 'pids.max'), String(maxTasks));
			}
			let leader: number | undefined;
			let ending: Promise<void> | undefined;
			const pids = () => {
				const all = new Set<number>();
				for (const f of folders) for (const pid of procsOf(f.run)) all.add(pid);
				return [...all];
			};
			const killAll = () => {
				if (leader !== undefined) signal(-leader, 'SIGKILL');
				for (const f of folders) killFolder(f.run, f.kill);
			};
			const remove = () => folders.forEach((f) => removeFolder(f.run));
			const waitEmpty = async (ms: number) => {
				for (const until = Date.now() + ms; Date.now() < until; await sleep(20))
					if (pids().length === 0) return true;
				return pids().length === 0;
			};
			return {
				wrap: (file, args) =>
					launch(
						file,
						args,
						folders.map((f) => join(f.run, 'cgroup.procs')),
						folders.filter((f) => f.kill).map((f) => join(f.run, 'cgroup.kill'))[0],
					),
				adopt: (pid) => {
					leader = pid;
				},
				pids,
				end(graceMs) {
					ending ??= (async () => {
						if (leader !== undefined) signal(-leader, 'SIGTERM');
						for (const pid of pids()) signal(pid, 'SIGTERM');
						if (!(await waitEmpty(graceMs))) {
							killAll();
							await waitEmpty(2000);
						}
						remove();
					})();
					return ending;
				},
				killNow() {
					killAll();
					remove();
				},
			};
		},
		sweepStale() {
			for (const h of hierarchies) {
				const parent = join(h.dir, '..');
				let names: string[];
				try {
					names = readdirSync(parent);
				} catch {
					continue;
				}
				for (const name of names) {
					const owner = Number(new RegExp(`^${CGROUP_PREFIX}(\\d+)-\\d+$`).exec(name)?.[1]);
					if (!owner || owner === process.pid) continue;
					if (isRunning(owner)) continue;
					const dir = join(parent, name);
					for (const run of safeList(dir)) {
						killFolder(join(dir, run), h.kill);
						// A killed process leaves its cgroup only once it has exited: give it a moment.
						for (let i = 0; i < 50 && procsOf(join(dir, run)).length > 0; i++) pauseSync(20);
						removeFolder(join(dir, run));
					}
					removeFolder(dir);
					// A busy machine can take longer than that moment to reap a hundred killed processes
					// (CI): the folders that could not go yet are removed once they are empty.
					if (existsSync(dir)) removeWhenEmpty(dir, h.kill);
				}
			}
		},
		dispose() {
			for (const h of hierarchies) {
				for (const run of safeList(h.dir)) removeFolder(join(h.dir, run));
				removeFolder(h.dir);
			}
		},
	};
}

/** Kills and removes a dead server's cgroup folder in the background, for up to 10 s. */
function removeWhenEmpty(dir: string, kill: boolean, until = Date.now() + 10_000) {
	for (const run of safeList(dir)) {
		killFolder(join(dir, run), kill);
		removeFolder(join(dir, run));
	}
	removeFolder(dir);
	if (existsSync(dir) && Date.now() < until)
		setTimeout(() => removeWhenEmpty(dir, kill, until), 50).unref();
}

function safeList(dir: string): string[] {
	try {
		return readdirSync(dir, { withFileTypes: true })
			.filter((e) => e.isDirectory())
			.map((e) => e.name);
	} catch {
		return [];
	}
}

// ---------------------------------------------------------------------------------------------
// process groups and a sweep of the process table

interface ProcessRow {
	pid: number;
	ppid: number;
	pgid: number;
	/** Distinguishes a reused pid from the process we adopted. */
	start: string;
}

/** Every process on the machine, from /proc on Linux and `ps` elsewhere. */
function processTable(): ProcessRow[] {
	if (process.platform === 'linux') {
		const rows: ProcessRow[] = [];
		for (const name of safeListAll('/proc')) {
			if (!/^\d+$/.test(name)) continue;
			try {
				const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
				// The command name sits in parentheses and may hold spaces and parentheses itself.
				const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
				if (f[0] === 'Z' || f[0] === 'X') continue;
				rows.push({
					pid: Number(name),
					ppid: Number(f[1]),
					pgid: Number(f[2]),
					start: f[19] ?? '',
				});
			} catch {
				// exited while we read
			}
		}
		return rows;
	}
	try {
		const out = execFileSync('ps', ['-axo', 'pid=,ppid=,pgid=,lstart='], { encoding: 'utf8' });
		return out
			.split('\n')
			.map((line) => /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/.exec(line))
			.filter((m): m is RegExpExecArray => m !== null)
			.map((m) => ({
				pid: Number(m[1]),
				ppid: Number(m[2]),
				pgid: Number(m[3]),
				start: m[4] ?? '',
			}));
	} catch {
		return [];
	}
}

function safeListAll(dir: string): string[] {
	try {
		return readdirSync(dir);
	} catch {
		return [];
	}
}

interface TrackedTree {
	leader: number | undefined;
	/** pid → start time, for every process adopted into this tree. */
	members: Map<number, string>;
	onLimit: (count: number) => void;
	maxProcesses: number;
	limitReported: boolean;
}

function processGroupFactory(maxProcesses: number): TreeFactory {
	const trees = new Set<TrackedTree>();
	let timer: ReturnType<typeof setInterval> | undefined;

	/** Adopts every process whose parent is a member or whose group is the leader's; drops the dead. */
	const sweep = () => {
		const table = processTable();
		const byPid = new Map(table.map((row) => [row.pid, row]));
		for (const tree of trees) {
			for (const [pid, start] of tree.members) {
				if (byPid.get(pid)?.start !== start) tree.members.delete(pid);
			}
			let grew = true;
			while (grew) {
				grew = false;
				for (const row of table) {
					if (tree.members.has(row.pid)) continue;
					if (
						tree.members.has(row.ppid) ||
						(tree.leader !== undefined && row.pgid === tree.leader)
					) {
						tree.members.set(row.pid, row.start);
						grew = true;
					}
				}
			}
			if (!tree.limitReported && tree.members.size > tree.maxProcesses) {
				tree.limitReported = true;
				tree.onLimit(tree.members.size);
			}
		}
	};
	const track = (tree: TrackedTree) => {
		trees.add(tree);
		timer ??= setInterval(sweep, 250);
		timer.unref?.();
	};
	const untrack = (tree: TrackedTree) => {
		trees.delete(tree);
		if (trees.size === 0 && timer) {
			clearInterval(timer);
			timer = undefined;
		}
	};

	return {
		mechanism: 'process-group',
		limit: 'counted',
		create(onLimit) {
			const tree: TrackedTree = {
				leader: undefined,
				members: new Map(),
				onLimit,
				maxProcesses,
				limitReported: false,
			};
			let ending: Promise<void> | undefined;
			const alive = () => [...tree.members.keys()].filter(isRunning);
			const killAll = () => {
				if (tree.leader !== undefined) signal(-tree.leader, 'SIGKILL');
				for (const pid of tree.members.keys()) signal(pid, 'SIGKILL');
			};
			return {
				wrap: (file, args) => launch(file, args),
				adopt(pid) {
					tree.leader = pid;
					const row = processTable().find((r) => r.pid === pid);
					tree.members.set(pid, row?.start ?? '');
					track(tree);
				},
				pids: alive,
				end(graceMs) {
					ending ??= (async () => {
						sweep();
						if (tree.leader !== undefined) signal(-tree.leader, 'SIGTERM');
						for (const pid of tree.members.keys()) signal(pid, 'SIGTERM');
						for (const until = Date.now() + graceMs; Date.now() < until; await sleep(20)) {
							if (alive().length === 0) break;
						}
						// Children started during the grace period are adopted before the kill.
						for (let pass = 0; pass < 5 && alive().length > 0; pass++) {
							sweep();
							killAll();
							await sleep(50);
						}
						untrack(tree);
					})();
					return ending;
				},
				killNow() {
					sweep();
					killAll();
					untrack(tree);
				},
			};
		},
		sweepStale() {
			// Without cgroups nothing records what a dead server started.
		},
		dispose() {
			for (const tree of trees) untrack(tree);
		},
	};
}

function windowsFactory(): TreeFactory {
	const taskkill = (pid: number) =>
		new Promise<void>((done) =>
			execFile('taskkill', ['/pid', String(pid), '/T', '/F'], () => done()),
		);
	return {
		mechanism: 'windows',
		limit: 'none',
		create() {
			let leader: number | undefined;
			let ending: Promise<void> | undefined;
			return {
				wrap: (file, args) => ({ file, args, lifeline: false }),
				adopt: (pid) => {
					leader = pid;
				},
				pids: () => (leader !== undefined && isRunning(leader) ? [leader] : []),
				end(graceMs) {
					ending ??= (async () => {
						if (leader === undefined) return;
						await sleep(Math.min(graceMs, 50));
						await taskkill(leader);
					})();
					return ending;
				},
				killNow() {
					if (leader !== undefined) {
						try {
							execFileSync('taskkill', ['/pid', String(leader), '/T', '/F'], { stdio: 'ignore' });
						} catch {
							// gone
						}
					}
				},
			};
		},
		sweepStale() {},
		dispose() {},
	};
}

/** Picks the strongest mechanism this machine allows this server. */
export function createTreeFactory(options: TreeOptions = {}): TreeFactory {
	const maxTasks = options.maxTasks ?? 256;
	const maxProcesses = options.maxProcesses ?? 64;
	if (process.platform === 'win32') return windowsFactory();
	if (process.platform === 'linux' && options.mechanism !== 'process-group') {
		const n = ++factories;
		const usable = ownCgroupFolders()
			.map((f) => tryHierarchy(f.kind, f.base, n))
			.filter((h): h is Hierarchy => h !== undefined);
		const v2 = usable.find((h) => h.kind === 'v2');
		const v1 = usable.find((h) => h.kind === 'v1-pids');
		// v2 for the kill; v1's pids controller for the limit when v2 has none.
		const chosen = [v2, v2?.limit ? undefined : v1].filter((h): h is Hierarchy => h !== undefined);
		for (const h of usable) if (!chosen.includes(h)) removeFolder(h.dir);
		if (chosen.length > 0) return cgroupFactory(chosen, maxTasks);
	}
	return processGroupFactory(maxProcesses);
}
