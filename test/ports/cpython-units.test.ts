// CPython's in-process unit tests that have a counterpart in our port, translated: the same vectors
// and checks, against our functions instead of CPython's. cpython/plan.ts lists each original as not
// applicable to a server in another process and points here.
import net from 'node:net';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { difference } from '../../src/lib/ports/differences';
import { SimpleHTTPRequestHandler } from '../../snippets/_shared/http-server.mjs';
import { urlCollapsePath } from '../../snippets/_shared/http-server/cgi.mjs';
import { FileWrapper, ServerHandler } from '../../snippets/_shared/wsgiref.mjs';

/** A handler on an unconnected socket: enough for the methods that never touch the network. */
function handlerFor(directory?: string) {
	return new SimpleHTTPRequestHandler(new net.Socket(), { options: { directory } });
}

describe('test_httpservers', () => {
	it('CGIHTTPServerTestCase.test_url_collapse_path: the same vectors through urlCollapsePath', () => {
		const vectors: Record<string, string | 'IndexError'> = {
			'': '//',
			'..': 'IndexError',
			'/.//..': 'IndexError',
			'/': '//',
			'//': '//',
			'/\\': '//\\',
			'/.//': '//',
			'cgi-bin/file1.py': '/cgi-bin/file1.py',
			'/cgi-bin/file1.py': '/cgi-bin/file1.py',
			a: '//a',
			'/a': '//a',
			'//a': '//a',
			'./a': '//a',
			'./C:/': '/C:/',
			'/a/b': '/a/b',
			'/a/b/': '/a/b/',
			'/a/b/.': '/a/b/',
			'/a/b/c/..': '/a/b/',
			'/a/b/c/../d': '/a/b/d',
			'/a/b/c/../d/e/../f': '/a/b/d/f',
			'/a/b/c/../d/e/../../f': '/a/b/f',
			'/a/b/c/../d/e/.././././..//f': '/a/b/f',
			'../a/b/c/../d/e/.././././..//f': 'IndexError',
			'/a/b/c/../d/e/../../../f': '/a/f',
			'/a/b/c/../d/e/../../../../f': '//f',
			'/a/b/c/../d/e/../../../../../f': 'IndexError',
			'/a/b/c/../d/e/../../../../f/..': '//',
			'/a/b/c/../d/e/../../../../f/../.': '//',
		};
		expect(difference('cgi-collapse-indexerror').python).toContain('IndexError');
		for (const [input, expected] of Object.entries(vectors)) {
			const { path: collapsed } = urlCollapsePath(input) as { path: string };
			// Where CPython raises IndexError (too many ..), ours stops at the top: a path inside the root.
			if (expected === 'IndexError') expect(collapsed, input).toMatch(/^\//);
			else expect(collapsed, input).toBe(expected);
		}
	});

	it('SimpleHTTPRequestHandlerTestCase.test_query_arguments: query and fragment never reach the path', () => {
		// CPython keeps a relative directory relative ('foo/filename'); ours resolves it once, up front.
		const cases: Array<[string | undefined, string]> = [
			[undefined, path.join(process.cwd(), 'filename')],
			['foo', path.resolve('foo', 'filename')],
			['bar', path.resolve('bar', 'filename')],
		];
		for (const [directory, expected] of cases) {
			const handler = handlerFor(directory);
			for (const target of ['/filename', '/filename?foo=bar', '/filename?a=b&spam=eggs#zot']) {
				expect(handler.translatePath(target), target).toBe(expected);
			}
		}
	});

	it('SimpleHTTPRequestHandlerTestCase.test_start_with_double_slash', () => {
		for (const directory of [undefined, 'foo', 'bar']) {
			const handler = handlerFor(directory);
			const expected = path.resolve(directory ?? '.', 'filename');
			expect(handler.translatePath('//filename')).toBe(expected);
			expect(handler.translatePath('//filename?foo=bar')).toBe(expected);
		}
	});

	it('BaseHTTPRequestHandlerTestCase.test_date_time_string: the format CPython used to build by hand', () => {
		const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
		const months = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');
		const pad = (n: number) => String(n).padStart(2, '0');
		const now = Date.now();
		const t = new Date(now);
		const expected =
			`${days[t.getUTCDay()]}, ${pad(t.getUTCDate())} ${months[t.getUTCMonth()]} ${t.getUTCFullYear()} ` +
			`${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())} GMT`;
		expect(handlerFor().dateTimeString(now)).toBe(expected);
	});
});

/** A file-like object over a string, like io.StringIO: read(size) and close(). */
function stringFile(text: string) {
	let position = 0;
	return {
		closed: false,
		async read(size: number) {
			const chunk = text.slice(position, position + size);
			position += chunk.length;
			return Buffer.from(chunk);
		},
		async close() {
			this.closed = true;
		},
	};
}

/** A ServerHandler writing to an in-memory socket; `stderr` collects what it logs. */
function wsgiHandler(socket = new PassThrough()) {
	const logged: string[] = [];
	const handler = new ServerHandler({
		stdin: null,
		socket,
		stderr: { write: (text: string) => logged.push(text) },
		environ: { REQUEST_METHOD: 'GET', SERVER_PROTOCOL: 'HTTP/1.0' },
		requestHandler: undefined,
	});
	return { handler, logged, socket };
}

describe('test_wsgiref', () => {
	it('UtilityTests.testFileWrapper: blocks of the given size; close() only when asked', async () => {
		const file = stringFile('xyz'.repeat(50));
		const wrapper = new FileWrapper(file, 120);
		const blocks = [];
		for await (const block of wrapper) blocks.push(block.toString());
		expect(blocks).toEqual(['xyz'.repeat(40), 'xyz'.repeat(10)]);
		expect(file.closed).toBe(false);
		await wrapper.close();
		expect(file.closed).toBe(true);
	});

	it('UtilityTests.testHopByHop: start_response refuses hop-by-hop headers in any case', () => {
		const hop =
			'Connection Keep-Alive Proxy-Authenticate Proxy-Authorization TE Trailers Transfer-Encoding Upgrade';
		const title = (name: string) =>
			name.replace(/\w+/g, (word) => word[0]?.toUpperCase() + word.slice(1).toLowerCase());
		for (const name of hop.split(' ')) {
			for (const alt of [name, title(name), name.toUpperCase(), name.toLowerCase()]) {
				expect(() => wsgiHandler().handler.startResponse('200 OK', [[alt, 'x']]), alt).toThrow(
					/Hop-by-hop header/,
				);
			}
		}
		for (const name of 'Accept Cache-Control Date Pragma Trailer Via Warning'.split(' ')) {
			for (const alt of [name, title(name), name.toUpperCase(), name.toLowerCase()]) {
				expect(
					() => wsgiHandler().handler.startResponse('200 OK', [[alt, 'x']]),
					alt,
				).not.toThrow();
			}
		}
	});

	it('HandlerTests.testCloseOnError: the iterable is closed when it raises after output', async () => {
		const sideEffects = { closeCalled: false };
		const app = (
			_environ: unknown,
			startResponse: (s: string, h: unknown[]) => (b: Buffer) => void,
		) => {
			startResponse('200 OK', [])(Buffer.from('Some output has been sent'));
			return {
				*[Symbol.iterator]() {
					yield Buffer.from('blah');
					throw new Error('This should be caught by handler');
				},
				close() {
					sideEffects.closeCalled = true;
				},
			};
		};
		const { handler, logged } = wsgiHandler();
		await handler.run(app);
		expect(sideEffects.closeCalled).toBe(true);
		expect(logged.join('')).toContain('This should be caught by handler');
	});

	it('HandlerTests.testClientConnectionTerminations: a client that is gone is not an error to log', async () => {
		const socket = new PassThrough();
		socket.destroy();
		const { handler, logged } = wsgiHandler(socket);
		await handler.run((_environ: unknown, startResponse: (s: string, h: unknown[]) => void) => {
			startResponse('200 OK', [['Content-Type', 'text/plain']]);
			return [Buffer.from('Hello, world!')];
		});
		expect(logged).toEqual([]);
	});
});
