// Stop ends a run's whole process tree, and the tree is bounded (issue #12, item 4), with the
// mechanism this machine allows (a cgroup per run here, as root) and with the portable fallback
// (a process group and a sweep of the process table), forced.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalRunnerOptions } from '../../src/integrations/local-runner/endpoint.ts';
import { PageClient, type AstroServer } from '../security/astro-servers.ts';
import { alive, startHarness, until, type Harness, type OutEvent } from './local-harness.ts';

let h: Harness | undefined;
afterEach(async () => {
	await h?.stop();
	h = undefined;
});

/** A snippet whose child ignores SIGTERM and whose grandchild detached into a session of its own. */
const STUBBORN_TREE = `
import { spawn } from 'node:child_process';
const child = spawn(process.execPath, ['-e', \`
  process.on('SIGTERM', () => console.log('child ignores SIGTERM'));
  const { spawn } = require('node:child_process');
  const grandchild = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { detached: true, stdio: 'ignore' });
  grandchild.unref();
  console.log('grandchild ' + grandchild.pid);
  setInterval(() => {}, 1000);
\`], { stdio: ['ignore', 'inherit', 'inherit'] });
console.log('child ' + child.pid);
process.on('SIGTERM', () => process.exit(0));
setInterval(() => {}, 1000);
`;

/** A daemon: forks, the middle process starts a detached worker and exits at once, so the worker is an orphan. */
const DAEMON = `
import { spawn } from 'node:child_process';
spawn(process.execPath, ['-e', \`
  const { spawn } = require('node:child_process');
  const worker = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { detached: true, stdio: 'ignore' });
  console.log('worker ' + worker.pid);
  process.exit(0);
\`], { stdio: ['ignore', 'inherit', 'inherit'] });
setInterval(() => {}, 1000);
`;

/** The pids a snippet printed as `<name> <pid>` lines. */
async function pidsFrom(
	s: Awaited<ReturnType<Harness['openSession']>>,
	pid: string,
	names: string[],
): Promise<Record<string, number>> {
	const find = (name: string) => new RegExp(`\\b${name} (\\d+)`).exec(s.output(pid))?.[1];
	await until(() => names.every((n) => find(n) !== undefined), 8000, `${names.join(', ')} pids`);
	return Object.fromEntries(names.map((n) => [n, Number(find(n))]));
}

function parentOf(pid: number): number {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

const mechanisms: Array<[string, LocalRunnerOptions]> = [
	['cgroup', {}],
	['process group and sweep (forced)', { treeMechanism: 'process-group' }],
];

describe.each(mechanisms)('local runner: process trees (%s)', (name, options) => {
	it('ends a child that ignores SIGTERM and a detached grandchild on Stop', async () => {
		h = await startHarness(options);
		expect(h.runner.mechanism).toBe(name === 'cgroup' ? 'cgroup' : 'process-group');
		const s = await h.openSession();
		const pid = await s.spawn(STUBBORN_TREE);
		const { child, grandchild } = await pidsFrom(s, pid, ['child', 'grandchild']);
		expect(alive(child!)).toBe(true);
		expect(alive(grandchild!)).toBe(true);
		expect((await h.call('POST', `${s.base}processes/${pid}/kill`)).status).toBe(204);
		const exit = await s.exitOf(pid);
		expect(exit.reason).toBe('stopped');
		// The leader went on SIGTERM; the child ignored it and is killed after the grace period.
		await until(
			() => !alive(Number(pid)) && !alive(child!) && !alive(grandchild!),
			3000,
			'the tree to end',
		);
		expect(s.output(pid)).toContain('child ignores SIGTERM');
		s.close();
	});

	it('ends what a run leaves behind when its leader exits by itself', async () => {
		h = await startHarness(options);
		const s = await h.openSession();
		const pid = await s.spawn(`
			import { spawn } from 'node:child_process';
			const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { detached: true, stdio: 'ignore' });
			console.log('child ' + child.pid);
			setTimeout(() => process.exit(0), 400);`);
		const { child } = await pidsFrom(s, pid, ['child']);
		const exit = await s.exitOf(pid);
		expect(exit.code).toBe(0);
		await until(() => !alive(child!), 3000, 'the leftover child to end');
		s.close();
	});
});

describe('local runner: process trees (cgroup only)', () => {
	it('ends an orphaned daemon whose parent exited at once (out of reach of any parent link)', async () => {
		h = await startHarness();
		const s = await h.openSession();
		const pid = await s.spawn(DAEMON);
		const { worker } = await pidsFrom(s, pid, ['worker']);
		await until(
			() => alive(worker!) && parentOf(worker!) !== Number(pid),
			3000,
			'the worker to be orphaned',
		);
		expect(parentOf(worker!)).not.toBe(Number(pid));
		expect((await h.call('POST', `${s.base}processes/${pid}/kill`)).status).toBe(204);
		await until(() => !alive(worker!), 3000, 'the orphaned worker to end');
		s.close();
	});

	it('caps how many tasks a run may have: forks past pids.max fail, and the tree never grows past it', async () => {
		h = await startHarness({ maxTasksPerRun: 40 });
		const s = await h.openSession();
		// Each shell is one task; the leader (a Node with several threads) starts as many as it can.
		const pid = await s.spawn(`
			import { spawn } from 'node:child_process';
			let started = 0, refused = 0;
			for (let i = 0; i < 80; i++) {
				try {
					const c = spawn('/bin/sh', ['-c', 'sleep 30'], { stdio: 'ignore' });
					c.on('error', () => refused++);
					c.on('spawn', () => started++);
				} catch { refused++; }
			}
			setTimeout(() => console.log('started ' + started + ' refused ' + refused), 1500);
			setInterval(() => {}, 1000);`);
		const line = await s.waitFor(
			(e): e is OutEvent => e.t === 'out' && e.pid === pid && /started \d+ refused \d+/.test(e.d),
			10_000,
		);
		const [, started, refused] = /started (\d+) refused (\d+)/.exec(line.d) ?? [];
		expect(Number(refused)).toBeGreaterThan(0);
		expect(Number(started)).toBeLessThan(40);
		s.close();
	});
});

describe('local runner: process trees (fallback only)', () => {
	it('ends a run whose tree grows past the counted limit, saying why', async () => {
		h = await startHarness({ treeMechanism: 'process-group', maxProcessesPerRun: 5 });
		const s = await h.openSession();
		const pid = await s.spawn(`
			import { spawn } from 'node:child_process';
			for (let i = 0; i < 10; i++) spawn('/bin/sh', ['-c', 'sleep 30'], { stdio: 'ignore' });
			setInterval(() => {}, 1000);`);
		const exit = await s.exitOf(pid, 10_000);
		expect(exit.code === 0).toBe(false);
		expect(s.output(pid)).toMatch(/프로세스가 \d+개로 늘어나 멈췄습니다/);
		s.close();
	});
});

/** The endpoint in a process of its own (fixtures/runner-host.ts), so a test can kill it with SIGKILL. */
async function startHost(mechanism: 'auto' | 'process-group', tmpRoot: string) {
	const host = spawn(
		process.execPath,
		[
			'--experimental-transform-types',
			'--no-warnings',
			fileURLToPath(new URL('./fixtures/runner-host.ts', import.meta.url)),
			mechanism,
			tmpRoot,
		],
		{ stdio: ['ignore', 'pipe', 'inherit'] },
	);
	let out = '';
	host.stdout.setEncoding('utf8').on('data', (text: string) => (out += text));
	const exited = new Promise<void>((done) => host.once('exit', () => done()));
	await until(() => /^ready \d+/m.test(out), 15_000, 'the runner host to listen');
	const [, port = '0', kind = ''] = /^ready (\d+) (\S+)/m.exec(out) ?? [];
	const page = new PageClient({ port: Number(port), base: '/' } as AstroServer);
	await page.open();
	return { host, exited, page, mechanism: kind };
}

/** A run whose child ignores SIGTERM and whose grandchild left for a session of its own. */
const TREE_WITH_ESCAPEE = `
import { spawn } from 'node:child_process';
const child = spawn(process.execPath, ['-e', 'process.on("SIGTERM", () => {}); setInterval(() => {}, 1000)'], { stdio: 'ignore' });
const escapee = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { detached: true, stdio: 'ignore' });
console.log('child ' + child.pid + ' escapee ' + escapee.pid);
setInterval(() => {}, 1000);
`;

describe.each(mechanisms)('local runner: a server killed with SIGKILL (%s)', (name, options) => {
	const tmpRoots: string[] = [];
	afterEach(() => {
		for (const dir of tmpRoots.splice(0)) rmSync(dir, { recursive: true, force: true });
	});

	it('leaves no run behind: each run’s watcher sees the server go and ends the run', async () => {
		const tmpRoot = mkdtempSync(join(tmpdir(), 'web-book-killed-'));
		tmpRoots.push(tmpRoot);
		const mechanism = options.treeMechanism ?? 'auto';
		const first = await startHost(mechanism, tmpRoot);
		const pid = await first.page.run(TREE_WITH_ESCAPEE);
		const found = () => /child (\d+) escapee (\d+)/.exec(first.page.output(pid));
		await until(() => found() !== null, 8000, 'the run to print its pids');
		const [, child = '0', escapee = '0'] = found() ?? [];
		const tree = [Number(pid), Number(child), Number(escapee)];
		expect(tree.every(alive)).toBe(true);
		const folders = readdirSync(tmpRoot);
		expect(folders).toHaveLength(1);

		// No handler, no exit hook: the server runs no code at all.
		first.host.kill('SIGKILL');
		await first.exited;
		first.page.close();
		// A cgroup holds the escapee too; a process group reaches only those still in it.
		const mustEnd = name === 'cgroup' ? tree : tree.slice(0, 2);
		await until(() => !mustEnd.some(alive), 2000, `${mustEnd.filter(alive).join(', ')} to end`);
		if (alive(Number(escapee))) process.kill(Number(escapee), 'SIGKILL');

		// The next start removes the dead server's folder, and its cgroups where it had any.
		const cgroups = () =>
			['/sys/fs/cgroup/unified', '/sys/fs/cgroup/pids', '/sys/fs/cgroup'].flatMap((root) =>
				existsSync(root)
					? readdirSync(root).filter((n) => n.startsWith(`web-book-${first.host.pid}-`))
					: [],
			);
		if (first.mechanism === 'cgroup') expect(cgroups().length).toBeGreaterThan(0);
		const second = await startHost(mechanism, tmpRoot);
		expect(readdirSync(tmpRoot).filter((n) => folders.includes(n))).toEqual([]);
		expect(cgroups()).toEqual([]);
		second.page.close();
		second.host.kill('SIGTERM');
		await second.exited;
	});
});

describe('local runner: what a server killed with SIGKILL could not end (cgroup only)', () => {
	it('is ended by the next start, which then removes the dead server’s cgroups', async () => {
		const tmpRoot = mkdtempSync(join(tmpdir(), 'web-book-killed-'));
		const hosts: Array<Awaited<ReturnType<typeof startHost>>> = [];
		let unwatched: number | undefined;
		try {
			const first = await startHost('auto', tmpRoot);
			hosts.push(first);
			// The run kills its own watcher, so nothing ends it when the server dies.
			const pid = await first.page.run(`
				import { readdirSync, readFileSync } from 'node:fs';
				for (const name of readdirSync('/proc').filter((n) => /^\\d+$/.test(n))) {
					try {
						const stat = readFileSync('/proc/' + name + '/stat', 'utf8');
						const [, comm, rest] = /^\\d+ \\((.*)\\) (.*)$/s.exec(stat) ?? [];
						if (comm === 'sh' && Number(rest.split(' ')[2]) === process.pid) process.kill(Number(name), 'SIGKILL');
					} catch {}
				}
				// Many processes, so that they are still leaving the cgroup when the next start looks.
				const { spawn } = await import('node:child_process');
				for (let i = 0; i < 100; i++) spawn('/bin/sh', ['-c', 'sleep 60'], { stdio: 'ignore' });
				console.log('unwatched');
				setInterval(() => {}, 1000);`);
			unwatched = Number(pid);
			await until(() => first.page.output(pid).includes('unwatched'), 8000, 'the run to start');
			first.host.kill('SIGKILL');
			await first.exited;
			first.page.close();
			await new Promise((r) => setTimeout(r, 300));
			expect(alive(Number(pid))).toBe(true);
			const cgroups = () =>
				['/sys/fs/cgroup/unified', '/sys/fs/cgroup/pids', '/sys/fs/cgroup'].flatMap((root) =>
					existsSync(root)
						? readdirSync(root).filter((n) => n.startsWith(`web-book-${first.host.pid}-`))
						: [],
				);
			expect(cgroups().length).toBeGreaterThan(0);

			const second = await startHost('auto', tmpRoot);
			hosts.push(second);
			await until(() => !alive(Number(pid)), 2000, 'the left-over run to end');
			// Removed once the killed processes have left them (on a busy machine, after the start).
			await until(() => cgroups().length === 0, 5000, 'the dead server’s cgroups to go');
			expect(cgroups()).toEqual([]);
			second.page.close();
			second.host.kill('SIGTERM');
			await second.exited;
		} finally {
			// A failed expectation must not leave a runner host behind: it would keep the test run alive.
			for (const { host, page } of hosts) {
				page.close();
				if (host.exitCode === null && host.signalCode === null) host.kill('SIGKILL');
			}
			if (unwatched !== undefined && alive(unwatched)) process.kill(unwatched, 'SIGKILL');
			rmSync(tmpRoot, { recursive: true, force: true });
		}
	});
});
