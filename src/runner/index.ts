// The live runner's entry, loaded by the snippet shell on the reader's first sign of intent toward a
// snippet (never with the page, never on scrolling). `warm` prepares the snippet's editors and starts
// booting the page's runtime (where booting waits for Run, it does not); `run` runs the snippet.
import { warmPageRuntime } from './page-runtime.ts';
import type { Variant } from './session.ts';
import { defineSnippetRunner, SnippetRunner, type Shell } from './ui/live-snippet.ts';

function runnerOf(shell: HTMLElement): SnippetRunner {
	defineSnippetRunner();
	const live = shell.querySelector<HTMLElement>('[data-live-root]') ?? shell;
	let runner = live.querySelector<SnippetRunner>('snippet-runner');
	if (!runner) {
		runner = document.createElement('snippet-runner') as SnippetRunner;
		live.append(runner);
	}
	return runner;
}

export function warm(shell: HTMLElement): void {
	void runnerOf(shell)
		.prepare(shell as Shell)
		.catch((error: unknown) => console.error(error));
	// Booting takes seconds in a WebContainer: start now, while the reader reads the code.
	void warmPageRuntime();
}

/** Runs the snippet's Node code, or (`python`) its Python code where the page can. */
export async function run(shell: HTMLElement, variant: Variant = 'node'): Promise<void> {
	await (await preparedRunner(shell)).run(variant);
}

/** The snippet's workbench, built (for embedders such as exercises, which read and set its files). */
export async function preparedRunner(shell: HTMLElement): Promise<SnippetRunner> {
	const runner = runnerOf(shell);
	await runner.prepare(shell as Shell);
	return runner;
}

export async function stop(shell: HTMLElement): Promise<void> {
	await runnerOf(shell).stop();
}
