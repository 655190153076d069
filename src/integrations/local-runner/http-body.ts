// Request bodies and answers of the endpoint. A body over the limit gets a 413 after the rest of it
// has been read and thrown away (closing a socket with unread data resets it, and the client would
// never see the answer), up to a hard bound past which the connection is simply closed.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from './http-error.ts';

/** Past this many bytes an oversized body is no longer drained: the connection is dropped. */
const DRAIN_BOUND = 64 * 1024 * 1024;

export function readJson(req: IncomingMessage, maxBytes: number): Promise<unknown> {
	return new Promise((resolveBody, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		const tooLarge = (unread = false) =>
			new HttpError(413, `request body over ${maxBytes} bytes`, unread);
		const declared = Number(req.headers['content-length']);
		if (Number.isFinite(declared) && declared > DRAIN_BOUND) {
			reject(tooLarge(true));
			return;
		}
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > DRAIN_BOUND) {
				reject(tooLarge(true));
				req.pause();
				return;
			}
			if (size <= maxBytes) chunks.push(chunk);
			else chunks.length = 0;
		});
		req.on('end', () => {
			if (size > maxBytes) return reject(tooLarge());
			const text = Buffer.concat(chunks).toString('utf8');
			if (!text) return resolveBody({});
			try {
				resolveBody(JSON.parse(text));
			} catch {
				reject(new HttpError(400, 'body is not JSON'));
			}
		});
		req.on('error', reject);
	});
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
	res.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'cache-control': 'no-store',
	});
	res.end(JSON.stringify(body));
}
