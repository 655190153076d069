// The one interface every live runtime implements. The runner's UI and sessions talk only to this;
// which implementation they hold (WebContainer, local Node) is chosen once per page by choose.ts.
import type { ProcessExit as ScenarioExit, ScenarioProcess } from '../../lib/scenario/host.ts';
import type { PortSpec } from '../../lib/snippets/schema.ts';

export type LiveRuntimeKind = 'webcontainer' | 'local';
export type RuntimeKind = LiveRuntimeKind | 'recorded';

/** A file to mount, path relative to the runtime's root (e.g. `snippets/echo/server.mjs`). */
export interface RuntimeFile {
	path: string;
	content: string;
	/**
	 * Executable, as in the repository (a CGI script a Python server runs directly). Kept by the local
	 * runtime; a WebContainer, which only runs Node, has no file modes.
	 */
	executable?: boolean;
}

/** How a process ended; the scenario runner's shape, plus why the runtime ended it, if it did. */
export interface ProcessExit extends ScenarioExit {
	/**
	 * Set when the runtime itself ended the process: `stopped` by `kill()` (Stop), `reset` because the
	 * runtime was rebooted under it (another process would not end), `teardown`, or a limit.
	 */
	reason?: 'time-limit' | 'output-limit' | 'stopped' | 'teardown' | 'reset';
	/** Set when ending this process took a reboot of the runtime, which ended every other process too. */
	rebooted?: boolean;
}

export interface SpawnRequest {
	/** Program first (`node`). */
	argv: string[];
	/** The working directory, relative to the root, e.g. `snippets/echo`. */
	cwd: string;
	env: Record<string, string>;
	/** Ports this process is expected to open (so the runtime can announce them). */
	ports: number[];
}

/**
 * A live process: the scenario runner's process (so a page runtime can also host scenarios), whose
 * output subscription can be cancelled and whose `kill()` returns within a few seconds (once the
 * process ended, or after the runtime's grace: a WebContainer then reboots, 3 s).
 */
export interface RuntimeProcess extends ScenarioProcess {
	/** Subscribes to output (stdout and stderr, in order); returns an unsubscribe function. */
	onOutput(listener: (text: string) => void): () => void;
	/**
	 * Tells the process its terminal's size (a WebContainer process has a pseudo-terminal, so
	 * `process.stdout.columns` and line wrapping follow it). A no-op where stdin is a pipe.
	 */
	resize(cols: number, rows: number): void;
	readonly exited: Promise<ProcessExit>;
}

export interface PortEvent {
	port: number;
	type: 'open' | 'close';
	/** Where the preview iframe can load the server (open events). */
	url: string;
}

/**
 * A named step of booting, for the status line: `load` (the runtime's code), `frame` (reaching
 * StackBlitz: its hidden page), `boot` (Node.js starting in the browser), `connect` (the local
 * endpoint), `ready`.
 */
export type BootStep = 'load' | 'frame' | 'boot' | 'connect' | 'ready';

export interface LiveRuntime {
	readonly kind: LiveRuntimeKind;
	/**
	 * How stdin behaves: `pty` echoes and edits lines itself (WebContainer); `pipe` takes bytes as they
	 * are, so the terminal keeps its own line buffer and echo (local Node).
	 */
	readonly stdin: 'pty' | 'pipe';
	/**
	 * Whether `allocatePort` hands out a port no other program here uses (a free one on this machine),
	 * so a snippet's services can be started before Run without taking a port another snippet needs.
	 * False in a WebContainer, where every program listens on its default port.
	 */
	readonly uniquePorts: boolean;
	/** Starts the runtime (once; later calls return the same promise). Rejects on failure or timeout. */
	boot(progress?: (step: BootStep) => void): Promise<void>;
	/** Writes files (creating folders), replacing what was there. */
	mount(files: RuntimeFile[]): Promise<void>;
	/** A port number for a port spec: the default where the runtime is private, a free one on a shared machine. */
	allocatePort(spec: PortSpec): Promise<number>;
	spawn(request: SpawnRequest): Promise<RuntimeProcess>;
	/** Subscribes to ports opening and closing; returns an unsubscribe function. */
	onPort(listener: (event: PortEvent) => void): () => void;
	/** Subscribes to the runtime being rebooted (every process and file gone); returns an unsubscribe function. */
	onReset(listener: () => void): () => void;
	/** Ends every process and frees the runtime. */
	teardown(): Promise<void>;
}

/** Why live running is off, for the recorded fallback's message. */
export type OffReason =
	| 'forced'
	| 'not-isolated'
	| 'unsupported-browser'
	| 'boot-timeout'
	| 'boot-failed'
	| 'boot-refused'
	| 'network-blocked';
