// Raw HTTP/1.x messages as text: building a request byte for byte and reading a response leniently.
// Pure functions (no Node or DOM APIs) so the scenario runner, the inspector and the tests share them.

export interface RawRequestInput {
	method: string;
	path: string;
	/** `host:port` for the Host header unless `headers` has one. */
	host: string;
	headers?: Record<string, string>;
	body?: string;
}

/** Builds the exact text of an HTTP/1.1 request; adds Host, Content-Length (with a body) and Connection: close. */
export function buildRawRequest({
	method,
	path,
	host,
	headers = {},
	body,
}: RawRequestInput): string {
	const lines = [`${method} ${path} HTTP/1.1`];
	const has = (name: string) => Object.keys(headers).some((h) => h.toLowerCase() === name);
	if (!has('host')) lines.push(`Host: ${host}`);
	for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
	if (body !== undefined && !has('content-length') && !has('transfer-encoding')) {
		lines.push(`Content-Length: ${utf8Length(body)}`);
	}
	// One request per connection: the response then ends when the server closes, whatever its framing.
	if (!has('connection')) lines.push('Connection: close');
	return lines.join('\r\n') + '\r\n\r\n' + (body ?? '');
}

/** Turns the escapes authors write in JSON (`\r`, `\n`, `\t`, `\0`, `\xHH`) into real characters. */
export function unescapeRaw(text: string): string {
	return text.replace(/\\(r|n|t|0|\\|x([0-9a-fA-F]{2}))/g, (_, c: string, hex?: string) => {
		if (hex) return String.fromCharCode(parseInt(hex, 16));
		return { r: '\r', n: '\n', t: '\t', '0': '\0', '\\': '\\' }[c] ?? c;
	});
}

export interface ParsedResponse {
	/** `HTTP/1.0`, `HTTP/1.1`; empty when the server sent no status line (HTTP/0.9-style). */
	version: string;
	status: number | undefined;
	reason: string;
	/** Header lines in order, names as sent. */
	headers: Array<[string, string]>;
	/** The body after transfer-decoding (chunked), as text. */
	body: string;
	/** The status line and headers exactly as received. */
	head: string;
}

/** Reads a response leniently: LF or CRLF line ends, no status line at all, chunked or close-delimited bodies. */
export function parseRawResponse(raw: string): ParsedResponse {
	const statusMatch = /^(HTTP\/\d+(?:\.\d+)?) (\d{3})(?: ([^\r\n]*))?\r?\n/.exec(raw);
	if (!statusMatch) {
		return { version: '', status: undefined, reason: '', headers: [], body: raw, head: '' };
	}
	const end = findHeadEnd(raw);
	const headEnd = end ? end.index : raw.length;
	const head = raw.slice(0, headEnd);
	const headers: Array<[string, string]> = [];
	for (const line of head.split(/\r?\n/).slice(1)) {
		const colon = line.indexOf(':');
		if (colon > 0) headers.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
	}
	let body = end ? raw.slice(end.index + end.length) : '';
	const te = headers.find(([n]) => n.toLowerCase() === 'transfer-encoding')?.[1] ?? '';
	if (/chunked/i.test(te)) body = decodeChunked(body);
	return {
		version: statusMatch[1] ?? '',
		status: Number(statusMatch[2]),
		reason: statusMatch[3] ?? '',
		headers,
		body,
		head,
	};
}

/** The value of a header (first match, any case), or undefined. */
export function headerValue(
	res: Pick<ParsedResponse, 'headers'>,
	name: string,
): string | undefined {
	const lower = name.toLowerCase();
	return res.headers.find(([n]) => n.toLowerCase() === lower)?.[1];
}

function findHeadEnd(raw: string): { index: number; length: number } | undefined {
	const crlf = raw.indexOf('\r\n\r\n');
	const lf = raw.indexOf('\n\n');
	if (crlf === -1 && lf === -1) return undefined;
	if (lf === -1 || (crlf !== -1 && crlf < lf)) return { index: crlf, length: 4 };
	return { index: lf, length: 2 };
}

function decodeChunked(text: string): string {
	// Chunk sizes count bytes, so decode on bytes, not UTF-16 units.
	const bytes = new TextEncoder().encode(text);
	const out: number[] = [];
	let i = 0;
	const decoder = new TextDecoder();
	while (i < bytes.length) {
		let lineEnd = bytes.indexOf(0x0a, i);
		if (lineEnd === -1) break;
		const size = parseInt(decoder.decode(bytes.subarray(i, lineEnd)).trim(), 16);
		if (!Number.isFinite(size) || size === 0) break;
		const start = lineEnd + 1;
		for (let j = start; j < Math.min(start + size, bytes.length); j++) out.push(bytes[j] ?? 0);
		i = start + size;
		// Skip the CRLF after the chunk.
		lineEnd = bytes.indexOf(0x0a, i);
		i = lineEnd === -1 ? bytes.length : lineEnd + 1;
	}
	return decoder.decode(new Uint8Array(out));
}

function utf8Length(text: string): number {
	return new TextEncoder().encode(text).length;
}

export interface MessageParts {
	/** The request line or status line; empty for a body-only (HTTP/0.9-style) message. */
	startLine: string;
	headers: string[];
	/** Whether a blank line ended the head. */
	blankLine: boolean;
	body: string;
}

/** Splits a raw message into its parts for display, keeping the text as it was (no decoding). */
export function splitMessage(raw: string): MessageParts {
	if (!/^(?:[A-Z]+ \S+ HTTP\/\d|HTTP\/\d)/.test(raw)) {
		return { startLine: '', headers: [], blankLine: false, body: raw };
	}
	const end = findHeadEnd(raw);
	const head = end ? raw.slice(0, end.index) : raw;
	const [startLine = '', ...headers] = head.split(/\r?\n/);
	return {
		startLine,
		headers,
		blankLine: end !== undefined,
		body: end ? raw.slice(end.index + end.length) : '',
	};
}

/**
 * Splits what a server sent into its messages: interim `1xx` responses (e.g. `100 Continue`) come
 * before the final one on the same connection, each with its own head.
 */
export function splitResponses(raw: string): string[] {
	const messages: string[] = [];
	let rest = raw;
	while (/^HTTP\/\d(?:\.\d)? 1\d\d\b/.test(rest)) {
		const end = findHeadEnd(rest);
		if (!end) break;
		messages.push(rest.slice(0, end.index + end.length));
		rest = rest.slice(end.index + end.length);
	}
	messages.push(rest);
	return messages;
}
