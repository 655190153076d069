// Korean sentences for a scenario report, in the reader's terms: what was expected and what came
// ("404 상태 코드를 기대했는데 200이 왔습니다"). Pure, so `npm run check` and the page say the same.
import type { ExpectationResult } from './expect.ts';
import type { Step } from '../snippets/schema.ts';
import type { ScenarioReport, StepProblem } from './report.ts';

/** Digits read as Sino-Korean end in a vowel for 2, 4, 5, 9 (이, 사, 오, 구); 0 reads 영, 십, 백, 천… */
const DIGIT_HAS_FINAL = [true, true, false, true, false, false, true, true, true, false];
/** Latin letters read by their English names: l, m, n, r end in a consonant (엘, 엠, 엔, 알). */
const LATIN_FINAL = new Set(['l', 'm', 'n', 'r']);

/** Whether the word, as read aloud, ends in a consonant (받침), for choosing 이/가, 을/를, 은/는. */
export function endsInConsonant(word: string): boolean {
	const text = word.replace(/["'”’)\]}>.…\s]+$/u, '');
	const last = text.at(-1) ?? '';
	const code = last.charCodeAt(0);
	if (code >= 0xac00 && code <= 0xd7a3) return (code - 0xac00) % 28 !== 0;
	if (/[0-9]/.test(last)) {
		const digits = /[0-9]+$/.exec(text)?.[0] ?? last;
		const nonZero = digits.replace(/0+$/, '');
		// 10, 100, 1000 … end in 십, 백, 천: all with a final consonant.
		if (nonZero.length < digits.length) return true;
		return DIGIT_HAS_FINAL[Number(last)] ?? true;
	}
	return LATIN_FINAL.has(last.toLowerCase());
}

/** Attaches the particle that fits: `withParticle('200', '이', '가')` → `200이`. */
export function withParticle(word: string, afterConsonant: string, afterVowel: string): string {
	return word + (endsInConsonant(word) ? afterConsonant : afterVowel);
}

const quote = (text: string) => `"${shorten(text)}"`;

function shorten(text: string, limit = 80): string {
	const oneLine = text.replace(/\r/g, '␍').replace(/\n/g, '␊');
	return oneLine.length > limit ? `${oneLine.slice(0, limit)}…` : oneLine;
}

/** What was expected and what came, for a broken expectation; `undefined` for one that held. */
export function describeOutcome(result: ExpectationResult): string | undefined {
	if (result.passed) return undefined;
	const e = result.expectation;
	const got = result.got;
	switch (e.kind) {
		case 'status':
			return got === null || got === undefined
				? `${e.expected} 상태 코드를 기대했는데 상태 줄이 없는 응답이 왔습니다.`
				: `${e.expected} 상태 코드를 기대했는데 ${withParticle(String(got), '이', '가')} 왔습니다.`;
		case 'header':
			if (got === null || got === undefined)
				return e.expected === ''
					? `${e.name} 헤더를 기대했는데 응답에 그 헤더가 없습니다.`
					: `${e.name} 헤더에 ${quote(e.expected)}${endsInConsonant(e.expected) ? '을' : '를'} 기대했는데 응답에 그 헤더가 없습니다.`;
			return `${e.name} 헤더에 ${quote(e.expected)}${endsInConsonant(e.expected) ? '을' : '를'} 기대했는데 ${quote(String(got))}${endsInConsonant(String(got)) ? '이' : '가'} 왔습니다.`;
		case 'no-header':
			return `${e.name} 헤더가 없기를 기대했는데 ${quote(String(got))}${endsInConsonant(String(got)) ? '이' : '가'} 왔습니다.`;
		case 'body':
			return `응답 본문에 ${quote(e.expected)}${endsInConsonant(e.expected) ? '이' : '가'} 있기를 기대했는데 없습니다.`;
		case 'body-not':
			return `응답 본문에 ${quote(e.expected)}${endsInConsonant(e.expected) ? '이' : '가'} 없기를 기대했는데 들어 있습니다.`;
		case 'exit-code': {
			const expected = `종료 코드 ${e.expected}`;
			if (got === null || got === undefined)
				return `${withParticle(expected, '을', '를')} 기대했는데 프로그램이 끝나지 않았습니다.`;
			if (typeof got === 'string')
				return `${withParticle(expected, '을', '를')} 기대했는데 프로그램이 신호(${got.replace(/^signal /, '')})로 끝났습니다.`;
			return `${withParticle(expected, '을', '를')} 기대했는데 ${withParticle(String(got), '이', '가')} 왔습니다.`;
		}
		case 'output':
			return `출력에 ${quote(e.expected)}${endsInConsonant(e.expected) ? '이' : '가'} 나오기를 기대했는데 나오지 않았습니다.`;
		case 'output-not':
			return `출력에 ${quote(e.expected)}${endsInConsonant(e.expected) ? '이' : '가'} 나오지 않기를 기대했는데 나왔습니다.`;
		case 'wait-output':
			return `${processName(e.process)}의 출력에 ${quote(e.expected)}${endsInConsonant(e.expected) ? '이' : '가'} 나오기를 기대했는데 나오지 않았습니다.`;
	}
}

/** Why a step could not be carried out. */
export function describeProblem(problem: StepProblem): string {
	switch (problem.code) {
		case 'exited-before-port':
			return `${subject(problem.process)} 포트(${problem.port})를 열기 전에 끝났습니다${problem.exitCode === null ? '' : ` (종료 코드 ${problem.exitCode})`}. 출력에 오류가 있는지 보세요.`;
		case 'port-timeout':
			return `${subject(problem.process)} ${seconds(problem.ms)} 안에 포트(${problem.port})를 열지 않았습니다. listen()을 불렀는지 보세요.`;
		case 'request-failed':
			return problem.message.startsWith('timeout') || problem.message.startsWith('no response')
				? `요청을 보냈지만 서버가 답하지 않았습니다 (${problem.message}). 응답을 끝내는 res.end()를 불렀는지 보세요.`
				: `요청을 보내지 못했습니다 (${problem.message}). 서버가 켜져 있는지 보세요.`;
		case 'run-timeout':
			return `프로그램이 ${withParticle(seconds(problem.ms), '이', '가')} 지나도 끝나지 않아 멈췄습니다. 끝나지 않고 무언가를 기다리고 있지는 않은지 보세요.`;
		case 'exit-timeout':
			return `${subject(problem.process)} ${seconds(problem.ms)} 안에 끝나지 않았습니다.`;
		case 'not-running':
			return `${subject(problem.process)} 실행 중이 아닙니다. 앞 단계에서 이미 끝났을 수 있습니다.`;
		case 'already-running':
			return `${subject(problem.process)} 이미 실행 중입니다.`;
		case 'deadline':
			return `전체 점검이 ${withParticle(seconds(problem.ms), '을', '를')} 넘겨 모든 프로세스를 멈췄습니다.`;
		case 'stopped':
			return '점검을 멈췄습니다.';
		case 'scenario':
			return `점검 단계가 잘못 쓰여 있습니다 (${problem.message}). 책의 오류이니 알려 주세요.`;
		case 'host':
			return `실행 환경이 이 단계를 할 수 없습니다: ${problem.message}`;
	}
}

function processName(process: string): string {
	return process === 'main' ? '내 프로그램' : `먼저 켠 서버 ${process}`;
}

/** The process as the subject of a sentence: `내 프로그램이`, `먼저 켠 서버 example-com이`. */
function subject(process: string): string {
	return withParticle(processName(process), '이', '가');
}

function seconds(ms: number): string {
	return ms % 1000 === 0 ? `${ms / 1000}초` : `${(ms / 1000).toFixed(1)}초`;
}

/** A step in a few words: `요청 GET /missing`, `실행`, `서버 켜기`. */
export function describeStep(step: Step): string {
	switch (step.do) {
		case 'start':
			return step.process === 'main' ? '프로그램 켜기' : `${step.process} 켜기`;
		case 'request':
			return step.raw !== undefined
				? `직접 쓴 요청 ${shorten(step.raw.split(/\\r|\\n|\r|\n/)[0] ?? '', 40)}`
				: `요청 ${step.method} ${step.path}`;
		case 'run':
			return step.args ? `실행 (${shorten(step.args.join(' '), 40)})` : '실행';
		case 'type':
			return '입력하기';
		case 'wait':
			return step.exit ? '끝나기를 기다리기' : '출력 기다리기';
		case 'stop':
			return '멈추기';
	}
}

/** The first thing that went wrong in a run, as one Korean sentence (undefined when nothing did). */
export function firstFailure(report: ScenarioReport): string | undefined {
	if (report.setup) {
		const what = report.setup.service ? `먼저 켤 서버 ${report.setup.service}: ` : '';
		return `${what}${describeProblem(report.setup.problem)}`;
	}
	const step = report.steps.find((s) => s.state === 'failed');
	if (!step) return report.ok ? undefined : '점검이 끝까지 가지 못했습니다.';
	const where = `${step.index + 1}단계(${describeStep(step.step)})`;
	if (step.problem) return `${where}: ${describeProblem(step.problem)}`;
	const broken = step.expectations.find((e) => !e.passed);
	return `${where}: ${broken ? describeOutcome(broken) : '기대한 결과가 나오지 않았습니다.'}`;
}
