// A session's event stream to its page: newline-delimited JSON, written only as fast as the page
// reads it (a `write` that returns false waits for `drain`). What the page has not taken yet waits
// here, capped in bytes; output past the cap is dropped, counted per process, and the page is told
// how much with a `dropped` event, so memory stays bounded however fast snippets print.
import type { ServerResponse } from 'node:http';
import type { WireEvent } from '../../runner/protocol.ts';

export class EventStream {
	#res: ServerResponse | undefined;
	#queue: Array<{ line: string; bytes: number }> = [];
	#queuedBytes = 0;
	#congested = false;
	/** Bytes of output dropped per pid, not yet reported. */
	#dropped = new Map<string, number>();
	readonly #maxQueuedBytes: number;
	readonly #onDrain = () => {
		this.#congested = false;
		this.#flush();
	};

	constructor(maxQueuedBytes: number) {
		this.#maxQueuedBytes = maxQueuedBytes;
	}

	/** Whether a page is reading. */
	get attached(): boolean {
		return this.#res !== undefined && !this.#res.writableEnded;
	}

	/** Bytes waiting for the page (for tests and the bench). */
	get queuedBytes(): number {
		return this.#queuedBytes;
	}

	/** Makes `res` the page's stream (ending any earlier one) and sends it what waited. */
	attach(res: ServerResponse): void {
		this.detach();
		this.#res = res;
		this.#congested = false;
		res.on('drain', this.#onDrain);
		this.#flush();
	}

	/** Ends the current stream; events wait again. */
	detach(): void {
		const res = this.#res;
		if (!res) return;
		this.release(res);
		if (!res.writableEnded) res.end();
	}

	/** Stops writing to `res` if it is still the stream (it closed: the page went away). */
	release(res: ServerResponse): void {
		if (this.#res !== res) return;
		res.off('drain', this.#onDrain);
		this.#res = undefined;
	}

	send(event: WireEvent): void {
		const pid = 'pid' in event ? event.pid : undefined;
		if (event.t === 'out') {
			const line = JSON.stringify(event) + '\n';
			if (
				this.#queuedBytes + Buffer.byteLength(line) > this.#maxQueuedBytes &&
				this.#queue.length > 0
			) {
				const bytes = Buffer.byteLength(event.d);
				this.#dropped.set(event.pid, (this.#dropped.get(event.pid) ?? 0) + bytes);
				return;
			}
			this.#reportDropped(event.pid);
			this.#enqueue(line);
		} else {
			// Exits and ports are few and small: never dropped, and they follow what was dropped before them.
			if (pid !== undefined) this.#reportDropped(pid);
			this.#enqueue(JSON.stringify(event) + '\n');
		}
		this.#flush();
	}

	#reportDropped(pid: string) {
		const bytes = this.#dropped.get(pid);
		if (bytes === undefined) return;
		this.#dropped.delete(pid);
		this.#enqueue(JSON.stringify({ t: 'dropped', pid, bytes } satisfies WireEvent) + '\n');
	}

	#enqueue(line: string) {
		const bytes = Buffer.byteLength(line);
		this.#queue.push({ line, bytes });
		this.#queuedBytes += bytes;
	}

	#flush() {
		const res = this.#res;
		while (res && !res.writableEnded && !this.#congested && this.#queue.length > 0) {
			const next = this.#queue.shift();
			if (!next) break;
			this.#queuedBytes -= next.bytes;
			if (!res.write(next.line)) this.#congested = true;
		}
		// Drops reported once there is room again, even if the process prints nothing more.
		if (this.#queue.length === 0 && this.#dropped.size > 0 && res && !this.#congested) {
			for (const pid of [...this.#dropped.keys()]) this.#reportDropped(pid);
			this.#flush();
		}
	}
}
