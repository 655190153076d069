// Where an error points: the file and line of a syntax error or an uncaught exception, read from
// what Node printed (the `file:line` header above the caret, else the first stack frame in the
// snippet's own code) or from Python's traceback (its innermost frame in the snippet's own code), so
// the editor can mark that line. Pure: text in, location out.

export interface ErrorLocation {
	/** The editor's path of the file (as `resolve` named it). */
	path: string;
	/** 1-based. */
	line: number;
	/** 1-based, when Node said. */
	column?: number;
	/** Node's (or Python's) own line, e.g. `SyntaxError: Unexpected token '='`. */
	message: string;
}

/** `SyntaxError: …`, `Error: …`, `Error [ERR_MODULE_NOT_FOUND]: …`. */
const MESSAGE = /^([A-Z][A-Za-z]*Error|Error)(?: \[[A-Z0-9_]+\])?: .*$/;
/** The line Node prints above the source and caret: `file:///…/server.mjs:3`. */
const HEADER = /^(\S+):(\d+)$/;
/** A stack frame: `at deep (file:///…/x.mjs:2:9)` or `at file:///…/x.mjs:4:1`. */
const FRAME = /^\s+at (?:.*?\()?(\S+?):(\d+):(\d+)\)?$/;

/** The output's lines, without the colour escapes a terminal would have drawn. */
function plainLines(output: string): string[] {
	// eslint-disable-next-line no-control-regex
	return output.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').split(/\r?\n/);
}

/**
 * The location of the last error in `output`. `resolve` turns a path or URL Node printed into the
 * editor's path of one of the snippet's files, or undefined for anything else (Node's internals, a
 * service's files): those are passed over.
 */
export function errorLocation(
	output: string,
	resolve: (printed: string) => string | undefined,
): ErrorLocation | undefined {
	const lines = plainLines(output);
	let at = -1;
	for (let i = lines.length - 1; i >= 0; i--) {
		if (MESSAGE.test(lines[i] ?? '')) {
			at = i;
			break;
		}
	}
	if (at < 0) return undefined;
	const message = (lines[at] ?? '').trim();
	// The header, a few lines up: the source line and the caret sit between.
	for (let i = at - 1; i >= Math.max(0, at - 6); i--) {
		const header = HEADER.exec(lines[i] ?? '');
		if (!header) continue;
		const path = resolve(header[1] ?? '');
		if (!path) break;
		const caret = lines.slice(i + 1, at).find((l) => /^\s*\^+\s*$/.test(l));
		const column = caret === undefined ? undefined : caret.indexOf('^') + 1;
		return { path, line: Number(header[2]), ...(column ? { column } : {}), message };
	}
	for (let i = at + 1; i < lines.length; i++) {
		const frame = FRAME.exec(lines[i] ?? '');
		if (!frame) {
			if ((lines[i] ?? '').trim() === '') continue;
			break;
		}
		const path = resolve(frame[1] ?? '');
		if (path) return { path, line: Number(frame[2]), column: Number(frame[3]), message };
	}
	return undefined;
}

/**
 * A resolver for `errorLocation`: a printed path or `file://` URL that ends in one of `mounted`
 * (path in the runtime's tree, e.g. `snippets/echo/server.mjs` → the editor's `server.mjs`).
 * A service's copy (under its own tree) is not the reader's file and resolves to nothing.
 */
export function mountedFiles(mounted: Map<string, string>, serviceRoot: string) {
	return (printed: string): string | undefined => {
		let path = printed;
		try {
			if (path.startsWith('file://')) path = decodeURIComponent(new URL(path).pathname);
		} catch {
			return undefined;
		}
		if (path.includes(`/${serviceRoot}/`)) return undefined;
		for (const [tree, editorPath] of mounted)
			if (path === tree || path.endsWith(`/${tree}`)) return editorPath;
		return undefined;
	};
}

/** A frame of a Python traceback: `  File "/…/server.py", line 12, in do_GET` (a syntax error: no `in`). */
const PY_FRAME = /^\s+File "(.+)", line (\d+)(?:, in .*)?$/;
const PY_TRACEBACK = /^Traceback \(most recent call last\):$/;

/**
 * The location of Python's last uncaught exception in `output`: the innermost frame of its traceback
 * that `resolve` names as one of the snippet's files (the snippet's code calling into the standard
 * library is marked where it called), with the exception's line as the message. No column: Python
 * prints the source line without its indentation, so its caret does not count from the line's start.
 */
export function pythonErrorLocation(
	output: string,
	resolve: (printed: string) => string | undefined,
): ErrorLocation | undefined {
	const lines = plainLines(output);
	let last = -1;
	for (let i = lines.length - 1; i >= 0; i--) {
		if (PY_FRAME.test(lines[i] ?? '')) {
			last = i;
			break;
		}
	}
	if (last < 0) return undefined;
	const message = lines.slice(last + 1).find((l) => /^\S/.test(l));
	if (!message) return undefined;
	// Only the last traceback: an exception raised while handling another prints both.
	let start = last;
	while (start > 0 && !PY_TRACEBACK.test(lines[start] ?? '')) start--;
	for (let i = last; i >= start; i--) {
		const frame = PY_FRAME.exec(lines[i] ?? '');
		if (!frame) continue;
		const path = resolve(frame[1] ?? '');
		if (path) return { path, line: Number(frame[2]), message: message.trim() };
	}
	return undefined;
}
