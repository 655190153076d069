// 풀이 보기: the solution as a diff against the reader's code (@codemirror/merge's unified view, read
// only, unchanged runs collapsed), file by file, then 풀이 불러오기, which puts the solution in the
// editors and keeps the reader's code for 내 코드로 되돌리기.
import { javascript } from '@codemirror/lang-javascript';
import { python } from '@codemirror/lang-python';
import { getChunks, unifiedMergeView } from '@codemirror/merge';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView, lineNumbers } from '@codemirror/view';
import { h } from '../dom.ts';
import { editorTheme, injectPalette } from '../editor-theme.ts';
import { exerciseWorkbench } from './exercise-data.ts';
import type { ExerciseElement } from './exercise-element.ts';

/** The reader's code from before the solution was loaded, per exercise on the page. */
const before = new WeakMap<ExerciseElement, Record<string, string>>();
const views = new WeakMap<ExerciseElement, EditorView[]>();

function language(path: string): Extension {
	if (path.endsWith('.py')) return python();
	if (/\.(m|c)?js$/.test(path)) return javascript();
	return [];
}

export async function showSolution(root: ExerciseElement): Promise<void> {
	const box = root.querySelector<HTMLElement>('[data-solution]');
	if (!box) return;
	const { runner, data } = await exerciseWorkbench(root);
	injectPalette();
	for (const view of views.get(root) ?? []) view.destroy();
	const mine = runner.files();
	const solution = data.exercise.solution;
	const created: EditorView[] = [];
	const files = Object.keys(solution).filter((path) => mine[path] !== solution[path]);

	const heading = h(
		'p',
		{ class: 'exercise__solution-title', tabindex: '-1' },
		'풀이와 내 코드의 차이',
	);
	const parts: Node[] = [heading];
	if (files.length === 0) {
		parts.push(h('p', {}, '지금 편집기의 코드가 풀이와 똑같습니다.'));
	} else {
		parts.push(
			h(
				'p',
				{ class: 'exercise__legend' },
				h('span', { class: 'exercise__legend-add' }, '+ 초록 줄'),
				': 풀이에만 있는 줄, ',
				h('span', { class: 'exercise__legend-del' }, '− 빨간 줄'),
				': 내 코드에만 있는 줄. 같은 줄이 길게 이어지는 곳은 접혀 있습니다.',
			),
		);
	}
	for (const path of files) {
		const host = h('div', { class: 'exercise__diff' });
		const view = new EditorView({
			parent: host,
			state: EditorState.create({
				doc: solution[path] ?? '',
				extensions: [
					lineNumbers(),
					language(path),
					editorTheme,
					EditorState.readOnly.of(true),
					EditorView.editable.of(false),
					EditorState.phrases.of({ '$ unchanged lines': '바뀌지 않은 $줄 (누르면 펼침)' }),
					// Focusable, so the diff scrolls from the keyboard too.
					EditorView.contentAttributes.of({
						'aria-label': `${path}: 풀이 (내 코드와의 차이 표시)`,
						tabindex: '0',
					}),
					unifiedMergeView({
						original: mine[path] ?? '',
						mergeControls: false,
						highlightChanges: true,
						gutter: true,
						syntaxHighlightDeletions: true,
						collapseUnchanged: { margin: 2, minSize: 5 },
					}),
				],
			}),
		});
		created.push(view);
		const chunks = getChunks(view.state)?.chunks.length ?? 0;
		parts.push(h('p', { class: 'exercise__diff-file' }, `${path} — 바뀐 곳 ${chunks}군데`), host);
	}
	views.set(root, created);

	const load = h(
		'button',
		{
			type: 'button',
			class: 'exercise__button exercise__button--primary',
			'data-action': 'load-solution',
		},
		'풀이 불러오기',
	);
	const close = h(
		'button',
		{ type: 'button', class: 'exercise__button', 'data-action': 'close-solution' },
		'닫기',
	);
	const status = h('p', { class: 'exercise__detail', role: 'status' });
	load.disabled = files.length === 0;
	/** The way back to the reader's code, while it is kept. */
	const offerUndo = (text: string) => {
		status.replaceChildren(text);
		const undo = h(
			'button',
			{ type: 'button', class: 'exercise__link-button', 'data-action': 'undo-solution' },
			'내 코드로 되돌리기',
		);
		undo.addEventListener('click', () => {
			const saved = before.get(root);
			if (!saved) return;
			runner.setFiles(saved);
			before.delete(root);
			status.replaceChildren('내 코드로 되돌렸습니다.');
			load.disabled = false;
			load.focus();
		});
		status.append(undo);
		return undo;
	};
	if (before.has(root)) offerUndo('편집기에는 불러온 풀이가 있습니다. ');
	load.addEventListener('click', () => {
		before.set(root, runner.files());
		runner.setFiles(solution);
		load.disabled = true;
		offerUndo('풀이를 편집기에 불러왔습니다. ▶ 실행이나 ✓ 확인으로 돌려 보세요. ').focus();
	});
	close.addEventListener('click', () => {
		box.hidden = true;
		for (const view of views.get(root) ?? []) view.destroy();
		views.delete(root);
		root.querySelector<HTMLButtonElement>('[data-action=solution]')?.focus();
	});
	parts.push(h('p', { class: 'exercise__solution-actions' }, load, close), status);
	box.replaceChildren(...parts);
	box.hidden = false;
	root.dataset['solution'] = 'shown';
	heading.focus();
}
