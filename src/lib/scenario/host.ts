// What the scenario runner needs from the place it runs in. Real Node on this machine implements it
// (tests and the build's recording); the page's live runtimes can implement it too, so one runner
// checks a snippet everywhere.
import type { PortSpec } from '../snippets/schema.ts';

export interface ProcessExit {
	code: number | null;
	signal: string | null;
}

export interface ScenarioProcess {
	/** Called with each piece of stdout or stderr text, in arrival order. */
	onOutput(listener: (text: string) => void): void;
	/** Writes to stdin. */
	write(text: string): void;
	/** Closes stdin. */
	end(): void;
	/** Ends the process and everything it started; resolves once it is gone. */
	kill(): Promise<void>;
	/** Settles when the process exits. */
	readonly exited: Promise<ProcessExit>;
}

export interface SpawnOptions {
	/** The snippet whose folder is the working directory. */
	snippetId: string;
	env: Record<string, string>;
	/** The ports the process is expected to open (a page runtime watches them to announce them). */
	ports?: number[];
}

export interface ScenarioHost {
	/** A port number for a port the snippet opens: a free one in tests, the default in a sandbox. */
	allocatePort(spec: PortSpec): Promise<number>;
	/** Starts `argv` (program first) in the snippet's folder. */
	spawn(argv: string[], options: SpawnOptions): Promise<ScenarioProcess>;
	/** Resolves true once something accepts connections on the port, false after the timeout. */
	waitForPort(port: number, timeoutMs: number): Promise<boolean>;
	/** Sends raw bytes over a new TCP connection and resolves with everything received until the server closes. */
	request(port: number, raw: string, timeoutMs: number): Promise<string>;
	/** The version of the program that runs the variant, e.g. `v20.20.2` or `Python 3.11.7`. */
	runtimeVersion(variant: 'node' | 'python'): Promise<string>;
}
