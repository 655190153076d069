// No CGI script outlives the server that started it, however the server ends (issue #17), and the
// fallbacks for places without process groups or setuid (a WebContainer, a container without
// CAP_SETUID) still end a timed-out script and never fail a run for want of a user switch.
import net from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { difference } from '../../src/lib/ports/differences';
import { makeDocroot, type Docroot } from './docroot';
import { groupMembers, isAlive, processGroupOf } from './processes';
import { rawRequest, simpleGet } from './raw-client';
import {
	FIXTURES,
	startFixture,
	startOurHttpServer,
	stopAll,
	waitUntil,
	type ServerProcess,
} from './servers';

let docroot: Docroot;

beforeAll(() => {
	docroot = makeDocroot();
});

afterEach(async () => {
	await stopAll();
});

afterAll(() => {
	docroot.remove();
});

const cgiArgs = () => ['0', '-d', docroot.root, '--cgi'];

interface HangingScript {
	/** The script's pid and the pid of the child it started. */
	script: number;
	grandchild: number;
	/** The script's process group (everything the server must end). */
	group: number;
	/** The client connection that waits for the script; destroy it when done. */
	socket: net.Socket;
}

/** Asks the server for hang.mjs (never answers, starts a child) and waits until both pids are logged. */
async function startHangingScript(server: ServerProcess): Promise<HangingScript> {
	const before = server.stderr().length;
	const socket = net.connect(server.port, '127.0.0.1');
	socket.on('error', () => {});
	socket.write(simpleGet('/cgi-bin/hang.mjs'));
	const logged = () => /pids (\d+) (\d+)/.exec(server.stderr().slice(before));
	expect(await waitUntil(() => logged() !== null)).toBe(true);
	const [, script = '0', grandchild = '0'] = logged() ?? [];
	const group = processGroupOf(Number(script));
	expect(group).not.toBeNull();
	return { script: Number(script), grandchild: Number(grandchild), group: group ?? 0, socket };
}

/** True once nothing of the script is left: not the script, not its child, nobody in its group. */
const scriptGone = (hanging: HangingScript) => () =>
	!isAlive(hanging.script) &&
	!isAlive(hanging.grandchild) &&
	groupMembers(hanging.group).length === 0;

describe('a CGI script never outlives its server', () => {
	it('SIGKILL to the server’s process group: nothing of the script is left within 2 s', async () => {
		expect(difference('cgi-script-lifetime').ours).toContain('SIGKILL');
		const server = await startOurHttpServer(cgiArgs(), { detached: true });
		const hanging = await startHangingScript(server);
		// The script runs in a group of its own (so a time-out can end its children), not the server's.
		expect(hanging.group).not.toBe(processGroupOf(server.proc.pid ?? 0));
		expect(isAlive(hanging.grandchild)).toBe(true);

		process.kill(-(server.proc.pid ?? 0), 'SIGKILL');
		expect(await waitUntil(scriptGone(hanging), 2000)).toBe(true);
		hanging.socket.destroy();
	});

	it('SIGKILL to the server process alone: the same', async () => {
		const server = await startOurHttpServer(cgiArgs(), { detached: true });
		const hanging = await startHangingScript(server);
		server.proc.kill('SIGKILL');
		expect(await waitUntil(scriptGone(hanging), 2000)).toBe(true);
		hanging.socket.destroy();
	});

	it('an uncaught exception in the server: the same', async () => {
		const server = await startFixture('crashing-server.mjs', { args: cgiArgs() });
		const hanging = await startHangingScript(server);
		const exited = new Promise((resolve) => server.proc.once('exit', resolve));
		server.proc.kill('SIGUSR2');
		expect(await exited).toBe(1);
		expect(server.stderr()).toContain('crashing on purpose');
		expect(await waitUntil(scriptGone(hanging), 2000)).toBe(true);
		hanging.socket.destroy();
	});

	it('Ctrl-C (SIGINT) ends the script before the server exits', async () => {
		const server = await startOurHttpServer(cgiArgs());
		const hanging = await startHangingScript(server);
		const exited = new Promise((resolve) => server.proc.once('exit', resolve));
		server.proc.kill('SIGINT');
		expect(await exited).toBe(0);
		expect(await waitUntil(scriptGone(hanging), 2000)).toBe(true);
		hanging.socket.destroy();
	});

	it('a finished script leaves nothing behind either (its watcher goes with it)', async () => {
		const server = await startOurHttpServer(cgiArgs());
		const response = await rawRequest(server.port, simpleGet('/cgi-bin/info.mjs'));
		expect(response.status).toBe(200);
		// The script led its own group (pgid = its pid); the watcher was the group's other member.
		const { pid } = JSON.parse(response.text) as { pid: number };
		expect(await waitUntil(() => groupMembers(pid).length === 0, 2000)).toBe(true);
	});
});

describe('where there are no process groups (a WebContainer)', () => {
	const nodeArgs = ['--import', path.join(FIXTURES, 'preload/webcontainer.mjs')];

	it('a timed-out script is still killed (the child itself, when the group signal cannot reach it)', async () => {
		expect(difference('cgi-timeout-504').ours).toContain('프로세스 그룹');
		const server = await startOurHttpServer([...cgiArgs(), '--cgi-timeout', '1'], { nodeArgs });
		const started = Date.now();
		const response = await rawRequest(server.port, simpleGet('/cgi-bin/hang.mjs'));
		expect(response.statusLine).toBe('HTTP/1.0 504 CGI script timed out');
		expect(Date.now() - started).toBeLessThan(4000);
		const [, script = '0', grandchild = '0'] = /pids (\d+) (\d+)/.exec(server.stderr()) ?? [];
		expect(await waitUntil(() => !isAlive(Number(script)), 2000)).toBe(true);
		// Without groups the script's own children are out of reach; on this machine we clean up after it.
		process.kill(Number(grandchild), 'SIGKILL');
	});

	it('scripts run as the server’s own user: no uid/gid switch is attempted', async () => {
		expect(difference('cgi-nobody-gid').ours).toContain('WebContainer');
		const server = await startOurHttpServer(cgiArgs(), { nodeArgs });
		const response = await rawRequest(server.port, simpleGet('/cgi-bin/info.mjs'));
		expect(response.status).toBe(200);
		expect(JSON.parse(response.text)).toMatchObject({ uid: process.getuid?.() });
	});
});

describe('where the server is root but cannot switch users (setuid fails with EPERM)', () => {
	it('runs the script as the server’s user instead of failing the request', async () => {
		const nodeArgs = ['--require', path.join(FIXTURES, 'preload/no-setuid.cjs')];
		const server = await startOurHttpServer(cgiArgs(), { nodeArgs });
		for (let i = 0; i < 2; i++) {
			const response = await rawRequest(server.port, simpleGet('/cgi-bin/info.mjs'));
			expect(response.status).toBe(200);
			expect(JSON.parse(response.text)).toMatchObject({ uid: process.getuid?.() });
		}
		// Only root tries to switch; it says so once and then stops trying.
		const notices = server.stderr().split('cannot switch CGI scripts to nobody').length - 1;
		expect(notices).toBe(process.getuid?.() === 0 ? 1 : 0);
	});
});
