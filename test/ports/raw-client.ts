// A raw-TCP HTTP client for conformance tests: it sends exact bytes and reads until the server
// closes (or a timeout), then parses leniently. fetch and http.get cannot read what Python's
// http.server sends for early errors (body only) or from CGI scripts (LF-only header lines).
import net from 'node:net';

export interface RawResponse {
	/** Every byte received. */
	raw: Buffer;
	/** The server closed without sending a single byte. */
	dropped: boolean;
	/** We gave up waiting before the server closed the connection. */
	timedOut: boolean;
	/** `HTTP/1.0 200 OK`, or null when the response does not start with a status line. */
	statusLine: string | null;
	version: string | null;
	status: number | null;
	reason: string | null;
	/** Header lines in order, names as sent. A line without a colon becomes `[line, '']`. */
	headers: Array<[string, string]>;
	/** Whether the header lines ended with CRLF (false if any ended with a bare LF). */
	crlf: boolean;
	/** Everything after the blank line, or the whole response when there is no status line. */
	body: Buffer;
	text: string;
	header(name: string): string | undefined;
	headerAll(name: string): string[];
}

export interface RawRequestOptions {
	host?: string;
	/** Give up after this long (default 5000 ms). */
	timeoutMs?: number;
	/** Half-close our side after sending (default false). */
	halfClose?: boolean;
	/** Send these pieces one after another with this pause between them. */
	pauseMs?: number;
}

/** Sends `request` (a latin-1 string, bytes, or pieces) and resolves with the parsed response. */
export function rawRequest(
	port: number,
	request: string | Buffer | Array<string | Buffer>,
	options: RawRequestOptions = {},
): Promise<RawResponse> {
	const pieces = (Array.isArray(request) ? request : [request]).map((piece) =>
		typeof piece === 'string' ? Buffer.from(piece, 'latin1') : piece,
	);
	const { host = '127.0.0.1', timeoutMs = 5000, halfClose = false, pauseMs = 0 } = options;
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		let timedOut = false;
		let settled = false;
		const socket = net.connect({ host, port });
		const finish = () => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			socket.destroy();
			resolve(parseResponse(Buffer.concat(chunks), timedOut));
		};
		const timer = setTimeout(() => {
			timedOut = true;
			finish();
		}, timeoutMs);
		socket.on('data', (chunk: Buffer) => chunks.push(chunk));
		socket.on('error', finish);
		socket.on('close', finish);
		socket.on('end', finish);
		socket.on('connect', async () => {
			for (const [index, piece] of pieces.entries()) {
				if (socket.destroyed) return;
				if (index > 0 && pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
				socket.write(piece);
			}
			if (halfClose) socket.end();
		});
	});
}

/** Lenient response parser: accepts CRLF or LF header lines, and bodies without any status line. */
export function parseResponse(raw: Buffer, timedOut = false): RawResponse {
	const headers: Array<[string, string]> = [];
	let statusLine: string | null = null;
	let body = raw;
	let crlf = true;
	if (raw.subarray(0, 5).toString('latin1') === 'HTTP/') {
		let start = 0;
		let ended = false;
		while (start < raw.length) {
			const newline = raw.indexOf(0x0a, start);
			const end = newline < 0 ? raw.length : newline;
			let line = raw.subarray(start, end).toString('latin1');
			if (line.endsWith('\r')) line = line.slice(0, -1);
			else if (newline >= 0) crlf = false;
			start = newline < 0 ? raw.length : newline + 1;
			if (statusLine === null) {
				statusLine = line;
				continue;
			}
			if (line === '') {
				ended = true;
				break;
			}
			const colon = line.indexOf(':');
			headers.push(colon < 0 ? [line, ''] : [line.slice(0, colon), line.slice(colon + 1).trim()]);
		}
		body = ended ? raw.subarray(start) : Buffer.alloc(0);
	}
	const match =
		statusLine === null ? null : /^(HTTP\/\d+\.\d+) (\d{3})(?: (.*))?$/.exec(statusLine);
	const lookup = (name: string) =>
		headers.filter(([key]) => key.toLowerCase() === name.toLowerCase()).map(([, value]) => value);
	return {
		raw,
		dropped: raw.length === 0,
		timedOut,
		statusLine,
		version: match?.[1] ?? null,
		status: match?.[2] ? Number(match[2]) : null,
		reason: match ? (match[3] ?? '') : null,
		headers,
		crlf,
		body,
		text: body.toString('utf8'),
		header: (name) => lookup(name)[0],
		headerAll: lookup,
	};
}

/** A plain, well-formed request, to check that a server still answers after something hostile. */
export function simpleGet(path: string, extraHeaders = ''): string {
	return `GET ${path} HTTP/1.0\r\nHost: localhost\r\n${extraHeaders}\r\n`;
}

/** The same request to our port and to Python's, at the same moment. */
export async function sendToBoth(
	servers: { ours: { port: number }; python: { port: number } },
	request: string | Buffer,
	options?: RawRequestOptions,
): Promise<{ ours: RawResponse; python: RawResponse }> {
	const [ours, python] = await Promise.all([
		rawRequest(servers.ours.port, request, options),
		rawRequest(servers.python.port, request, options),
	]);
	return { ours, python };
}

/** Header names in the order they were sent. */
export const headerNames = (response: RawResponse) => response.headers.map(([name]) => name);

/**
 * One connection that stays open for several requests (HTTP/1.1 keep-alive). `send` writes bytes;
 * `next` reads exactly one response, using Content-Length for its body (none for HEAD, 1xx, 204 and
 * 304). A response without a length is read until the server closes. `closed` resolves when the
 * server ends the connection.
 */
export class Connection {
	#socket: net.Socket;
	#buffer = Buffer.alloc(0);
	#ended = false;
	#wake: (() => void) | null = null;
	readonly closed: Promise<void>;

	private constructor(socket: net.Socket) {
		this.#socket = socket;
		socket.on('data', (chunk: Buffer) => {
			this.#buffer = Buffer.concat([this.#buffer, chunk]);
			this.#notify();
		});
		this.closed = new Promise((resolve) => {
			const end = () => {
				this.#ended = true;
				this.#notify();
				resolve();
			};
			socket.on('end', end);
			socket.on('close', end);
			socket.on('error', end);
		});
	}

	static open(port: number, host = '127.0.0.1'): Promise<Connection> {
		return new Promise((resolve, reject) => {
			const socket = net.connect({ host, port }, () => resolve(new Connection(socket)));
			socket.once('error', reject);
		});
	}

	send(data: string | Buffer): void {
		this.#socket.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data);
	}

	/** The next response, or null when the connection ended first. Gives up after `timeoutMs`. */
	async next({ head = false, timeoutMs = 5000 } = {}): Promise<RawResponse | null> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const end = this.#buffer.indexOf('\r\n\r\n');
			if (end >= 0) {
				const parsed = parseResponse(this.#buffer.subarray(0, end + 4));
				const noBody =
					head || [204, 304].includes(parsed.status ?? 0) || (parsed.status ?? 0) < 200;
				const declared = parsed.header('Content-Length');
				const length = noBody ? 0 : declared === undefined ? null : Number(declared);
				const total = length === null ? null : end + 4 + length;
				if (total !== null && this.#buffer.length >= total) {
					const response = parseResponse(this.#buffer.subarray(0, total));
					this.#buffer = this.#buffer.subarray(total);
					return response;
				}
				if (total === null && this.#ended) {
					const response = parseResponse(this.#buffer);
					this.#buffer = Buffer.alloc(0);
					return response;
				}
			} else if (this.#ended) {
				return null;
			}
			if (Date.now() > deadline) throw new Error('no complete response in time');
			await new Promise<void>((resolve) => {
				this.#wake = resolve;
				setTimeout(resolve, 50);
			});
		}
	}

	/** Whether the server closed the connection within `timeoutMs`. */
	async closesWithin(timeoutMs: number): Promise<boolean> {
		return Promise.race([
			this.closed.then(() => true),
			new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs)),
		]);
	}

	destroy(): void {
		this.#socket.destroy();
	}

	#notify() {
		const wake = this.#wake;
		this.#wake = null;
		wake?.();
	}
}
