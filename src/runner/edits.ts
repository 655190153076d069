// A reader's edits, kept per snippet in the browser. Keyed by the snippet's id and stamped with the
// content hash they were made against, so a snippet changed by a new edition never silently loses
// to stale edits: the reader is offered both. Broken storage is reported, never fatal.
export interface SavedEdits {
	/** The snippet's content hash when the edits were made. */
	hash: string;
	/** Edited files only: path → content. */
	files: Record<string, string>;
	savedAt: string;
}

export type LoadedEdits =
	| { state: 'none' }
	| { state: 'current'; edits: SavedEdits }
	| { state: 'stale'; edits: SavedEdits }
	| { state: 'corrupt' };

const PREFIX = 'web-book:edits:';

export function editsKey(snippetId: string): string {
	return PREFIX + snippetId;
}

/** Reads a snippet's saved edits and says whether they match its current hash. */
export function loadEdits(
	storage: Pick<Storage, 'getItem'> | undefined,
	snippetId: string,
	hash: string,
): LoadedEdits {
	let text: string | null;
	try {
		text = storage?.getItem(editsKey(snippetId)) ?? null;
	} catch {
		return { state: 'corrupt' };
	}
	if (text === null) return { state: 'none' };
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return { state: 'corrupt' };
	}
	if (!isSavedEdits(value)) return { state: 'corrupt' };
	return { state: value.hash === hash ? 'current' : 'stale', edits: value };
}

/** Saves edits; with no edited file left, forgets them. Returns false when storage refused (full, blocked). */
export function saveEdits(
	storage: Pick<Storage, 'setItem' | 'removeItem'> | undefined,
	snippetId: string,
	hash: string,
	files: Record<string, string>,
): boolean {
	try {
		if (Object.keys(files).length === 0) storage?.removeItem(editsKey(snippetId));
		else
			storage?.setItem(
				editsKey(snippetId),
				JSON.stringify({ hash, files, savedAt: new Date().toISOString() }),
			);
		return storage !== undefined;
	} catch {
		return false;
	}
}

export function forgetEdits(
	storage: Pick<Storage, 'removeItem'> | undefined,
	snippetId: string,
): void {
	try {
		storage?.removeItem(editsKey(snippetId));
	} catch {
		// nothing to forget in a blocked storage
	}
}

function isSavedEdits(value: unknown): value is SavedEdits {
	if (typeof value !== 'object' || value === null) return false;
	const v = value as Record<string, unknown>;
	if (typeof v['hash'] !== 'string' || typeof v['files'] !== 'object' || v['files'] === null)
		return false;
	return Object.values(v['files'] as Record<string, unknown>).every((c) => typeof c === 'string');
}
