// Expectation checks for scenario steps. Each expectation is judged on its own (passed or not, with
// what actually came), so a page can list them; `problemsOf` gives the broken ones' English
// sentences, which the tests and the build print.
import { headerValue, type ParsedResponse } from '../http/raw.ts';
import type { Step } from '../snippets/schema.ts';
import type { ProcessExit } from './host.ts';

export interface ProcessExpectation {
	exitCode?: number | undefined;
	output: string[];
	outputNot: string[];
}

export interface ResponseExpectation {
	status?: number | undefined;
	headers: Record<string, string | null>;
	body: string[];
	bodyNot: string[];
}

/** One promise a step makes about what comes back. */
export type Expectation =
	| { kind: 'status'; expected: number }
	/** The header is present and its value contains `expected`. */
	| { kind: 'header'; name: string; expected: string }
	| { kind: 'no-header'; name: string }
	| { kind: 'body'; expected: string }
	| { kind: 'body-not'; expected: string }
	| { kind: 'exit-code'; expected: number }
	| { kind: 'output'; expected: string }
	| { kind: 'output-not'; expected: string }
	/** A `wait` step's text, which must appear in the process's output in time. */
	| { kind: 'wait-output'; process: string; expected: string };

export interface ExpectationResult {
	/**
	 * Where the expectation is written in the step: its path inside `expect` (`status`,
	 * `headers.Location`, `body.0`, `exitCode`, `output.1`), or for a `wait` step inside the step
	 * (`output`, `exit.exitCode`, `exit.output.0`). Exercises key their messages by it.
	 */
	key: string;
	expectation: Expectation;
	passed: boolean;
	/**
	 * What came instead, where one value says it: the status (`null`: no status line), the header's
	 * value (`null`: absent), the exit code (`null`: still running; a string: the signal).
	 */
	got?: number | string | null;
	/** The English sentence for a broken expectation (what tests and the build print). */
	problem?: string;
}

export function evaluateProcess(
	expect: ProcessExpectation,
	output: string,
	exit: ProcessExit | undefined,
	prefix = '',
): ExpectationResult[] {
	const results: ExpectationResult[] = [];
	if (expect.exitCode !== undefined) {
		const passed = exit !== undefined && exit.code === expect.exitCode;
		const got = exit ? (exit.code ?? `signal ${exit.signal}`) : null;
		results.push({
			key: `${prefix}exitCode`,
			expectation: { kind: 'exit-code', expected: expect.exitCode },
			passed,
			got,
			...(passed
				? {}
				: { problem: `expected exit code ${expect.exitCode}, got ${got ?? 'still running'}` }),
		});
	}
	for (const [i, text] of expect.output.entries()) {
		const passed = output.includes(text);
		results.push({
			key: `${prefix}output.${i}`,
			expectation: { kind: 'output', expected: text },
			passed,
			...(passed ? {} : { problem: `expected the output to contain ${JSON.stringify(text)}` }),
		});
	}
	for (const [i, text] of expect.outputNot.entries()) {
		const passed = !output.includes(text);
		results.push({
			key: `${prefix}outputNot.${i}`,
			expectation: { kind: 'output-not', expected: text },
			passed,
			...(passed ? {} : { problem: `expected the output not to contain ${JSON.stringify(text)}` }),
		});
	}
	return results;
}

export function evaluateResponse(
	expect: ResponseExpectation,
	res: ParsedResponse,
): ExpectationResult[] {
	const results: ExpectationResult[] = [];
	if (expect.status !== undefined) {
		const passed = res.status === expect.status;
		results.push({
			key: 'status',
			expectation: { kind: 'status', expected: expect.status },
			passed,
			got: res.status ?? null,
			...(passed
				? {}
				: {
						problem: `expected status ${expect.status}, got ${res.status ?? 'no status line'}`,
					}),
		});
	}
	for (const [name, wanted] of Object.entries(expect.headers)) {
		const got = headerValue(res, name);
		const key = `headers.${name}`;
		if (wanted === null) {
			const passed = got === undefined;
			results.push({
				key,
				expectation: { kind: 'no-header', name },
				passed,
				got: got ?? null,
				...(passed ? {} : { problem: `expected no ${name} header, got ${JSON.stringify(got)}` }),
			});
			continue;
		}
		const passed = got !== undefined && got.includes(wanted);
		const problem =
			got === undefined
				? `expected a ${name} header containing ${JSON.stringify(wanted)}, got none`
				: `expected the ${name} header to contain ${JSON.stringify(wanted)}, got ${JSON.stringify(got)}`;
		results.push({
			key,
			expectation: { kind: 'header', name, expected: wanted },
			passed,
			got: got ?? null,
			...(passed ? {} : { problem }),
		});
	}
	for (const [i, text] of expect.body.entries()) {
		const passed = res.body.includes(text);
		results.push({
			key: `body.${i}`,
			expectation: { kind: 'body', expected: text },
			passed,
			...(passed ? {} : { problem: `expected the body to contain ${JSON.stringify(text)}` }),
		});
	}
	for (const [i, text] of expect.bodyNot.entries()) {
		const passed = !res.body.includes(text);
		results.push({
			key: `bodyNot.${i}`,
			expectation: { kind: 'body-not', expected: text },
			passed,
			...(passed ? {} : { problem: `expected the body not to contain ${JSON.stringify(text)}` }),
		});
	}
	return results;
}

/** The English sentences of the broken expectations. */
export function problemsOf(results: ExpectationResult[]): string[] {
	return results.flatMap((r) => (r.passed || !r.problem ? [] : [r.problem]));
}

/** The keys of the expectations a step makes, in the order a run reports them (see `key`). */
export function expectationKeys(step: Step): string[] {
	const processKeys = (e: ProcessExpectation, prefix = '') => [
		...(e.exitCode !== undefined ? [`${prefix}exitCode`] : []),
		...e.output.map((_, i) => `${prefix}output.${i}`),
		...e.outputNot.map((_, i) => `${prefix}outputNot.${i}`),
	];
	switch (step.do) {
		case 'request':
			return [
				...(step.expect.status !== undefined ? ['status'] : []),
				...Object.keys(step.expect.headers).map((name) => `headers.${name}`),
				...step.expect.body.map((_, i) => `body.${i}`),
				...step.expect.bodyNot.map((_, i) => `bodyNot.${i}`),
			];
		case 'run':
			return processKeys(step.expect);
		case 'wait':
			return [
				...(step.output !== undefined ? ['output'] : []),
				...(step.exit ? processKeys(step.exit, 'exit.') : []),
			];
		default:
			return [];
	}
}
