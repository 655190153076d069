// A broken exercise is refused with a message naming the exercise, the field and what is expected,
// before anything runs.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadExercise } from '../../src/lib/exercises/load.ts';

const root = mkdtempSync(join(tmpdir(), 'exercise-fixtures-'));
mkdirSync(join(root, 'snippets', 'taken'), { recursive: true });
afterAll(() => rmSync(root, { recursive: true, force: true }));

const base = {
	title: '연습',
	chapter: '01-web/03-status-codes',
	kind: 'server',
	task: '서버를 만드세요.',
	files: ['server.mjs'],
	command: ['node', 'server.mjs'],
	ports: [{ name: 'web', default: 8888 }],
	hints: ['힌트'],
};
const step = {
	step: { do: 'request', port: 'web', path: '/', expect: { status: 200, body: ['안녕'] } },
	says: { status: '200으로 답합니다.', 'body.0': '인사합니다.' },
};

function fixture(id: string, manifest: object, files: Record<string, string> = {}) {
	const dir = join(root, 'exercises', id);
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, 'exercise.json'), JSON.stringify({ id, ...manifest }));
	for (const [path, content] of Object.entries({
		'starter/server.mjs': '// TODO',
		'solution/server.mjs': '// 풀이',
		...files,
	})) {
		mkdirSync(dirname(join(dir, path)), { recursive: true });
		writeFileSync(join(dir, path), content);
	}
}

describe('a broken exercise', () => {
	test('an expectation without a sentence names the step and the expectation', () => {
		fixture('no-message', { ...base, check: [{ ...step, says: { status: '200' } }] });
		expect(() => loadExercise('no-message', root)).toThrow(
			/exercise "no-message": .*\n.*check\.0\.says\.body\.0: the expectation "body\.0" has no sentence/,
		);
	});

	test('a sentence for an expectation the step does not make names what it does expect', () => {
		fixture('extra-message', {
			...base,
			check: [{ ...step, says: { ...step.says, 'headers.Location': '옮깁니다.' } }],
		});
		expect(() => loadExercise('extra-message', root)).toThrow(
			/"says" names "headers\.Location", which this step does not expect \(it expects: status, body\.0\)/,
		);
	});

	test('more than three hints, or a chapter path that is not one, are refused', () => {
		fixture('too-many-hints', {
			...base,
			chapter: 'chapter three',
			hints: ['1', '2', '3', '4'],
			check: [step],
		});
		const message = (() => {
			try {
				loadExercise('too-many-hints', root);
				return '';
			} catch (error) {
				return (error as Error).message;
			}
		})();
		expect(message).toMatch(/chapter: a chapter path such as "01-web\/03-status-codes"/);
		expect(message).toMatch(/hints: .*3/);
	});

	test('a missing solution file and an id a snippet already has are named', () => {
		fixture('no-solution', { ...base, check: [step] });
		rmSync(join(root, 'exercises', 'no-solution', 'solution'), { recursive: true });
		expect(() => loadExercise('no-solution', root)).toThrow(
			/exercise "no-solution": solution\/server\.mjs does not exist/,
		);
		fixture('taken', { ...base, check: [step] });
		expect(() => loadExercise('taken', root)).toThrow(/a snippet has the same id/);
	});
});
