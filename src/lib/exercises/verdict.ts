// What a check found, expectation by expectation, in the reader's words: the exercise author's
// sentence for each expectation, and for a broken one what was expected and what came (with the raw
// request and response of its HTTP step). Pure: `npm run check` prints it, the page will list it.
import { expectationKeys } from '../scenario/expect.ts';
import { describeOutcome, describeProblem, describeStep } from '../scenario/korean.ts';
import type { ScenarioReport } from '../scenario/report.ts';
import type { Exercise } from './schema.ts';

export interface CheckItem {
	/** The check step it belongs to (index in `check`). */
	step: number;
	/** The expectation's key in that step. */
	key: string;
	/** The author's sentence: what this expectation checks. */
	says: string;
	/** `not-run`: an earlier step could not be carried out, so this was never checked. */
	state: 'passed' | 'failed' | 'not-run';
	/** For a failed one: what was expected and what came. */
	outcome?: string;
	/** For a failed one in an HTTP step: the raw request and response, as the reader would see them. */
	exchange?: { request: string; response: string };
	/** For a failed one in a step that ran a program: what it printed. */
	output?: string;
}

export interface CheckVerdict {
	ok: boolean;
	items: CheckItem[];
	/** Steps that could not be carried out (a server that did not start, a request that got no answer). */
	problems: Array<{ step?: number; message: string }>;
}

export function verdictOf(exercise: Exercise, report: ScenarioReport): CheckVerdict {
	const items: CheckItem[] = [];
	const problems: CheckVerdict['problems'] = [];
	if (report.setup) {
		const what = report.setup.service ? `먼저 켤 서버 ${report.setup.service}: ` : '';
		problems.push({ message: `${what}${describeProblem(report.setup.problem)}` });
	}
	for (const [index, check] of exercise.check.entries()) {
		const step = report.steps[index];
		if (step?.problem)
			problems.push({
				step: index,
				message: `${index + 1}단계(${describeStep(check.step)}): ${describeProblem(step.problem)}`,
			});
		for (const key of expectationKeys(check.step)) {
			const says = check.says[key] ?? key;
			const result = step?.expectations.find((e) => e.key === key);
			if (!result) {
				items.push({ step: index, key, says, state: 'not-run' });
				continue;
			}
			if (result.passed) {
				items.push({ step: index, key, says, state: 'passed' });
				continue;
			}
			items.push({
				step: index,
				key,
				says,
				state: 'failed',
				outcome: describeOutcome(result) ?? '',
				...(step?.exchange ? { exchange: step.exchange } : {}),
				...(step?.output !== undefined ? { output: step.output } : {}),
			});
		}
	}
	const ok = report.ok && problems.length === 0 && items.every((i) => i.state === 'passed');
	return { ok, items, problems };
}

/** Shown for an exchange that got no bytes back, or a program that printed nothing. */
export const NO_RESPONSE = '(아무것도 오지 않았습니다)';
export const NO_OUTPUT = '(아무것도 출력하지 않았습니다)';

/** The summary of a check that did not pass: how many expectations passed, failed, went unchecked. */
export function shortfall(verdict: CheckVerdict): string {
	const count = (state: CheckItem['state']) =>
		verdict.items.filter((i) => i.state === state).length;
	const notRun = count('not-run');
	return `아직입니다: ${verdict.items.length}가지 중 ${count('passed')}가지 통과, ${count('failed')}가지 실패${notRun ? `, ${notRun}가지는 확인하지 못함` : ''}.`;
}

/** Whether item `i` is its step's last failed expectation: the step's raw exchange shows there, once. */
export function closesFailedStep(items: CheckItem[], i: number): boolean {
	const item = items[i];
	if (item?.state !== 'failed') return false;
	return !items.slice(i + 1).some((other) => other.step === item.step && other.state === 'failed');
}

/** The verdict as terminal text (what `npm run check` prints). */
export function formatVerdict(verdict: CheckVerdict): string {
	const lines: string[] = [];
	for (const [i, item] of verdict.items.entries()) {
		const mark = item.state === 'passed' ? '✔' : item.state === 'failed' ? '✘' : '·';
		lines.push(`${mark} ${item.says}${item.state === 'not-run' ? ' (확인하지 못함)' : ''}`);
		if (item.state !== 'failed') continue;
		if (item.outcome) lines.push(`    ${item.outcome}`);
		if (!closesFailedStep(verdict.items, i)) continue;
		if (item.exchange) {
			lines.push('    보낸 요청:', ...indent(item.exchange.request));
			lines.push('    받은 응답:', ...indent(item.exchange.response || NO_RESPONSE));
		} else if (item.output !== undefined) {
			lines.push('    출력:', ...indent(item.output.trimEnd() || NO_OUTPUT));
		}
	}
	for (const problem of verdict.problems) lines.push(`! ${problem.message}`);
	lines.push(
		'',
		verdict.ok ? `통과: 확인한 ${verdict.items.length}가지를 모두 만족합니다.` : shortfall(verdict),
	);
	return lines.join('\n');
}

/** Indents a raw message for the terminal, marking line ends and cutting long ones. */
function indent(text: string, limit = 30): string[] {
	const lines = text.replace(/\r\n/g, '\n').split('\n');
	const shown = lines.slice(0, limit).map((l) => `      ${l}`);
	if (lines.length > limit) shown.push(`      … (${lines.length - limit}줄 생략)`);
	return shown;
}
