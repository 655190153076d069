// The exercise's bundle (src/lib/exercises/bundle.ts), fetched once per page: the workbench fetches
// the same address, so the browser's cache usually answers.
import type { ExerciseBundle } from '../../../lib/exercises/bundle.ts';
import type { Shell } from '../live-snippet.ts';

const fetched = new Map<string, Promise<ExerciseBundle>>();

export function exerciseData(url: string): Promise<ExerciseBundle> {
	let data = fetched.get(url);
	if (!data) {
		data = fetch(url).then(async (res) => {
			if (!res.ok) throw new Error(`연습 문제 파일을 불러오지 못했습니다 (${res.status})`);
			return (await res.json()) as ExerciseBundle;
		});
		fetched.set(url, data);
		data.catch(() => fetched.delete(url));
	}
	return data;
}

/** The exercise's workbench shell (Snippet.astro's `<code-snippet>`) and its bundle's address. */
export function shellOf(root: HTMLElement): { shell: Shell; url: string } {
	const shell = root.querySelector<Shell>('code-snippet');
	if (!shell) throw new Error('연습 문제의 편집기를 찾지 못했습니다.');
	return { shell, url: shell.dataset['bundle'] ?? '' };
}
