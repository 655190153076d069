// The live runner's entry, loaded by the snippet shell on the reader's first sign of intent (never
// with the page). `preload` starts choosing and booting the page's runtime; `warm` also prepares the
// snippet's editors and its run; `run` runs the snippet.
import { pageRuntime } from './page-runtime.ts';
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

/** A snippet is near the viewport: start booting the page's runtime, touching no snippet. */
export function preload(): void {
	void pageRuntime();
}

export function warm(shell: HTMLElement): void {
	void runnerOf(shell)
		.prepare(shell as Shell)
		.catch((error: unknown) => console.error(error));
	// Booting takes seconds in a WebContainer: start now, while the reader reads the code.
	void pageRuntime();
}

export async function run(shell: HTMLElement): Promise<void> {
	const runner = runnerOf(shell);
	await runner.prepare(shell as Shell);
	await runner.run();
}

export async function stop(shell: HTMLElement): Promise<void> {
	await runnerOf(shell).stop();
}
