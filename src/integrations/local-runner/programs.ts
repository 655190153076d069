// Which programs the local runtime starts, and how: `node`, and `python3` where the machine has
// Python 3.11 or later; each given a script inside the session (or `-i` alone: the book shows both
// interactive shells), never interpreter options or loader variables from the page, and always with
// the preload that keeps the servers they start on loopback (preload/).
import { spawn } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { HttpError } from './http-error.ts';

export type ProgramName = 'node' | 'python3';

export interface Programs {
	/** The Node that runs snippets, e.g. `v20.20.2`. */
	node: string;
	/** The Python version, e.g. `3.11.7`, when `python3` is 3.11 or later. */
	python?: string;
}

/** The preloads, as files this endpoint owns next to its code. */
const LOOPBACK_PRELOAD = new URL('./preload/loopback.mjs', import.meta.url);
const PYTHON_PRELOAD_DIR = fileURLToPath(new URL('./preload/python/', import.meta.url));

/**
 * Variables the page may not set: they make an interpreter load code from elsewhere
 * (`NODE_OPTIONS=--import`, `NODE_REPL_EXTERNAL_MODULE`, `PYTHONSTARTUP`, `LD_PRELOAD` …) or replace
 * what the endpoint sets itself.
 */
const REFUSED_ENV = /^(NODE_|PYTHON|LD_|DYLD_)|^(PATH|HOME|BASH_ENV|ENV)$/;

function firstLine(binary: string, args: string[]): Promise<string | undefined> {
	return new Promise((done) => {
		let text = '';
		const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
		child.stdout.on('data', (c: Buffer) => (text += c.toString()));
		child.stderr.on('data', (c: Buffer) => (text += c.toString()));
		child.on('close', (code) => done(code === 0 ? text.trim() : undefined));
		child.on('error', () => done(undefined));
	});
}

/** Asks the machine which Node and Python it has; Python counts only from 3.11 on. */
export async function detectPrograms(nodeBinary: string, pythonBinary: string): Promise<Programs> {
	const [node, python] = await Promise.all([
		firstLine(nodeBinary, ['--version']),
		firstLine(pythonBinary, ['--version']),
	]);
	const m = /^Python (3)\.(\d+)\.(\d+)/.exec(python ?? '');
	const pythonOk = m !== null && Number(m[2]) >= 11;
	return {
		node: node ?? 'unknown',
		...(pythonOk && m ? { python: `${m[1]}.${m[2]}.${m[3]}` } : {}),
	};
}

export function checkPreloadsExist(): void {
	for (const file of [
		fileURLToPath(LOOPBACK_PRELOAD),
		resolve(PYTHON_PRELOAD_DIR, 'sitecustomize.py'),
	])
		if (!existsSync(file)) throw new Error(`local runner: the preload ${file} is missing`);
}

function inside(root: string, full: string): boolean {
	const rel = relative(root, full);
	return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * The program and its arguments, once they pass: the program is `node` (or an available `python3`),
 * then either `-i` alone or a script path inside the session (no option before it). Throws a 400
 * that names the rule broken.
 */
export function checkArgv(
	argv: unknown,
	programs: Programs,
	sessionRoot: string,
	cwd: string,
): { program: ProgramName; args: string[] } {
	if (!Array.isArray(argv) || argv.length === 0 || !argv.every((w) => typeof w === 'string'))
		throw new HttpError(400, 'argv must be a non-empty array of strings');
	if (argv.some((w: string) => w.includes('\0')))
		throw new HttpError(400, 'argv must not contain a NUL byte');
	const [program, first, ...rest] = argv as string[];
	const allowed = programs.python ? '"node" or "python3"' : '"node"';
	if (program !== 'node' && !(program === 'python3' && programs.python))
		throw new HttpError(
			400,
			program === 'python3'
				? 'python3 cannot run here: this machine has no Python 3.11 or later'
				: `only ${allowed} can be run here, not ${JSON.stringify(program)}`,
		);
	if (first === '-i' && rest.length === 0) return { program, args: ['-i'] };
	if (first === undefined) throw new HttpError(400, `${program} needs a script to run`);
	if (first.startsWith('-'))
		throw new HttpError(
			400,
			`${program} options are not accepted here (${JSON.stringify(first)}): give a script inside the session`,
		);
	const script = resolve(cwd, first);
	const root = existsSync(sessionRoot) ? realpathSync(sessionRoot) : sessionRoot;
	const real = existsSync(script) ? realpathSync(script) : script;
	if (!inside(sessionRoot, script) || !inside(root, real))
		throw new HttpError(400, `the script ${JSON.stringify(first)} is not inside the session`);
	return { program, args: [first, ...rest] };
}

/** The page's variables, once they pass: plain names, none of the refused ones. */
export function checkEnv(env: unknown): Record<string, string> {
	if (env === undefined || env === null) return {};
	if (typeof env !== 'object' || Array.isArray(env))
		throw new HttpError(400, 'env must be an object');
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(env as Record<string, unknown>)) {
		if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || typeof value !== 'string')
			throw new HttpError(400, `env ${JSON.stringify(name)} needs a plain name and a string value`);
		if (value.includes('\0')) throw new HttpError(400, `env ${name} must not contain a NUL byte`);
		if (REFUSED_ENV.test(name.toUpperCase()))
			throw new HttpError(400, `env ${name} cannot be set from the page`);
		out[name] = value;
	}
	return out;
}

/** The environment a program starts with: a small fixed base, the page's variables, then the preload. */
export function programEnv(
	program: ProgramName,
	home: string,
	fromPage: Record<string, string>,
): Record<string, string> {
	const base: Record<string, string> = {
		PATH: process.env['PATH'] ?? '/usr/bin:/bin',
		HOME: home,
		LANG: 'C.UTF-8',
		// Colours as in a terminal: the page shows output in xterm.
		FORCE_COLOR: '1',
		...fromPage,
	};
	if (program === 'node') {
		// In NODE_OPTIONS rather than argv, so the Node programs a snippet starts get it too.
		return { ...base, NODE_OPTIONS: `--import=${LOOPBACK_PRELOAD.href}` };
	}
	return {
		...base,
		PYTHONPATH: PYTHON_PRELOAD_DIR,
		// Output as it is printed, not when a pipe's buffer fills.
		PYTHONUNBUFFERED: '1',
		PYTHONIOENCODING: 'utf-8',
		PYTHONDONTWRITEBYTECODE: '1',
	};
}
