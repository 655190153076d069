// Re-recording keeps an earlier transcript only when the new run differs in clock times, pids,
// durations and output chunking; any real change (a status, a body, a command) counts as a change.
import { describe, expect, test } from 'vitest';
import type { TranscriptEntry } from '../../src/lib/scenario/transcript.ts';
import { maskVolatile, sameApartFromVolatile } from '../../src/lib/recording/volatile.ts';

const exchange = (date: string, status: string, body: string): TranscriptEntry => ({
	type: 'http',
	port: 'web',
	request: 'GET / HTTP/1.1\r\nHost: 127.0.0.1:8888\r\n\r\n',
	response: `HTTP/1.0 ${status}\r\nDate: ${date}\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
	truncated: false,
});
const out = (text: string, process = 'main'): TranscriptEntry => ({
	type: 'output',
	process,
	text,
});

describe('maskVolatile', () => {
	test('masks HTTP dates, log dates, ISO times, pids, durations, sizes and temp paths', () => {
		expect(
			maskVolatile(
				'Date: Tue, 01 Dec 2026 21:21:31 GMT\n127.0.0.1 - - [01/Dec/2026 21:21:31] "GET /"\n' +
					'at 2026-12-01T21:21:44.930489+00:00 by pid 24948 (pid=7) in 41 ms, 1003ms, 20.6 MB, /tmp/x-1/a',
			),
		).toBe(
			'Date: <http-date>\n127.0.0.1 - - <log-date> "GET /"\n' +
				'at <iso-time> by pid <n> (pid <n>) in <ms>, <ms>, <size>, <tmp>/a',
		);
	});

	test('leaves status codes, ports and other numbers alone', () => {
		const text = 'HTTP/1.0 404 File not found\nServing on port 8888, 3번째 요청';
		expect(maskVolatile(text)).toBe(text);
	});
});

describe('sameApartFromVolatile', () => {
	const a = [
		out('서버(pid 100) 시작\n'),
		exchange('Tue, 01 Dec 2026 21:21:31 GMT', '200 OK', 'pid 100'),
	];

	test('a run that differs only in dates, pids and lengths is the same', () => {
		const b = [
			out('서버(pid 98765) 시작\n'),
			exchange('Wed, 02 Dec 2026 08:00:00 GMT', '200 OK', 'pid 98765'),
		];
		expect(sameApartFromVolatile(a, b)).toBe(true);
	});

	test('output split into other chunks, or stdout and stderr lines interleaved otherwise, is the same', () => {
		const one = [out('Trying localhost...\nConnected.\nerror line\nlog line\n')];
		const two = [out('Trying localhost...'), out('\nConnected.\nlog line\n'), out('error line\n')];
		expect(sameApartFromVolatile(one, two)).toBe(true);
	});

	test('a different status, body, command or output word is a change', () => {
		const date = 'Tue, 01 Dec 2026 21:21:31 GMT';
		expect(sameApartFromVolatile(a, [a[0]!, exchange(date, '404 Not Found', 'pid 100')])).toBe(
			false,
		);
		expect(sameApartFromVolatile(a, [a[0]!, exchange(date, '200 OK', 'pid 100!')])).toBe(false);
		expect(sameApartFromVolatile(a, [out('서버(pid 100) 멈춤\n'), a[1]!])).toBe(false);
		expect(
			sameApartFromVolatile(
				[{ type: 'command', process: 'main', command: 'python3 a.py' }],
				[{ type: 'command', process: 'main', command: 'python3 b.py' }],
			),
		).toBe(false);
		expect(sameApartFromVolatile(a, a.slice(1))).toBe(false);
	});
});
