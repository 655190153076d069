// The wire protocol between the page's local runtime and the dev server's local-runner endpoint.
// Shared by both sides so a renamed route or event cannot drift apart. Pure types and constants.

/** Every route of the endpoint lives under `<base>__runner/`. */
export const ENDPOINT_PREFIX = '__runner';

/** A file to write, path relative to the session's root (e.g. `snippets/echo/server.mjs`). */
export interface WireFile {
	path: string;
	content: string;
}

export interface SpawnBody {
	/** Program first; only `node` is accepted. */
	argv: string[];
	/** Working directory relative to the session's root, e.g. `snippets/echo`. */
	cwd: string;
	env?: Record<string, string>;
	/** Ports to watch: an `open` event is sent once each accepts connections. */
	watchPorts?: number[];
}

/** Why the endpoint ended a process itself. */
export type KillReason = 'time-limit' | 'output-limit' | 'stopped' | 'teardown';

/** One line of the session's event stream (newline-delimited JSON). */
export type WireEvent =
	| { t: 'out'; pid: string; d: string }
	| { t: 'exit'; pid: string; code: number | null; signal: string | null; reason?: KillReason }
	| { t: 'port'; port: number; type: 'open' | 'close' }
	| { t: 'ping' };

export interface ProbeAnswer {
	runner: 'local';
	/** The Node that runs snippets, e.g. `v20.20.2`. */
	node: string;
}
