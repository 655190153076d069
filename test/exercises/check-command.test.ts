// `npm run check -- <id> [file]`, as a teacher uses it: the same check and the same Korean messages
// as the page, exit code 0 when every expectation holds, 1 when one does not, 2 for a usage error.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';

const script = join(process.cwd(), 'scripts', 'check.mjs');
const scratch = mkdtempSync(join(tmpdir(), 'check-command-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs the command from `cwd` as `npm run` would (INIT_CWD is where it was typed). */
function check(args: string[], cwd = process.cwd()) {
	return new Promise<{ code: number; out: string }>((resolve) => {
		execFile(
			process.execPath,
			[script, ...args],
			{ cwd: process.cwd(), env: { ...process.env, INIT_CWD: cwd } },
			(error, stdout, stderr) =>
				resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout + stderr }),
		);
	});
}

describe('npm run check', () => {
	test('fails the starter, naming each broken expectation with what came', async () => {
		const { code, out } = await check(['status-404-301']);
		expect(code).toBe(1);
		expect(out).toContain('✘ 없는 주소에는 404 Not Found로 답합니다.');
		expect(out).toContain('404 상태 코드를 기대했는데 200이 왔습니다.');
		expect(out).toContain('받은 응답:');
		expect(out).toContain('✔ 있는 페이지(/about)에는 200으로 답합니다.');
		expect(out).toMatch(/아직입니다: \d+가지 중/);
	});

	test('passes a student’s file that solves it, given relative to where the command was typed', async () => {
		const solved = (await import('node:fs')).readFileSync(
			join(process.cwd(), 'exercises', 'status-404-301', 'solution', 'server.mjs'),
			'utf8',
		);
		writeFileSync(join(scratch, 'student.mjs'), solved);
		const { code, out } = await check(['status-404-301', 'student.mjs'], scratch);
		expect(out).toContain('student.mjs (server.mjs 자리에)');
		expect(out).toContain('통과: 확인한');
		expect(code).toBe(0);
	});

	test('fails a student’s file that breaks, and says how', async () => {
		writeFileSync(join(scratch, 'broken.mjs'), "throw new Error('시작도 못 함');\n");
		const { code, out } = await check(['status-404-301', 'broken.mjs'], scratch);
		expect(code).toBe(1);
		expect(out).toContain('포트(web)를 열기 전에 끝났습니다');
		expect(out).toContain('(확인하지 못함)');
	});

	test('refuses an unknown exercise and a missing file, with exit code 2', async () => {
		const unknown = await check(['no-such-exercise']);
		expect(unknown.code).toBe(2);
		expect(unknown.out).toContain('"no-such-exercise"라는 연습 문제가 없습니다');
		const missing = await check(['status-404-301', 'nowhere.mjs'], scratch);
		expect(missing.code).toBe(2);
		expect(missing.out).toContain('nowhere.mjs');
	});
});
