// The "in our own words" check: which lecture lines share a 30-character run with a text. Works on
// the fingerprints in test/content/lecture-fingerprints.json, never on the lecture's text.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const fingerprints = JSON.parse(
	readFileSync(join(import.meta.dirname, '..', 'content', 'lecture-fingerprints.json'), 'utf8'),
) as { window: number; lines: string[][] };

function fingerprint(text: string): string {
	return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

/** Numbers (1-based) of the lecture lines that `text` repeats for 30 characters or more. */
export function copiedLectureLines(text: string): number[] {
	const { window, lines } = fingerprints;
	const flat = text.replace(/\s+/g, ' ');
	const seen = new Set<string>();
	for (let i = 0; i + window <= flat.length; i++) seen.add(fingerprint(flat.slice(i, i + window)));
	return lines.flatMap((hashes, index) => (hashes.some((h) => seen.has(h)) ? [index + 1] : []));
}
