// Progress lines while a build records snippets: the first build of a clone runs every snippet
// (15 s or more), and a reader waiting for `npm start` should see it move, group by group.
import type { RecordProgress } from './store.ts';

export interface ProgressOptions {
	/** How many snippets will really run (the others reuse their stored transcript). */
	toRecord: number;
	/** All snippets of the book. */
	total: number;
	/** Prints one line. */
	print: (line: string) => void;
	/** A line after every this many recorded snippets (and after the last). @default 5 */
	groupSize?: number;
	/** Milliseconds since some origin. @default Date.now */
	now?: () => number;
}

/** Prints the opening line now and returns the callback for `recordAll`, which prints the rest. */
export function recordingProgress(options: ProgressOptions): RecordProgress {
	const { toRecord, total, print, groupSize = 5, now = Date.now } = options;
	const started = now();
	let recorded = 0;
	let group: string[] = [];
	if (toRecord === total && total > 0) {
		print(
			`recording all ${total} snippets in real Node; later builds run only the snippets that change`,
		);
	} else if (toRecord > 0) {
		print(
			`recording ${toRecord} changed snippets of ${total} in real Node (${total - toRecord} unchanged, reused)`,
		);
	}
	return ({ id, ran, failed }) => {
		if (!ran) return;
		recorded += 1;
		group.push(failed ? `${id} FAILED` : id);
		if (group.length < groupSize && recorded < toRecord) return;
		const seconds = ((now() - started) / 1000).toFixed(1);
		print(`recorded ${recorded}/${toRecord} in ${seconds} s (${group.join(', ')})`);
		group = [];
	};
}
