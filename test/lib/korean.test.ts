// The Korean sentences of a scenario report: the particle fits the word as it is read, and a broken
// expectation says what was expected and what came.
import { describe, expect, test } from 'vitest';
import { describeOutcome, endsInConsonant } from '../../src/lib/scenario/korean.ts';

describe('particles', () => {
	test('follow how numbers, Hangul and Latin letters are read', () => {
		const words = ['200', '404', '301', '10', '2', 'GET', 'Location', '/books/3', '서버', '본문'];
		expect(words.map((w) => endsInConsonant(w))).toEqual([
			true, // 이백
			false, // 사백사
			true, // 삼백일
			true, // 십
			false, // 이
			false, // 티
			true, // 엔
			true, // 삼
			false,
			true,
		]);
	});
});

describe('outcomes', () => {
	test('say what was expected and what came', () => {
		expect(
			describeOutcome({
				key: 'status',
				expectation: { kind: 'status', expected: 404 },
				passed: false,
				got: 200,
			}),
		).toBe('404 상태 코드를 기대했는데 200이 왔습니다.');
		expect(
			describeOutcome({
				key: 'headers.Location',
				expectation: { kind: 'header', name: 'Location', expected: '/books/3' },
				passed: false,
				got: null,
			}),
		).toBe('Location 헤더에 "/books/3"을 기대했는데 응답에 그 헤더가 없습니다.');
		expect(
			describeOutcome({
				key: 'exitCode',
				expectation: { kind: 'exit-code', expected: 0 },
				passed: false,
				got: 2,
			}),
		).toBe('종료 코드 0을 기대했는데 2가 왔습니다.');
	});

	test('say nothing for an expectation that held', () => {
		expect(
			describeOutcome({
				key: 'status',
				expectation: { kind: 'status', expected: 200 },
				passed: true,
			}),
		).toBeUndefined();
	});
});
