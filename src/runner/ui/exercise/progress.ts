// Which exercises the reader has passed, kept in the browser: one entry per exercise id with the
// exercise's hash at the time (src/lib/exercises/bundle.ts), so an exercise changed by a new edition
// counts as not passed until it is passed again. Storage that cannot be read is ignored, and the
// caller is told so it can say it; the next pass writes a fresh record over it.

export const PROGRESS_KEY = 'web-book:exercises';

/** What is kept: exercise id → when and against which version of the exercise it was passed. */
export interface ProgressRecord {
	version: 1;
	passed: Record<string, { hash: string; at: string }>;
}

export type LoadedProgress =
	| { state: 'ok'; record: ProgressRecord }
	/** Unreadable (not JSON, not a record) or blocked: treated as empty. */
	| { state: 'corrupt'; record: ProgressRecord };

type Readable = Pick<Storage, 'getItem'> | undefined;
type Writable = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined;

const empty = (): ProgressRecord => ({ version: 1, passed: {} });

export function loadProgress(storage: Readable): LoadedProgress {
	let text: string | null;
	try {
		text = storage?.getItem(PROGRESS_KEY) ?? null;
	} catch {
		return { state: 'corrupt', record: empty() };
	}
	if (text === null) return { state: 'ok', record: empty() };
	try {
		const value: unknown = JSON.parse(text);
		if (isRecord(value)) return { state: 'ok', record: value };
	} catch {
		// reported below
	}
	return { state: 'corrupt', record: empty() };
}

/** True when this version of the exercise was passed. */
export function hasPassed(record: ProgressRecord, id: string, hash: string): boolean {
	return record.passed[id]?.hash === hash;
}

/** Passed exercises among `exercises` (this version of each). */
export function countPassed(
	record: ProgressRecord,
	exercises: Array<{ id: string; hash: string }>,
): number {
	return exercises.filter((e) => hasPassed(record, e.id, e.hash)).length;
}

/** Remembers a pass; returns false when storage refused it. */
export function markPassed(storage: Writable, id: string, hash: string, now = new Date()): boolean {
	const { record } = loadProgress(storage);
	record.passed[id] = { hash, at: now.toISOString() };
	return write(storage, record);
}

/** Forgets the given exercises' passes (every exercise's when `ids` is omitted). */
export function clearProgress(storage: Writable, ids?: string[]): boolean {
	if (!ids) {
		try {
			storage?.removeItem(PROGRESS_KEY);
			return storage !== undefined;
		} catch {
			return false;
		}
	}
	const { record } = loadProgress(storage);
	for (const id of ids) delete record.passed[id];
	return write(storage, record);
}

function write(storage: Writable, record: ProgressRecord): boolean {
	try {
		storage?.setItem(PROGRESS_KEY, JSON.stringify(record));
		return storage !== undefined;
	} catch {
		return false;
	}
}

function isRecord(value: unknown): value is ProgressRecord {
	if (typeof value !== 'object' || value === null) return false;
	const v = value as Record<string, unknown>;
	if (v['version'] !== 1 || typeof v['passed'] !== 'object' || v['passed'] === null) return false;
	return Object.values(v['passed'] as Record<string, unknown>).every(
		(entry) =>
			typeof entry === 'object' &&
			entry !== null &&
			typeof (entry as Record<string, unknown>)['hash'] === 'string' &&
			typeof (entry as Record<string, unknown>)['at'] === 'string',
	);
}

/** The page's storage, or undefined where it is blocked. */
export function pageStorage(): Storage | undefined {
	try {
		return localStorage;
	} catch {
		return undefined;
	}
}

/** Sent on `document` when progress changes, so the sidebar and the other exercises redraw. */
export const PROGRESS_EVENT = 'web-book:exercise-progress';
