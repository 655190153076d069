// The wire protocol between the page's local runtime and the dev server's local-runner endpoint.
// Shared by both sides so a renamed route or event cannot drift apart. Pure types and constants.

/** Every route of the endpoint lives under `<base>__runner/`. */
export const ENDPOINT_PREFIX = '__runner';

/**
 * The header carrying the endpoint's token on every call but the probe and the preview: a secret
 * made at each server start and handed out only in the probe's same-origin answer, so a request
 * that could not read that answer cannot drive the runner.
 */
export const TOKEN_HEADER = 'x-web-book-token';

/** A file to write, path relative to the session's root (e.g. `snippets/echo/server.mjs`). */
export interface WireFile {
	path: string;
	content: string;
	/** Written executable (`chmod 755`): a CGI script that Python's `CGIHTTPRequestHandler` runs itself. */
	executable?: boolean;
}

export interface SpawnBody {
	/**
	 * Program first: `node`, or `python3` where the probe names a Python. Then the script, a file
	 * inside the session, and its arguments; or `-i` alone for the program's interactive shell.
	 * Interpreter options (`--inspect`, `-e`, `--import`, `-c`, `-m` …) are refused.
	 */
	argv: string[];
	/** Working directory relative to the session's root, e.g. `snippets/echo`. */
	cwd: string;
	/** Extra environment variables; loader and interpreter variables (`NODE_OPTIONS`, `PYTHON*`, `LD_*` …) are refused. */
	env?: Record<string, string>;
	/** Ports to watch: an `open` event is sent once the process (or one it started) listens on each. */
	watchPorts?: number[];
}

/** Why the endpoint ended a process itself. */
export type KillReason = 'time-limit' | 'output-limit' | 'stopped' | 'teardown';

/** One line of the session's event stream (newline-delimited JSON). */
export type WireEvent =
	| { t: 'out'; pid: string; d: string }
	/** Output of `pid` the page was too slow to read (or away): `bytes` of it were dropped here. */
	| { t: 'dropped'; pid: string; bytes: number }
	| { t: 'exit'; pid: string; code: number | null; signal: string | null; reason?: KillReason }
	| { t: 'port'; port: number; type: 'open' | 'close' }
	| { t: 'ping' };

export interface ProbeAnswer {
	runner: 'local';
	/** The Node that runs snippets, e.g. `v20.20.2`. */
	node: string;
	/** The Python that runs `python3` programs, e.g. `3.11.7`; absent when the machine has no Python 3.11 or later. */
	python?: string;
	/** This server start's token, sent back in {@link TOKEN_HEADER}. */
	token: string;
}
