// Whether the Python tab can run its code here, and what it says (src/runner/python-gate.ts), and
// where Python's own tracebacks point (src/runner/ui/diagnostics.ts), read from real Python output.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSnippet } from '../../src/lib/snippets/load.ts';
import {
	codeOnly,
	gateText,
	parsePythonVersion,
	pythonGate,
	removedFailure,
	removedUses,
} from '../../src/runner/python-gate.ts';
import { mountedFiles, pythonErrorLocation } from '../../src/runner/ui/diagnostics.ts';

const pythonOf = (id: string) =>
	loadSnippet(id)
		.files.filter((f) => f.role === 'python')
		.map((f) => f.content);

describe('Python versions', () => {
	it('reads what the probe reports, releases and pre-releases alike', () => {
		expect(parsePythonVersion('3.11.7')).toEqual({ major: 3, minor: 11, text: '3.11.7' });
		expect(parsePythonVersion('3.15.0rc1')).toMatchObject({ major: 3, minor: 15 });
		expect(parsePythonVersion('3.14')).toMatchObject({ major: 3, minor: 14 });
		expect(parsePythonVersion(undefined)).toBeUndefined();
		expect(parsePythonVersion('Python 3.11.7')).toBeUndefined();
	});
});

describe('what of Python the code uses that a later Python removed', () => {
	it("finds CGIHTTPRequestHandler in the cgi-http-server snippet's Python, not in cgi-server's comment about it", () => {
		expect(removedUses(pythonOf('cgi-http-server').join('\n')).map((r) => r.name)).toEqual([
			'CGIHTTPRequestHandler',
		]);
		// cgi_server.py of cgi-server names the class in a comment only: it uses subprocess instead.
		const cgiServer = pythonOf('cgi-server').join('\n');
		expect(cgiServer).toContain('CGIHTTPRequestHandler');
		expect(removedUses(cgiServer)).toEqual([]);
	});

	it('counts imports of a removed module and uses of a removed class, never comments or strings', () => {
		const names = (code: string) => removedUses(code).map((r) => r.name);
		expect(names('import cgi\nform = cgi.FieldStorage()\n')).toEqual(['cgi']);
		expect(names('import os, cgitb\ncgitb.enable()\n')).toEqual(['cgitb']);
		expect(names('from cgi import FieldStorage\n')).toEqual(['cgi']);
		expect(names('import http.server\nh = http.server.CGIHTTPRequestHandler\n')).toEqual([
			'CGIHTTPRequestHandler',
		]);
		expect(names('from http.server import (\n    CGIHTTPRequestHandler,\n)\n')).toEqual([
			'CGIHTTPRequestHandler',
		]);
		expect(names('# import cgi\nprint("CGIHTTPRequestHandler는 사라졌습니다")\n')).toEqual([]);
		expect(names('doc = """\nimport cgi\n"""\nimport cgitb_like\n')).toEqual([]);
		// A `#` inside a string starts no comment: the import after it counts.
		expect(names("s = 'it\\'s # not a comment'; import cgi\n")).toEqual(['cgi']);
	});

	it('keeps line numbers when blanking comments and strings', () => {
		const code = 'a = "x # y"  # note\n"""two\nlines"""\nb = 1\n';
		expect(codeOnly(code).split('\n')).toHaveLength(code.split('\n').length);
		expect(codeOnly(code)).not.toContain('note');
		expect(codeOnly(code)).toContain('b = 1');
	});
});

describe('the Python tab before Run', () => {
	const cgi = pythonOf('cgi-http-server');
	const curl = pythonOf('curl');

	it('runs Python 3.11 to 3.14 under the local runtime, the CGI code included', () => {
		for (const python of ['3.11.7', '3.12.1', '3.14.0']) {
			const gate = pythonGate({ runtime: 'local', python }, cgi);
			expect(gate).toMatchObject({ state: 'ready', removed: [] });
			expect(gateText(gate)).toContain(`이 컴퓨터의 python3(파이썬 ${python})`);
		}
	});

	it('on 3.15 flags the CGI code before Run and still offers Run; other code is not flagged', () => {
		const gate = pythonGate({ runtime: 'local', python: '3.15.0' }, cgi);
		expect(gate.state).toBe('ready');
		const text = gateText(gate);
		expect(text).toMatch(/^이 컴퓨터의 python3는 파이썬 3\.15\.0입니다\./);
		expect(text).toContain(
			'CGIHTTPRequestHandler 클래스는 파이썬 3.15에서 사라졌습니다(3.14 이하 필요)',
		);
		expect(gateText(pythonGate({ runtime: 'local', python: '3.15.0' }, curl))).not.toContain(
			'사라졌습니다',
		);
	});

	it('on 3.13 flags `import cgi`, and not on 3.12', () => {
		const code = ['import cgi\nprint(cgi.FieldStorage())\n'];
		const on13 = pythonGate({ runtime: 'local', python: '3.13.1' }, code);
		expect(gateText(on13)).toContain('cgi 모듈은 파이썬 3.13에서 사라졌습니다(3.12 이하 필요)');
		expect(pythonGate({ runtime: 'local', python: '3.12.8' }, code)).toMatchObject({
			removed: [],
		});
	});

	it('says why there is no Run in a WebContainer, with the recording only, and without a usable Python', () => {
		expect(pythonGate({ runtime: 'webcontainer' }, curl).state).toBe('browser');
		expect(gateText({ state: 'browser' })).toContain('WebContainer)에는 파이썬이 없어서');
		expect(pythonGate({ runtime: 'recorded' }, curl).state).toBe('recorded');
		expect(pythonGate({ runtime: 'local' }, curl).state).toBe('no-python');
		// An endpoint that reported an older Python would get no Run either.
		expect(pythonGate({ runtime: 'local', python: '3.10.12' }, curl).state).toBe('no-python');
		expect(gateText({ state: 'no-python' })).toContain('python3(파이썬 3.11 이상)를 찾지 못해');
	});
});

describe('a Python run that failed on something its Python removed', () => {
	it('is explained from what Python printed: a class that cannot be imported, a module that is not there', () => {
		const v315 = parsePythonVersion('3.15.0');
		const failed = removedFailure(
			"Traceback (most recent call last):\n  File \"/t/cgi_server.py\", line 6, in <module>\n    from http.server import CGIHTTPRequestHandler, ThreadingHTTPServer\nImportError: cannot import name 'CGIHTTPRequestHandler' from 'http.server' (/usr/lib/python3.15/http/server.py)\n",
			v315,
		);
		expect(failed).toContain('이 컴퓨터의 파이썬은 3.15.0입니다.');
		expect(failed).toContain('파이썬 3.14 이하로 실행하거나');
		expect(
			removedFailure(
				"AttributeError: module 'http.server' has no attribute 'CGIHTTPRequestHandler'",
				v315,
			),
		).toContain('CGIHTTPRequestHandler 클래스는');
		expect(
			removedFailure("ModuleNotFoundError: No module named 'cgi'", parsePythonVersion('3.13.0')),
		).toContain('urllib.parse.parse_qs');
		expect(removedFailure("NameError: name 'x' is not defined", v315)).toBeUndefined();
		expect(removedFailure("ModuleNotFoundError: No module named 'cgix'", v315)).toBeUndefined();
	});
});

describe("where Python's traceback points, from real Python output", () => {
	const root = mkdtempSync(join(tmpdir(), 'py-traceback-'));
	const dir = join(root, 'snippets', 'demo');
	mkdirSync(dir, { recursive: true });
	afterAll(() => rmSync(root, { recursive: true, force: true }));
	const resolve = mountedFiles(
		new Map([
			['snippets/demo/main.py', 'main.py'],
			['snippets/demo/helper.py', 'helper.py'],
		]),
		'_services',
	);

	/** Runs `main.py` (with `helper.py` beside it) as the local runtime does, and returns what it printed. */
	function run(main: string, helper = 'def boom():\n    raise ValueError("helper failed")\n') {
		writeFileSync(join(dir, 'main.py'), main);
		writeFileSync(join(dir, 'helper.py'), helper);
		try {
			execFileSync('python3', ['main.py'], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
		} catch (error) {
			return (error as { stderr: string }).stderr;
		}
		throw new Error('main.py did not fail');
	}

	it('a syntax error: its line, with Python’s message', () => {
		const at = pythonErrorLocation(run('ok = 1\nx = = 2\n'), resolve);
		expect(at).toEqual({ path: 'main.py', line: 2, message: 'SyntaxError: invalid syntax' });
	});

	it("an exception: the innermost frame in the snippet's files, not the standard library", () => {
		const out = run('import json\n\n\ndef main():\n    json.loads("{not json")\n\n\nmain()\n');
		expect(out).toContain('json/decoder.py');
		expect(pythonErrorLocation(out, resolve)).toMatchObject({
			path: 'main.py',
			line: 5,
			message: expect.stringMatching(/^json\.decoder\.JSONDecodeError: /),
		});
		expect(pythonErrorLocation(run('import helper\nhelper.boom()\n'), resolve)).toEqual({
			path: 'helper.py',
			line: 2,
			message: 'ValueError: helper failed',
		});
	});

	it('an exception raised while handling another: the last traceback', () => {
		const out = run('try:\n    1 / 0\nexcept ZeroDivisionError:\n    raise KeyError("second")\n');
		expect(out).toContain('During handling of the above exception');
		expect(pythonErrorLocation(out, resolve)).toEqual({
			path: 'main.py',
			line: 4,
			message: "KeyError: 'second'",
		});
	});

	it('nothing for output without a traceback in the snippet', () => {
		expect(pythonErrorLocation('웹 서버 시작\n', resolve)).toBeUndefined();
		expect(
			pythonErrorLocation(
				'Traceback (most recent call last):\n  File "/usr/lib/python3.11/x.py", line 3, in f\nOSError: no\n',
				resolve,
			),
		).toBeUndefined();
	});
});
