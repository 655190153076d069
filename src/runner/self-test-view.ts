// The self-test page's behaviour: chooses the page's runtime (as snippet pages do), runs every
// snippet's scenario through the page host and writes each row and the totals into the static
// table. Loaded only when the teacher presses the button.
import type { RunnableSnippet } from '../lib/scenario/run.ts';
import type { SnippetBundle } from '../lib/snippets/bundle.ts';
import {
	bootStatusText,
	offReasonText,
	onBootProgress,
	pageRuntime,
	RUNTIME_LABEL,
} from './page-runtime.ts';
import { runSelfTest, type SelfTestItem, type SelfTestRow } from './self-test.ts';

interface Entry {
	id: string;
	title: string;
	runnable: RunnableSnippet;
	bundle: string;
}

const STATE_TEXT: Record<SelfTestRow['state'], string> = {
	waiting: '대기',
	running: '실행 중',
	passed: '통과',
	failed: '실패',
	stopped: '멈춤',
};

/** For the table's narrow column; the line above the table says it in full. */
const SHORT_LABEL = { local: '이 컴퓨터', webcontainer: 'WebContainer' } as const;

function cell(row: Element | null, name: string): HTMLElement | null {
	return row?.querySelector<HTMLElement>(`[data-cell="${name}"]`) ?? null;
}

function setText(el: HTMLElement | null, text: string) {
	if (el && el.textContent !== text) el.textContent = text;
}

export async function runSelfTestPage(root: HTMLElement): Promise<void> {
	const stop = root.querySelector<HTMLButtonElement>('[data-stop]');
	const summary = root.querySelector<HTMLElement>('[data-summary]');
	const runtimeLine = root.querySelector<HTMLElement>('[data-runtime]');
	const rows = new Map(
		[...root.querySelectorAll<HTMLTableRowElement>('tr[data-snippet]')].map((tr) => [
			tr.dataset['snippet'] ?? '',
			tr,
		]),
	);
	const total = rows.size;
	const controller = new AbortController();
	const counts = { passed: 0, failed: 0 };
	const show = (state: 'running' | 'pass' | 'fail', text: string, reason?: string) => {
		root.dataset['selftest'] = state;
		root.dataset['passed'] = String(counts.passed);
		root.dataset['failed'] = String(counts.failed);
		root.dataset['total'] = String(total);
		if (reason) root.dataset['reason'] = reason;
		else delete root.dataset['reason'];
		setText(summary, text);
	};

	// A fresh start: every row back to waiting.
	for (const tr of rows.values()) {
		tr.dataset['state'] = 'waiting';
		setText(cell(tr, 'state'), STATE_TEXT.waiting);
		setText(cell(tr, 'runtime'), '—');
		setText(cell(tr, 'time'), '—');
		setText(cell(tr, 'message'), '');
	}
	const onStop = () => controller.abort();
	if (stop) {
		stop.hidden = false;
		stop.disabled = false;
		stop.addEventListener('click', onStop);
	}
	show('running', '실행 환경을 준비하는 중입니다…');
	const offProgress = onBootProgress((progress) =>
		setText(runtimeLine, `실행 환경: ${bootStatusText(progress)}`),
	);

	try {
		const stopped = new Promise<'stopped'>((resolve) =>
			controller.signal.addEventListener('abort', () => resolve('stopped'), { once: true }),
		);
		const chosen = await Promise.race([pageRuntime(), stopped]);
		offProgress();
		if (chosen === 'stopped') {
			show('fail', '점검을 멈췄습니다. 실행 환경이 준비되기 전이었습니다.', 'stopped');
			return;
		}
		if (chosen.kind === 'recorded') {
			setText(runtimeLine, `실행 환경: 없음${chosen.detail ? ` (${chosen.detail})` : ''}`);
			for (const tr of rows.values()) {
				tr.dataset['state'] = 'not-run';
				setText(cell(tr, 'state'), '점검 못 함');
				setText(cell(tr, 'message'), '실행할 환경이 없어 점검하지 못했습니다.');
			}
			counts.failed = total;
			show(
				'fail',
				`점검할 수 없습니다: 이 페이지에서 예제를 실행할 환경이 없습니다. ${offReasonText(chosen.reason)} ` +
					'StackBlitz에 닿을 수 없는 곳이라면, 책을 npm run preview로 열어 이 컴퓨터의 Node.js로 점검할 수 있습니다.',
				chosen.reason,
			);
			return;
		}
		const label = RUNTIME_LABEL[chosen.kind];
		setText(runtimeLine, `실행 환경: ${label}`);

		const base = root.dataset['base'] ?? '/';
		const response = await fetch(root.dataset['list'] ?? `${base}self-test/snippets.json`);
		if (!response.ok) throw new Error(`예제 목록을 받지 못했습니다 (${response.status})`);
		const entries = (await response.json()) as Entry[];
		const items: SelfTestItem[] = entries.map((entry) => ({
			id: entry.id,
			title: entry.title,
			runnable: entry.runnable,
			bundle: async () => {
				const res = await fetch(`${base}${entry.bundle}`);
				if (!res.ok) throw new Error(`${entry.id}의 파일을 받지 못했습니다 (${res.status})`);
				return (await res.json()) as SnippetBundle;
			},
		}));

		const final = await runSelfTest(chosen.runtime, items, {
			signal: controller.signal,
			onRow: (row) => {
				const tr = rows.get(row.id);
				if (!tr) return;
				tr.dataset['state'] = row.state;
				setText(cell(tr, 'state'), STATE_TEXT[row.state]);
				setText(cell(tr, 'steps'), `${row.passed}/${row.total}`);
				if (row.state !== 'waiting')
					setText(
						cell(tr, 'runtime'),
						`${SHORT_LABEL[chosen.kind]}${row.runtimeVersion ? ` ${row.runtimeVersion}` : ''}`,
					);
				if (row.ms !== undefined) setText(cell(tr, 'time'), `${(row.ms / 1000).toFixed(1)}초`);
				setText(cell(tr, 'message'), row.message ?? '');
				if (row.state === 'passed') counts.passed++;
				if (row.state === 'failed') counts.failed++;
				if (row.state !== 'running' && row.state !== 'waiting') {
					const done = counts.passed + counts.failed;
					show(
						'running',
						`${total}개 중 ${done}개 점검함: 통과 ${counts.passed}, 실패 ${counts.failed}`,
					);
				}
			},
		});
		const stoppedRows = final.filter((r) => r.state === 'stopped').length;
		if (controller.signal.aborted) {
			show(
				'fail',
				`점검을 멈췄습니다: ${total}개 중 통과 ${counts.passed}, 실패 ${counts.failed}, 점검하지 못함 ${stoppedRows}.`,
				'stopped',
			);
		} else if (counts.passed === total) {
			show('pass', `모든 예제 ${total}개가 ${label}에서 통과했습니다.`);
		} else {
			show(
				'fail',
				`${total}개 중 ${counts.failed}개가 실패했습니다. 표의 '처음 실패한 곳'을 보세요.`,
			);
		}
	} catch (error) {
		show('fail', `점검하지 못했습니다: ${(error as Error).message ?? String(error)}`, 'error');
	} finally {
		offProgress();
		if (stop) {
			stop.hidden = true;
			stop.removeEventListener('click', onStop);
		}
	}
}
