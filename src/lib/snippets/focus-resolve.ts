// A snippet's focus (the manifest's, or a chapter's own) checked against its files and turned into
// spans and folds, at build. Mistakes fail the build naming the snippet, the file and the line.
import { SnippetError } from './load.ts';
import { countLines, foldsOutside, parseLineRange, type FileFocus } from './focus.ts';

/** The focus of a snippet's files as spans and folds; a file or line that does not exist is an error. */
export function resolveFocus(
	snippetId: string,
	files: Array<{ path: string; content: string }>,
	focus: Record<string, string[]>,
): FileFocus {
	const resolved: FileFocus = {};
	for (const [path, ranges] of Object.entries(focus)) {
		const file = files.find((f) => f.path === path);
		if (!file)
			throw new SnippetError(
				snippetId,
				`focus names ${path}, which is not one of the snippet's files (${files.map((f) => f.path).join(', ')})`,
			);
		const lineCount = countLines(file.content);
		const spans = ranges.map((range) => {
			const span = parseLineRange(range);
			if (!span)
				throw new SnippetError(
					snippetId,
					`focus.${path}: "${range}" is not a line number or a range like "12-40"`,
				);
			if (span.to > lineCount)
				throw new SnippetError(
					snippetId,
					`focus.${path}: "${range}" goes past the file's last line (${lineCount})`,
				);
			return span;
		});
		resolved[path] = { focus: spans, folds: foldsOutside(lineCount, spans) };
	}
	return resolved;
}
