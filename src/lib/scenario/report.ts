// The report of one scenario run, step by step and expectation by expectation, beside the
// transcript (which stays what it was: what ran and what came back). Exercises and the self-test
// list it; plain data, so it crosses from a runner to a page as JSON.
import type { Step } from '../snippets/schema.ts';
import type { ExpectationResult } from './expect.ts';

/** Why a step could not be carried out at all (as opposed to an expectation it broke). */
export type StepProblem =
	| { code: 'exited-before-port'; process: string; port: string; exitCode: number | null }
	| { code: 'port-timeout'; process: string; port: string; ms: number }
	| { code: 'request-failed'; message: string }
	| { code: 'run-timeout'; ms: number }
	| { code: 'exit-timeout'; process: string; ms: number }
	| { code: 'not-running'; process: string }
	| { code: 'already-running'; process: string }
	| { code: 'deadline'; ms: number }
	| { code: 'stopped' }
	/** The scenario itself is wrong (an unknown port or process name): the author's mistake. */
	| { code: 'scenario'; message: string }
	| { code: 'host'; message: string };

export interface StepReport {
	/** Its position in the manifest's `scenario`. */
	index: number;
	step: Step;
	/** `other-variant`: the step is marked `only` for the variant that did not run. */
	state: 'passed' | 'failed' | 'not-run' | 'other-variant';
	/** Every expectation the step made, in the order the step lists them. */
	expectations: ExpectationResult[];
	problem?: StepProblem;
	/** A request step's raw request and response, with the ports the reader sees. */
	exchange?: { request: string; response: string };
	/** A `run` step's (or a waited-for process's) output, with the ports the reader sees. */
	output?: string;
}

export interface ScenarioReport {
	ok: boolean;
	/** A service that could not be started (before any step ran). */
	setup?: { service?: string; problem: StepProblem };
	steps: StepReport[];
	durationMs: number;
}

/** Counts for a summary line: steps that passed, out of the steps of this variant. */
export function stepCounts(report: ScenarioReport): { passed: number; total: number } {
	const mine = report.steps.filter((s) => s.state !== 'other-variant');
	return { passed: mine.filter((s) => s.state === 'passed').length, total: mine.length };
}
