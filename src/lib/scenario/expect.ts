// Expectation checks for scenario steps. Each returns the list of broken promises, in words that name
// what was expected and what happened, so a failing test or build says exactly what went wrong.
import { headerValue, type ParsedResponse } from '../http/raw.ts';
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

export function checkProcess(
	expect: ProcessExpectation,
	output: string,
	exit: ProcessExit | undefined,
): string[] {
	const problems: string[] = [];
	if (expect.exitCode !== undefined) {
		const got = exit ? (exit.code ?? `signal ${exit.signal}`) : 'still running';
		if (!exit || exit.code !== expect.exitCode) {
			problems.push(`expected exit code ${expect.exitCode}, got ${got}`);
		}
	}
	for (const text of expect.output) {
		if (!output.includes(text))
			problems.push(`expected the output to contain ${JSON.stringify(text)}`);
	}
	for (const text of expect.outputNot) {
		if (output.includes(text))
			problems.push(`expected the output not to contain ${JSON.stringify(text)}`);
	}
	return problems;
}

export function checkResponse(expect: ResponseExpectation, res: ParsedResponse): string[] {
	const problems: string[] = [];
	if (expect.status !== undefined && res.status !== expect.status) {
		problems.push(`expected status ${expect.status}, got ${res.status ?? 'no status line'}`);
	}
	for (const [name, wanted] of Object.entries(expect.headers)) {
		const got = headerValue(res, name);
		if (wanted === null) {
			if (got !== undefined)
				problems.push(`expected no ${name} header, got ${JSON.stringify(got)}`);
		} else if (got === undefined) {
			problems.push(`expected a ${name} header containing ${JSON.stringify(wanted)}, got none`);
		} else if (!got.includes(wanted)) {
			problems.push(
				`expected the ${name} header to contain ${JSON.stringify(wanted)}, got ${JSON.stringify(got)}`,
			);
		}
	}
	for (const text of expect.body) {
		if (!res.body.includes(text))
			problems.push(`expected the body to contain ${JSON.stringify(text)}`);
	}
	for (const text of expect.bodyNot) {
		if (res.body.includes(text))
			problems.push(`expected the body not to contain ${JSON.stringify(text)}`);
	}
	return problems;
}
