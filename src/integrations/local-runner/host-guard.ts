// Whether the book's server can be reached from beyond this machine (`--host`), and what the local
// runner does then: stays off, unless the user opted in with WEB_BOOK_RUNNER_NETWORK=1, knowing that
// everyone who can reach the server may then run programs on this machine as them.
import { lookup } from 'node:dns/promises';
import { isLoopbackAddress } from './sockets.ts';

export const NETWORK_OPT_IN = 'WEB_BOOK_RUNNER_NETWORK';

const WILDCARDS = new Set(['', '0.0.0.0', '::', '::0']);

/**
 * What makes the server reachable from the network, or undefined when it listens on loopback only.
 * `hosts` are the server.host values in play (Astro's, Vite's): `true` and wildcards mean every
 * interface; a name counts as loopback only if every address it resolves to is.
 */
export async function reachBeyondLoopback(hosts: unknown[]): Promise<string | undefined> {
	for (const host of hosts) {
		if (host === undefined || host === null || host === false || host === 'localhost') continue;
		if (host === true) return 'every network interface (--host)';
		if (typeof host !== 'string') return `host ${String(host)}`;
		if (WILDCARDS.has(host)) return `every network interface (--host ${host || "''"})`;
		if (isLoopbackAddress(host)) continue;
		try {
			const addresses = await lookup(host, { all: true });
			if (addresses.length > 0 && addresses.every((a) => isLoopbackAddress(a.address))) continue;
		} catch {
			// cannot resolve: count it as beyond loopback
		}
		return `--host ${host}`;
	}
	return undefined;
}

export function networkOptedIn(env: NodeJS.ProcessEnv = process.env): boolean {
	return /^(1|true|yes)$/i.test(env[NETWORK_OPT_IN] ?? '');
}

export interface RunnerDecision {
	enabled: boolean;
	/** Callers from the network are accepted. */
	network: boolean;
	/** What to tell the person who started the server; `warn` lines are printed loudly. */
	level: 'info' | 'warn';
	lines: string[];
}

export function decide(reach: string | undefined, optedIn: boolean): RunnerDecision {
	if (reach === undefined) return { enabled: true, network: false, level: 'info', lines: [] };
	if (!optedIn)
		return {
			enabled: false,
			network: false,
			level: 'warn',
			lines: [
				`로컬 실행기를 껐습니다: 이 서버는 이 컴퓨터 밖에서도 접속할 수 있습니다 (${reach}).`,
				'켜 두면 이 서버에 접속하는 누구나 이 컴퓨터에서 프로그램을 실행할 수 있기 때문입니다.',
				'페이지는 브라우저 안의 실행 환경(WebContainer)이나 녹화된 출력을 씁니다.',
				`The local runner is OFF: this server is reachable beyond this machine (${reach}).`,
				`Only if everyone on this network may run programs as you, start it with ${NETWORK_OPT_IN}=1.`,
			],
		};
	return {
		enabled: true,
		network: true,
		level: 'warn',
		lines: [
			'!!! 경고: 로컬 실행기가 네트워크에 열려 있습니다 !!!',
			`이 서버(${reach})에 접속할 수 있는 누구나 이 컴퓨터에서 지금 사용자의 권한으로 프로그램을 실행할 수 있습니다.`,
			'믿을 수 있는 사람만 있는 네트워크(수업용 실습실 등)에서만 쓰고, 끝나면 서버를 멈추세요.',
			`!!! WARNING: ${NETWORK_OPT_IN} is set: the local runner accepts callers from the network.`,
			'!!! Anyone who can reach this server can run any program on this machine as you.',
		],
	};
}

/** The lines framed, so they stand out in a scrolling log. */
export function loudly(lines: string[]): string {
	const bar = '='.repeat(78);
	return ['', bar, ...lines.map((l) => `  ${l}`), bar, ''].join('\n');
}
