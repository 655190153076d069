// Pure text work for the raw HTTP inspector: reading the reader's form, building the request, the
// equivalent curl command, and reading the helper's answer. No DOM, no Node: unit-tested directly.
import { buildRawRequest } from '../lib/http/raw.ts';

/** Prefix of the helper's one result line (see inspect-helper.mjs). */
export const INSPECT_MARK = '@@inspect ';

export interface InspectorForm {
	method: string;
	path: string;
	/** One `Name: value` per line. */
	headers: string;
	body: string;
}

export type FormCheck =
	| {
			ok: true;
			method: string;
			path: string;
			headers: Array<[string, string]>;
			body: string | undefined;
	  }
	| { ok: false; problem: string };

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Validates the form, with a Korean sentence for the first problem. */
export function checkForm(form: InspectorForm): FormCheck {
	const method = form.method.trim().toUpperCase();
	if (!TOKEN.test(method))
		return {
			ok: false,
			problem: `메서드 "${form.method}"에는 공백이나 특수 문자를 쓸 수 없습니다.`,
		};
	const path = form.path.trim() || '/';
	if (/\s/.test(path))
		return { ok: false, problem: '경로에는 공백을 쓸 수 없습니다. 공백은 %20으로 적어 주세요.' };
	if (!path.startsWith('/') && path !== '*')
		return { ok: false, problem: '경로는 /로 시작해야 합니다. 예: /index.html' };
	const headers: Array<[string, string]> = [];
	for (const [i, line] of form.headers.split(/\r?\n/).entries()) {
		if (!line.trim()) continue;
		const colon = line.indexOf(':');
		const name = colon > 0 ? line.slice(0, colon).trim() : '';
		if (!name || !TOKEN.test(name)) {
			return { ok: false, problem: `헤더 ${i + 1}번째 줄 "${line}"은 "이름: 값" 꼴이어야 합니다.` };
		}
		headers.push([name, line.slice(colon + 1).trim()]);
	}
	const body = form.body === '' ? undefined : form.body;
	return { ok: true, method, path, headers, body };
}

/**
 * The exact request text the helper will send to 127.0.0.1 at `port`. Its Host names that address and
 * port, as a client sends it (curl and browsers put the port in Host whenever the URL has one).
 */
export function inspectorRawRequest(check: Extract<FormCheck, { ok: true }>, port: number): string {
	return buildRawRequest({
		method: check.method,
		path: check.path,
		host: `127.0.0.1:${port}`,
		headers: Object.fromEntries(check.headers),
		...(check.body !== undefined ? { body: check.body } : {}),
	});
}

/** Quotes a word for a POSIX shell. */
export function shellQuote(word: string): string {
	return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The curl command that sends the same request from the reader's own terminal: to 127.0.0.1, as the
 * helper does (the local runtime binds servers to it, and `localhost` may resolve to ::1 first), so
 * curl's Host header is the one the inspector showed.
 */
export function curlCommand(check: Extract<FormCheck, { ok: true }>, port: number): string {
	const parts = ['curl', '-i'];
	if (check.method === 'HEAD') parts.push('-I');
	else if (check.method !== 'GET' || check.body !== undefined) {
		if (!(check.method === 'POST' && check.body !== undefined)) parts.push('-X', check.method);
	}
	for (const [name, value] of check.headers) parts.push('-H', shellQuote(`${name}: ${value}`));
	if (check.body !== undefined) parts.push('--data-binary', shellQuote(check.body));
	parts.push(shellQuote(`http://127.0.0.1:${port}${check.path}`));
	return parts.join(' ');
}

export interface HelperResult {
	request: string;
	response: string;
	ms: number;
	error?: string;
}

/** Finds the helper's result line in its (possibly terminal-mangled) output. */
export function parseHelperOutput(output: string): HelperResult | undefined {
	// eslint-disable-next-line no-control-regex
	const clean = output.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
	for (const line of clean.split(/\r?\n|\r/)) {
		const at = line.indexOf(INSPECT_MARK);
		if (at === -1) continue;
		try {
			const value = JSON.parse(line.slice(at + INSPECT_MARK.length)) as HelperResult;
			if (typeof value.request === 'string' && typeof value.response === 'string') return value;
		} catch {
			// a partial line; keep looking
		}
	}
	return undefined;
}

/** Encodes the helper's argument (base64url JSON, so no quoting survives a terminal or a shell). */
export function helperArgument(port: number, raw: string, timeoutMs = 5000): string {
	const bytes = new TextEncoder().encode(JSON.stringify({ port, raw, timeoutMs }));
	let binary = '';
	for (const b of bytes) binary += String.fromCharCode(b);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
