// Whether a snippet's Python code can run in the page, and what the Python tab says about it: only
// the local runtime runs Python (a WebContainer has only Node), only with Python 3.11 or later, and
// code that uses something a later Python removed (CGIHTTPRequestHandler in 3.15, the cgi module
// in 3.13) is flagged before Run and explained when it fails. Pure: versions and text in, verdicts
// and Korean sentences out.

/** A Python version, as the local endpoint's probe reports it (`3.11.7`, `3.15.0rc1`). */
export interface PythonVersion {
	major: number;
	minor: number;
	/** As printed, e.g. `3.11.7`. */
	text: string;
}

/** The oldest Python the local runtime runs (the endpoint refuses older ones too). */
export const OLDEST_PYTHON = { major: 3, minor: 11 } as const;

export function parsePythonVersion(text: string | undefined): PythonVersion | undefined {
	const m = /^(\d+)\.(\d+)(?:\.\d+)?(?:[a-z]+\d*)?\+?$/.exec(text?.trim() ?? '');
	if (!m) return undefined;
	return { major: Number(m[1]), minor: Number(m[2]), text: (text ?? '').trim() };
}

function atLeast(v: { major: number; minor: number }, than: { major: number; minor: number }) {
	return v.major > than.major || (v.major === than.major && v.minor >= than.minor);
}

/** Something of Python's that a release removed, which old code (the lecture's era) still uses. */
export interface Removed {
	/** The class or module, as the code names it. */
	name: string;
	kind: 'class' | 'module';
	/** The release without it. */
	removedIn: { major: number; minor: number };
	/** Korean: what to use instead, or how to run the code anyway. */
	instead: string;
}

/** What Python removed that the book's chapters talk about (01/07, 03/03, 04/01). */
export const REMOVED: readonly Removed[] = [
	{
		name: 'CGIHTTPRequestHandler',
		kind: 'class',
		removedIn: { major: 3, minor: 15 },
		instead: '파이썬 3.14 이하로 실행하거나, Node 쪽(코드 탭)을 실행하세요.',
	},
	{
		name: 'cgi',
		kind: 'module',
		removedIn: { major: 3, minor: 13 },
		instead:
			'폼은 urllib.parse.parse_qs로 읽을 수 있습니다 (파이썬 3.12 이하에서는 그대로 돕니다).',
	},
	{
		name: 'cgitb',
		kind: 'module',
		removedIn: { major: 3, minor: 13 },
		instead: '파이썬 3.12 이하로 실행하세요.',
	},
];

/**
 * Python source with its comments and the insides of its string literals blanked out, lines kept:
 * what is left is what the code does, so a comment or a message that merely names a class is no use
 * of it.
 */
export function codeOnly(source: string): string {
	let out = '';
	let i = 0;
	while (i < source.length) {
		const c = source[i] ?? '';
		if (c === '#') {
			while (i < source.length && source[i] !== '\n') i++;
			continue;
		}
		if (c === '"' || c === "'") {
			const triple = source.startsWith(c.repeat(3), i);
			const end = triple ? c.repeat(3) : c;
			out += end;
			i += end.length;
			while (i < source.length && !source.startsWith(end, i)) {
				if (source[i] === '\\') i++;
				else if (!triple && source[i] === '\n') break;
				else if (source[i] === '\n') out += '\n';
				i++;
			}
			out += end;
			i += end.length;
			continue;
		}
		out += c;
		i++;
	}
	return out;
}

/** The removed things `source` (a Python file) uses: imports of a removed module, any use of a removed class. */
export function removedUses(source: string): Removed[] {
	const code = codeOnly(source);
	const imported = new Set<string>();
	// A statement starts a line or follows a `;`.
	for (const m of code.matchAll(/(?:^|;)[ \t]*import[ \t]+([^\n;]+)/gm))
		for (const part of (m[1] ?? '').split(',')) imported.add(part.trim().split(/[\s.]/)[0] ?? '');
	for (const m of code.matchAll(/(?:^|;)[ \t]*from[ \t]+([\w.]+)[ \t]+import\b/gm))
		imported.add((m[1] ?? '').split('.')[0] ?? '');
	return REMOVED.filter((r) =>
		r.kind === 'module' ? imported.has(r.name) : new RegExp(`\\b${r.name}\\b`).test(code),
	);
}

/** Where the page is, for Python: which runtime it has, and the Python the local endpoint reported. */
export interface PythonHere {
	runtime: 'local' | 'webcontainer' | 'recorded';
	/** The probe's `python` (local runtime only): absent when the machine has no Python 3.11 or later. */
	python?: string;
}

export type PythonGate =
	/** Python runs here; `removed` lists what the code uses that this Python no longer has. */
	| { state: 'ready'; version: PythonVersion; removed: Removed[] }
	/** A WebContainer: Node only. */
	| { state: 'browser' }
	/** No live runtime at all. */
	| { state: 'recorded' }
	/** The local runtime, on a machine without a Python it runs (none, or older than 3.11). */
	| { state: 'no-python' };

/** Whether Python code (`sources`, the Python files' current text) can run here, and what to say. */
export function pythonGate(here: PythonHere, sources: string[]): PythonGate {
	if (here.runtime === 'webcontainer') return { state: 'browser' };
	if (here.runtime === 'recorded') return { state: 'recorded' };
	const version = parsePythonVersion(here.python);
	if (!version || !atLeast(version, OLDEST_PYTHON)) return { state: 'no-python' };
	const used = new Set(sources.flatMap(removedUses));
	return {
		state: 'ready',
		version,
		removed: REMOVED.filter((r) => used.has(r) && atLeast(version, r.removedIn)),
	};
}

const release = (v: { major: number; minor: number }) => `${v.major}.${v.minor}`;
const before = (v: { major: number; minor: number }) => `${v.major}.${v.minor - 1}`;

function removedSentence(r: Removed): string {
	const what = r.kind === 'class' ? `${r.name} 클래스는` : `${r.name} 모듈은`;
	return `이 코드가 쓰는 ${what} 파이썬 ${release(r.removedIn)}에서 사라졌습니다(${before(r.removedIn)} 이하 필요).`;
}

/** The Python tab's sentence about running here (the command for the reader's own terminal is shown beside it). */
export function gateText(gate: PythonGate): string {
	switch (gate.state) {
		case 'ready': {
			const runs = `▶ 파이썬으로 실행을 누르면 이 컴퓨터의 python3(파이썬 ${gate.version.text})가 이 탭의 코드를 실행합니다. 출력, 미리보기, 요청 콘솔은 Node 코드와 같은 자리에 나옵니다.`;
			if (gate.removed.length === 0) return runs;
			// The warning first: it is what the reader must know before pressing Run.
			return `이 컴퓨터의 python3는 파이썬 ${gate.version.text}입니다. ${gate.removed.map(removedSentence).join(' ')} 그래서 여기서 실행하면 ImportError로 멈춥니다. ${gate.removed.map((r) => r.instead).join(' ')} ${runs}`;
		}
		case 'browser':
			return '브라우저 안에서 도는 Node.js(WebContainer)에는 파이썬이 없어서, 이 탭의 코드는 여기서 실행할 수 없습니다. 아래는 이 코드를 실제로 실행해 기록해 둔 출력입니다. 직접 실행하려면 위 명령을 여러분의 터미널에서 쓰거나, 이 책을 내 컴퓨터에서 띄우세요(npm start).';
		case 'recorded':
			return '지금은 실시간 실행을 쓸 수 없어 파이썬 코드도 실행하지 않습니다. 아래는 이 코드를 실제로 실행해 기록해 둔 출력입니다. 직접 실행하려면 위 명령을 여러분의 터미널에서 쓰세요.';
		case 'no-python':
			return '이 책을 띄운 컴퓨터에서 python3(파이썬 3.11 이상)를 찾지 못해 여기서는 실행할 수 없습니다. 파이썬이 없거나 3.11보다 오래된 판입니다. 파이썬 3.11 이상을 설치하고 책을 다시 띄우거나, 위 명령을 터미널에서 쓰세요. 아래는 기록해 둔 출력입니다.';
	}
}

/**
 * After a Python run failed: when its output shows it stopped on something this Python removed, the
 * sentence that says so (undefined otherwise).
 */
export function removedFailure(
	output: string,
	version: PythonVersion | undefined,
): string | undefined {
	// eslint-disable-next-line no-control-regex
	const text = output.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
	for (const r of REMOVED) {
		const failed =
			r.kind === 'class'
				? new RegExp(
						`(ImportError: cannot import name '${r.name}'|AttributeError: module '[\\w.]+' has no attribute '${r.name}')`,
					)
				: new RegExp(`ModuleNotFoundError: No module named '${r.name}'`);
		if (!failed.test(text)) continue;
		const on = version ? `이 컴퓨터의 파이썬은 ${version.text}입니다. ` : '';
		return `${on}${removedSentence(r)} ${r.instead}`;
	}
	return undefined;
}
