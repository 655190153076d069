// Nothing the runner started outlives this server process. Node emits `exit` only when it exits by
// itself or by process.exit(); Ctrl+C (SIGINT), a closed terminal (SIGHUP) and `kill` (SIGTERM)
// would end it without one, and the runs (in process groups of their own, so the terminal's signal
// never reaches them) would live on. So these signals are handled: clean up, synchronously, then
// exit with the status a shell reports for that signal (128 + its number).
import { constants } from 'node:os';

const cleanups = new Set<() => void>();
const SIGNALS = ['SIGINT', 'SIGHUP', 'SIGTERM'] as const;
let installed = false;

function runAll() {
	for (const cleanup of [...cleanups]) {
		try {
			cleanup();
		} catch {
			// the next one must run too
		}
	}
	cleanups.clear();
}

/** Runs `cleanup` (synchronous) when the process ends, by exit or by one of the signals above. Returns an unregister function. */
export function onShutdown(cleanup: () => void): () => void {
	cleanups.add(cleanup);
	if (!installed) {
		installed = true;
		process.once('exit', runAll);
		for (const signal of SIGNALS) {
			process.on(signal, () => {
				runAll();
				process.exit(128 + constants.signals[signal]);
			});
		}
	}
	return () => cleanups.delete(cleanup);
}
