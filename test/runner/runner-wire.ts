// The local runner's HTTP wire from the client's side, for tests that talk to it with exactly the
// headers they choose: one call and its whole answer, and a session's event stream read line by line.
import { request, type IncomingMessage, type RequestOptions } from 'node:http';
import type { WireEvent } from '../../src/runner/protocol.ts';

export interface Answer {
	status: number;
	headers: IncomingMessage['headers'];
	body: string;
}

/** Sends one request (with `body`, if any) and resolves with the whole answer as text. */
export function rawCall(options: RequestOptions, body?: string | Buffer): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const req = request(options, (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (c: string) => (text += c));
			res.on('end', () =>
				resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }),
			);
		});
		req.on('error', reject);
		req.end(body);
	});
}

export interface EventStream {
	/** Every event read so far, in order. */
	events: WireEvent[];
	/** Resolves with the stream's status once its headers are in. */
	opened: Promise<number>;
	/** Stops reading (the socket fills, as under a page that does not keep up). */
	pause(): void;
	resume(): void;
	close(): void;
}

/** Opens a session's event stream (`options` name its path and headers); events collect in `events`. */
export function readEvents(options: RequestOptions, events: WireEvent[] = []): EventStream {
	let buffer = '';
	let pause = () => {};
	let resume = () => {};
	let close = () => {};
	const opened = new Promise<number>((ok, fail) => {
		const req = request(options, (res) => {
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => {
				buffer += chunk;
				let nl: number;
				while ((nl = buffer.indexOf('\n')) !== -1) {
					events.push(JSON.parse(buffer.slice(0, nl)) as WireEvent);
					buffer = buffer.slice(nl + 1);
				}
			});
			res.on('error', () => {});
			pause = () => res.pause();
			resume = () => res.resume();
			ok(res.statusCode ?? 0);
		});
		req.on('error', fail);
		close = () => req.destroy();
		req.end();
	});
	return { events, opened, pause: () => pause(), resume: () => resume(), close: () => close() };
}
