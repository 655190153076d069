// Parts of recorded output that change on every run (clock times, process ids, durations, memory
// figures, temp paths) although nothing the snippet does has changed. Re-recording compares
// transcripts with these masked, so an unchanged run keeps its earlier transcript byte for byte.
import type { TranscriptEntry } from '../scenario/transcript.ts';

const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const WEEKDAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';

/** Each kind of value that varies between two runs of the same scenario, with the mark that replaces it. */
const VOLATILE: Array<[RegExp, string]> = [
	// HTTP dates: `Date:`, `Last-Modified:` (file times change with every checkout), `Expires:`.
	[new RegExp(`${WEEKDAY}, \\d{2} ${MONTH} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT`, 'g'), '<http-date>'],
	// http.server's log lines: `[01/Dec/2026 21:21:31]`.
	[new RegExp(`\\[\\d{2}/${MONTH}/\\d{4} \\d{2}:\\d{2}:\\d{2}\\]`, 'g'), '<log-date>'],
	// ISO 8601 instants printed by the snippets (`2026-12-01T21:21:44.930489+00:00`).
	[/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?/g, '<iso-time>'],
	// Process ids: `pid 24948`, `pid=24948`.
	[/\bpid[ =:]?\d+/gi, 'pid <n>'],
	// Durations and memory figures: `41 ms`, `0.71 ms`, `1003ms`, `20.6 MB`.
	[/\b\d+(?:\.\d+)? ?ms\b/g, '<ms>'],
	[/\b\d+(?:\.\d+)? ?(?:KB|MB|KiB|MiB)\b/g, '<size>'],
	// A body's length moves with the pids and times printed in it; the body itself is compared.
	[/^(Content-Length: )\d+/gim, '$1<n>'],
	// Temporary folders.
	[/\/tmp\/[\w.-]+/g, '<tmp>'],
];

/** The text with every volatile value replaced by a mark naming its kind. */
export function maskVolatile(text: string): string {
	let out = text;
	for (const [pattern, mark] of VOLATILE) out = out.replace(pattern, mark);
	return out;
}

/** An entry with its texts masked, as one string to compare. */
function maskedEntry(entry: TranscriptEntry): string {
	return JSON.stringify(entry, (_key, value: unknown) =>
		typeof value === 'string' ? maskVolatile(value) : value,
	);
}

/**
 * What two runs must share to count as the same: every command, input, exchange, exit and note in
 * order, and, per process, the same words of output. Output is compared as a bag of words because
 * its chunking and the interleaving of stdout with stderr (a REPL's prompts, a log line racing an
 * error line) vary from run to run.
 */
function signature(entries: TranscriptEntry[]): string {
	const events: string[] = [];
	const output = new Map<string, string[]>();
	for (const entry of entries) {
		if (entry.type !== 'output') {
			events.push(maskedEntry(entry));
			continue;
		}
		const words = output.get(entry.process) ?? [];
		words.push(...maskVolatile(entry.text).split(/\s+/).filter(Boolean));
		output.set(entry.process, words);
	}
	const bags = [...output.entries()]
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([process, words]) => [process, words.sort()]);
	return JSON.stringify({ events, bags });
}

/** True when two runs printed and exchanged the same things, apart from volatile values. */
export function sameApartFromVolatile(a: TranscriptEntry[], b: TranscriptEntry[]): boolean {
	return signature(a) === signature(b);
}
