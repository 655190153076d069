// The lines a chapter teaches in a snippet's file, and the folds that hide the rest. Pure and shared
// (no imports: the live runner bundles it):
// the static shell folds the highlighted code with it at build, and the editor folds the same lines,
// so the page does not move when the editor takes the code's place.

/** Lines `from`–`to` of a file, 1-based and inclusive. */
export interface LineSpan {
	from: number;
	to: number;
}

/** By file path: the lines being taught and the lines folded away. */
export type FileFocus = Record<string, { focus: LineSpan[]; folds: LineSpan[] }>;

/** A run of untaught lines shorter than this stays in view: folding it would save nothing. */
export const MIN_FOLD_LINES = 3;

/** `"12-40"` → `{ from: 12, to: 40 }`; `"7"` → `{ from: 7, to: 7 }`. */
export function parseLineRange(range: string): LineSpan | undefined {
	const match = /^([1-9]\d*)(?:-([1-9]\d*))?$/.exec(range.trim());
	if (!match) return undefined;
	const from = Number(match[1]);
	const to = Number(match[2] ?? match[1]);
	return from <= to ? { from, to } : undefined;
}

/** The runs of lines outside `focus` (of `lineCount` lines) long enough to fold, in order. */
export function foldsOutside(lineCount: number, focus: LineSpan[]): LineSpan[] {
	const taught = new Array<boolean>(lineCount + 2).fill(false);
	for (const span of focus)
		for (let line = span.from; line <= Math.min(span.to, lineCount); line++) taught[line] = true;
	const folds: LineSpan[] = [];
	let start = 0;
	for (let line = 1; line <= lineCount + 1; line++) {
		const outside = line <= lineCount && !taught[line];
		if (outside && !start) start = line;
		if (!outside && start) {
			if (line - start >= MIN_FOLD_LINES) folds.push({ from: start, to: line - 1 });
			start = 0;
		}
	}
	return folds;
}

/** Lines as an editor counts them, not counting the empty line after a final newline. */
export function countLines(text: string): number {
	return text.replace(/\n$/, '').split('\n').length;
}

/** `[{from: 12, to: 40}]` → `"12–40"`, for the reader. */
export function describeSpans(spans: LineSpan[]): string {
	return spans.map((s) => (s.from === s.to ? `${s.from}` : `${s.from}–${s.to}`)).join(', ');
}

/** The text of a fold's summary, shared by the static code and the editor so both read the same. */
export function foldLabel(span: LineSpan): string {
	return `⋯ ${span.from}–${span.to}번째 줄 (${span.to - span.from + 1}줄) 접힘`;
}
