import { describe, expect, test } from 'vitest';
import {
	buildRawRequest,
	headerValue,
	parseRawResponse,
	splitMessage,
	splitResponses,
	unescapeRaw,
} from '../../src/lib/http/raw.ts';
import { groupTranscript } from '../../src/lib/scenario/transcript.ts';

describe('buildRawRequest', () => {
	test('adds Host, Content-Length in bytes and Connection: close, with CRLF line ends', () => {
		const raw = buildRawRequest({
			method: 'POST',
			path: '/books',
			host: 'localhost:8888',
			headers: { 'Content-Type': 'text/plain; charset=utf-8' },
			body: '한글',
		});
		expect(raw).toBe(
			'POST /books HTTP/1.1\r\nHost: localhost:8888\r\nContent-Type: text/plain; charset=utf-8\r\n' +
				'Content-Length: 6\r\nConnection: close\r\n\r\n한글',
		);
	});

	test('keeps headers the author gave, in any case', () => {
		const raw = buildRawRequest({
			method: 'GET',
			path: '/',
			host: 'a:1',
			headers: { host: 'example.com', connection: 'keep-alive' },
		});
		expect(raw).toBe('GET / HTTP/1.1\r\nhost: example.com\r\nconnection: keep-alive\r\n\r\n');
	});
});

describe('parseRawResponse', () => {
	test('reads status, headers in order, and decodes a chunked body by bytes', () => {
		const res = parseRawResponse(
			'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-A: 1\r\n\r\n6\r\n안녕\r\n1\r\n!\r\n0\r\n\r\n',
		);
		expect(res.status).toBe(200);
		expect(res.reason).toBe('OK');
		expect(res.headers).toEqual([
			['Transfer-Encoding', 'chunked'],
			['X-A', '1'],
		]);
		expect(res.body).toBe('안녕!');
		expect(headerValue(res, 'x-a')).toBe('1');
	});

	test('accepts LF-only heads, like the output of a Python CGI script', () => {
		const res = parseRawResponse(
			'HTTP/1.0 200 Script output follows\nContent-Type: text/plain\n\nhi\n',
		);
		expect(res.status).toBe(200);
		expect(headerValue(res, 'content-type')).toBe('text/plain');
		expect(res.body).toBe('hi\n');
	});

	test('treats a reply without a status line as a body-only (HTTP/0.9-style) response', () => {
		const res = parseRawResponse('<html>just a body</html>');
		expect(res.status).toBeUndefined();
		expect(res.body).toBe('<html>just a body</html>');
	});
});

describe('splitMessage', () => {
	test('splits a request into start line, headers, blank line and body', () => {
		expect(splitMessage('POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhi')).toEqual({
			startLine: 'POST /x HTTP/1.1',
			headers: ['Host: a', 'Content-Length: 2'],
			blankLine: true,
			body: 'hi',
		});
	});

	test('says when the head never ended', () => {
		expect(splitMessage('HTTP/1.1 200 OK\r\nServer: x\r\n').blankLine).toBe(false);
	});
});

test('unescapeRaw turns written escapes into control characters', () => {
	expect(unescapeRaw('GET / HTTP/1.0\\r\\n\\r\\n\\x00\\t')).toBe('GET / HTTP/1.0\r\n\r\n\0\t');
});

test('groupTranscript keeps one terminal block per run of one process', () => {
	const blocks = groupTranscript([
		{ type: 'command', process: 'main', command: 'node a.mjs' },
		{ type: 'output', process: 'main', text: 'ready\n' },
		{ type: 'output', process: 'svc', text: 'GET /\n' },
		{ type: 'note', text: '설명' },
		{ type: 'exit', process: 'main', code: 0, signal: null },
	]);
	expect(
		blocks.map((b) => (b.type === 'terminal' ? `${b.process}:${b.lines.length}` : b.type)),
	).toEqual(['main:2', 'svc:1', 'note', 'main:1']);
});

test('splitResponses separates an interim 100 Continue from the final response', () => {
	expect(
		splitResponses('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nLocation: /x\r\n\r\nok'),
	).toEqual(['HTTP/1.1 100 Continue\r\n\r\n', 'HTTP/1.1 201 Created\r\nLocation: /x\r\n\r\nok']);
	expect(splitResponses('HTTP/1.1 200 OK\r\n\r\n')).toEqual(['HTTP/1.1 200 OK\r\n\r\n']);
});
