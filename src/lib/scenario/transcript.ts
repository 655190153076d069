// The transcript: what a scenario run did and what came back, in order, as plain data.
// The build stores it as JSON and the snippet shell renders it; nothing here runs anything.

export type TranscriptEntry =
	/** A command started in a terminal, shown as `$ node server.mjs`. */
	| { type: 'command'; process: string; command: string }
	/** What a process printed (stdout and stderr, in the order they arrived). */
	| { type: 'output'; process: string; text: string }
	/** Text typed into a process's stdin. */
	| { type: 'input'; process: string; text: string }
	/** One HTTP exchange: the raw request sent and the raw response received. */
	| { type: 'http'; port: string; request: string; response: string; truncated: boolean }
	/** A process ended. */
	| { type: 'exit'; process: string; code: number | null; signal: string | null }
	/** The note a scenario author wrote for the step that follows. */
	| { type: 'note'; text: string };

export interface Transcript {
	snippetId: string;
	/** The hash of everything the run depended on; an unchanged hash means an unchanged transcript. */
	hash: string;
	variant: 'node' | 'python';
	/** When the run happened (ISO 8601). */
	recordedAt: string;
	/** The Node or Python version that ran it, e.g. `v20.20.2`. */
	runtimeVersion: string;
	durationMs: number;
	ok: boolean;
	/** Why the run failed: names the step and what was expected. */
	failure?: string;
	entries: TranscriptEntry[];
}

/** Transcripts longer than this (per HTTP body or output chunk) are cut, with a marker. */
export const TRANSCRIPT_TEXT_LIMIT = 6_000;

/** Cuts long text and says how much was left out. */
export function clip(
	text: string,
	limit = TRANSCRIPT_TEXT_LIMIT,
): { text: string; truncated: boolean } {
	if (text.length <= limit) return { text, truncated: false };
	return {
		text: `${text.slice(0, limit)}\n… (${text.length - limit}자 생략)`,
		truncated: true,
	};
}

export type TranscriptBlock =
	| { type: 'note'; text: string }
	| {
			type: 'terminal';
			process: string;
			lines: Array<{ type: 'command' | 'output' | 'input' | 'exit'; text: string }>;
	  }
	| { type: 'http'; request: string; response: string };

/** Groups entries for display: consecutive lines of one process share a terminal block. */
export function groupTranscript(entries: TranscriptEntry[]): TranscriptBlock[] {
	const blocks: TranscriptBlock[] = [];
	for (const entry of entries) {
		if (entry.type === 'note') {
			blocks.push({ type: 'note', text: entry.text });
			continue;
		}
		if (entry.type === 'http') {
			blocks.push({ type: 'http', request: entry.request, response: entry.response });
			continue;
		}
		const text =
			entry.type === 'exit'
				? String(entry.code ?? `signal ${entry.signal}`)
				: entry.type === 'command'
					? entry.command
					: entry.text;
		const last = blocks.at(-1);
		if (last?.type === 'terminal' && last.process === entry.process) {
			last.lines.push({ type: entry.type, text });
		} else {
			blocks.push({
				type: 'terminal',
				process: entry.process,
				lines: [{ type: entry.type, text }],
			});
		}
	}
	return blocks;
}
