// PLACEHOLDER until the live runner lands (issue 3): owned by the runner work.
export function warm(_shell: HTMLElement): void {}
export async function run(shell: HTMLElement): Promise<void> {
	(shell as HTMLElement & { selectPanel(m: (p: HTMLElement) => boolean): void }).selectPanel(
		(p) => p.dataset['role'] === 'transcript',
	);
}
