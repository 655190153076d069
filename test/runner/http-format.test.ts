import { describe, expect, it } from 'vitest';
import {
	checkForm,
	curlCommand,
	helperArgument,
	inspectorRawRequest,
	parseHelperOutput,
} from '../../src/runner/http-format.ts';

const form = { method: 'get', path: '/', headers: '', body: '' };

function ok(f: typeof form) {
	const check = checkForm(f);
	if (!check.ok) throw new Error(check.problem);
	return check;
}

describe('inspector formatting', () => {
	it('builds the exact raw request, its Host naming the address and port it goes to', () => {
		expect(inspectorRawRequest(ok(form), 8888)).toBe(
			'GET / HTTP/1.1\r\nHost: 127.0.0.1:8888\r\nConnection: close\r\n\r\n',
		);
		const post = ok({
			...form,
			method: 'POST',
			path: '/form',
			headers: 'Content-Type: text/plain\nX-A:  b ',
			body: '안녕',
		});
		expect(inspectorRawRequest(post, 8888)).toBe(
			'POST /form HTTP/1.1\r\nHost: 127.0.0.1:8888\r\nContent-Type: text/plain\r\nX-A: b\r\nContent-Length: 6\r\nConnection: close\r\n\r\n안녕',
		);
	});

	it('explains bad input in Korean instead of sending it', () => {
		expect(checkForm({ ...form, method: 'GE T' })).toMatchObject({
			ok: false,
			problem: expect.stringContaining('메서드'),
		});
		expect(checkForm({ ...form, path: '/a b' })).toMatchObject({
			ok: false,
			problem: expect.stringContaining('%20'),
		});
		expect(checkForm({ ...form, path: 'index.html' })).toMatchObject({
			ok: false,
			problem: expect.stringContaining('/로 시작'),
		});
		expect(checkForm({ ...form, headers: 'Accept text/html' })).toMatchObject({
			ok: false,
			problem: expect.stringContaining('1번째 줄'),
		});
	});

	it('gives the equivalent curl command, quoted for a shell', () => {
		expect(curlCommand(ok(form), 8888)).toBe('curl -i http://127.0.0.1:8888/');
		expect(curlCommand(ok({ ...form, method: 'HEAD' }), 8888)).toBe(
			'curl -i -I http://127.0.0.1:8888/',
		);
		expect(
			curlCommand(
				ok({ ...form, method: 'POST', body: "it's", headers: 'Content-Type: text/plain' }),
				8080,
			),
		).toBe(`curl -i -H 'Content-Type: text/plain' --data-binary 'it'\\''s' http://127.0.0.1:8080/`);
		expect(curlCommand(ok({ ...form, method: 'DELETE', path: '/a?x=1&y=2' }), 8080)).toBe(
			`curl -i -X DELETE 'http://127.0.0.1:8080/a?x=1&y=2'`,
		);
	});

	it('finds the helper result in terminal output and round-trips its argument', () => {
		const line =
			'@@inspect ' +
			JSON.stringify({
				request: 'GET / HTTP/1.1\r\n\r\n',
				response: 'HTTP/1.0 200 OK\r\n\r\nhi',
				ms: 3,
			});
		expect(parseHelperOutput(`\x1b[32mnoise\r\n${line}\r\n`)).toEqual({
			request: 'GET / HTTP/1.1\r\n\r\n',
			response: 'HTTP/1.0 200 OK\r\n\r\nhi',
			ms: 3,
		});
		expect(parseHelperOutput('nothing')).toBeUndefined();
		const arg = helperArgument(8080, 'GET / HTTP/1.1\r\n\r\n한글', 100);
		expect(JSON.parse(Buffer.from(arg, 'base64url').toString('utf8'))).toEqual({
			port: 8080,
			raw: 'GET / HTTP/1.1\r\n\r\n한글',
			timeoutMs: 100,
		});
	});
});
