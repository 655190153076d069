// Recorded runs of the snippets' Python code, kept in the repository (`transcripts/python/<id>.json`)
// so that building the site never needs Python. `npm run record:python` writes them; each carries a
// hash of what it was recorded from, and the tests fail when that no longer matches the snippet.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScenarioHost } from '../scenario/host.ts';
import { hasRunnablePython, runScenario } from '../scenario/run.ts';
import type { Transcript } from '../scenario/transcript.ts';
import { loadSnippet, SnippetError, type Snippet } from '../snippets/load.ts';
import { sameApartFromVolatile } from './volatile.ts';

/** Bump when the Python transcripts' format or the way they are recorded changes. */
export const PYTHON_RECORDING_VERSION = 1;

export function pythonTranscriptsDir(root = process.cwd()): string {
	return join(root, 'transcripts', 'python');
}

function fileFor(id: string, root: string): string {
	return join(pythonTranscriptsDir(root), `${id}.json`);
}

/**
 * The hash of everything a Python run depends on: the manifest's Python command, ports, services
 * and the steps that run for Python; every file of the snippet (a Python server may run the
 * snippet's Node CGI scripts or serve its assets); and the services, whose output is in the run.
 * The title and the Node-only steps are left out, so editing them leaves the recording fresh.
 */
export function pythonTranscriptHash(snippet: Snippet, root = process.cwd()): string {
	const { python, ports, services, scenario } = snippet.manifest;
	// Only what decides the run: the tab's texts (`fromLecture`, `note`, `differences`) are not.
	const run = python && {
		file: python.file,
		files: python.files,
		command: python.command,
		...(python.shared.length ? { shared: python.shared } : {}),
	};
	const hash = createHash('sha256');
	hash.update(`python recording ${PYTHON_RECORDING_VERSION}\n`);
	hash.update(
		JSON.stringify({
			python: run,
			ports,
			services,
			scenario: scenario.filter((step) => step.only !== 'node'),
		}),
	);
	for (const file of snippet.files) hash.update(`\0${file.path}\0${file.content}`);
	for (const service of snippet.services) {
		hash.update(`\0service ${service.id} ${loadSnippet(service.id, root).hash}`);
	}
	return hash.digest('hex').slice(0, 16);
}

export interface StoredPythonTranscript {
	transcript: Transcript;
	/** False when the snippet changed after the recording: `npm run record:python` makes a new one. */
	fresh: boolean;
}

/** The committed Python transcript of a snippet, if there is one. */
export function readPythonTranscript(
	snippet: Snippet,
	root = process.cwd(),
): StoredPythonTranscript | undefined {
	const file = fileFor(snippet.id, root);
	if (!existsSync(file)) return undefined;
	let transcript: Transcript;
	try {
		transcript = JSON.parse(readFileSync(file, 'utf8')) as Transcript;
	} catch (error) {
		throw new SnippetError(
			snippet.id,
			`transcripts/python/${snippet.id}.json is not valid JSON (run npm run record:python)`,
			{ cause: error },
		);
	}
	return { transcript, fresh: transcript.hash === pythonTranscriptHash(snippet, root) };
}

/** Ids of stored Python transcripts, sorted. */
export function storedPythonTranscriptIds(root = process.cwd()): string[] {
	const dir = pythonTranscriptsDir(root);
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((name) => name.endsWith('.json'))
		.map((name) => name.slice(0, -'.json'.length))
		.sort();
}

export interface PythonRecordResult {
	id: string;
	/** `new`: there was none; `changed`: the output changed; `same`: only volatile values differed, so the earlier file was kept; `fresh`: not run. */
	outcome: 'new' | 'changed' | 'same' | 'fresh';
}

/**
 * Runs the snippet's Python code through its scenario and stores the transcript, unless the stored
 * one is fresh (or `force`). When the new run differs from the stored one only in clock times,
 * pids and durations, the stored run is kept with the new hash, so re-recording does not churn.
 * Throws when the scenario fails.
 */
export async function recordPythonTranscript(
	snippet: Snippet,
	host: ScenarioHost,
	options: { root?: string; force?: boolean } = {},
): Promise<PythonRecordResult> {
	const root = options.root ?? process.cwd();
	if (!hasRunnablePython(snippet.manifest)) {
		throw new SnippetError(snippet.id, 'it has no Python command to record');
	}
	const stored = readPythonTranscript(snippet, root);
	if (stored?.fresh && !options.force) return { id: snippet.id, outcome: 'fresh' };
	const hash = pythonTranscriptHash(snippet, root);
	const run = await runScenario(snippet, host, { variant: 'python' });
	if (!run.ok) throw new SnippetError(snippet.id, `its Python run failed: ${run.failure}`);
	const keep =
		stored !== undefined &&
		stored.transcript.runtimeVersion === run.runtimeVersion &&
		sameApartFromVolatile(stored.transcript.entries, run.entries);
	const transcript: Transcript = keep
		? { ...stored.transcript, hash }
		: { ...run, hash, snippetId: snippet.id };
	mkdirSync(pythonTranscriptsDir(root), { recursive: true });
	writeFileSync(fileFor(snippet.id, root), `${JSON.stringify(transcript, null, '\t')}\n`);
	return { id: snippet.id, outcome: stored === undefined ? 'new' : keep ? 'same' : 'changed' };
}
