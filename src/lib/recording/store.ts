// Recorded transcripts on disk, one JSON file per snippet and hash. A snippet whose files did not
// change keeps its hash, so its transcript is reused and the snippet is never run again.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createNodeHost } from '../scenario/node-host.ts';
import { runScenario } from '../scenario/run.ts';
import type { Transcript } from '../scenario/transcript.ts';
import { SnippetError, type Snippet } from '../snippets/load.ts';

export function transcriptsDir(root = process.cwd()): string {
	return (
		process.env['BOOK_TRANSCRIPTS_DIR'] ??
		join(root, 'node_modules', '.cache', 'web-book', 'transcripts')
	);
}

function fileFor(snippet: Pick<Snippet, 'id' | 'hash'>, root: string) {
	return join(transcriptsDir(root), `${snippet.id}.${snippet.hash}.json`);
}

/** The stored transcript for this exact version of the snippet, if there is one. */
export function readTranscript(
	snippet: Pick<Snippet, 'id' | 'hash'>,
	root = process.cwd(),
): Transcript | undefined {
	try {
		const transcript = JSON.parse(readFileSync(fileFor(snippet, root), 'utf8')) as Transcript;
		return transcript.hash === snippet.hash && transcript.ok ? transcript : undefined;
	} catch {
		return undefined;
	}
}

export interface RecordResult {
	transcript: Transcript;
	/** True when the snippet ran; false when an unchanged snippet's transcript was reused. */
	ran: boolean;
}

const inFlight = new Map<string, Promise<RecordResult>>();

/** Returns the snippet's transcript, running its scenario only if this version has none yet. Throws if the scenario fails. */
export function recordSnippet(snippet: Snippet, root = process.cwd()): Promise<RecordResult> {
	const existing = readTranscript(snippet, root);
	if (existing) return Promise.resolve({ transcript: existing, ran: false });
	const key = `${snippet.id}.${snippet.hash}`;
	const pending = inFlight.get(key);
	if (pending) return pending;
	const run = (async () => {
		const transcript = await runScenario(
			snippet,
			createNodeHost({ snippetsDir: join(root, 'snippets') }),
		);
		if (!transcript.ok)
			throw new SnippetError(snippet.id, `its scenario failed: ${transcript.failure}`);
		const dir = transcriptsDir(root);
		mkdirSync(dir, { recursive: true });
		// Older recordings of this snippet can never be used again.
		for (const name of readdirSync(dir)) {
			if (name.startsWith(`${snippet.id}.`) && name !== `${key}.json`)
				rmSync(join(dir, name), { force: true });
		}
		writeFileSync(fileFor(snippet, root), JSON.stringify(transcript, null, '\t'));
		return { transcript, ran: true };
	})().finally(() => inFlight.delete(key));
	inFlight.set(key, run);
	return run;
}

export interface RecordAllResult {
	ran: string[];
	reused: string[];
}

/** Called as each snippet is settled: `ran` is false when its stored transcript was reused. */
export type RecordProgress = (snippet: { id: string; ran: boolean; failed: boolean }) => void;

export interface RecordAllOptions {
	/** The project folder. @default process.cwd() */
	root?: string;
	/** Snippets recorded at the same time. @default 2 */
	concurrency?: number;
	/** Told about each snippet as it is settled, for progress lines. */
	onSettled?: RecordProgress;
}

/** Records every snippet that needs it, a few at a time; all failures are reported together. */
export async function recordAll(
	snippets: Snippet[],
	{ root = process.cwd(), concurrency = 2, onSettled = () => {} }: RecordAllOptions = {},
): Promise<RecordAllResult> {
	const result: RecordAllResult = { ran: [], reused: [] };
	const failures: string[] = [];
	const queue = [...snippets];
	const worker = async () => {
		for (let snippet = queue.shift(); snippet; snippet = queue.shift()) {
			try {
				const { ran } = await recordSnippet(snippet, root);
				(ran ? result.ran : result.reused).push(snippet.id);
				onSettled({ id: snippet.id, ran, failed: false });
			} catch (error) {
				failures.push((error as Error).message);
				onSettled({ id: snippet.id, ran: true, failed: true });
			}
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	if (failures.length) {
		throw new Error(
			`${failures.length} snippet(s) could not be recorded:\n\n${failures.join('\n\n')}`,
		);
	}
	result.ran.sort();
	result.reused.sort();
	return result;
}
