// The check's place under an exercise's workbench: what is happening while it runs, then the verdict
// (each expectation passed or failed with the exercise's own sentence, what was expected and what
// came, and a failed HTTP step's raw request and response one click away), or why it could not run
// here with the command that checks the reader's file on their own machine.
import {
	closesFailedStep,
	NO_OUTPUT,
	NO_RESPONSE,
	shortfall,
	type CheckItem,
	type CheckVerdict,
} from '../../../lib/exercises/verdict.ts';
import { offReasonText } from '../../page-runtime.ts';
import type { OffReason } from '../../runtime/types.ts';
import { h } from '../dom.ts';

const STATE_TEXT: Record<CheckItem['state'], { mark: string; label: string }> = {
	passed: { mark: '✓', label: '통과' },
	failed: { mark: '✗', label: '실패' },
	'not-run': { mark: '·', label: '확인하지 못함' },
};

export class CheckView {
	readonly #box: HTMLElement;
	readonly #root: HTMLElement;

	constructor(root: HTMLElement) {
		this.#root = root;
		const box = root.querySelector<HTMLElement>('[data-result]');
		if (!box) throw new Error('연습 문제의 결과 자리를 찾지 못했습니다.');
		this.#box = box;
	}

	working(text: string) {
		this.#show(h('p', { class: 'exercise__summary', role: 'status' }, text));
		this.#box.dataset['state'] = 'working';
	}

	verdict(verdict: CheckVerdict) {
		const summary = verdict.ok
			? `통과했습니다! 확인한 ${verdict.items.length}가지를 모두 만족합니다.`
			: shortfall(verdict);
		const list = h('ul', { class: 'exercise__items' });
		for (const [i, item] of verdict.items.entries())
			list.append(itemView(item, closesFailedStep(verdict.items, i)));
		const problems = verdict.problems.map((p) => h('p', { class: 'exercise__problem' }, p.message));
		this.#show(h('p', { class: 'exercise__summary', role: 'status' }, summary), list, ...problems);
		this.#box.dataset['state'] = verdict.ok ? 'pass' : 'fail';
	}

	unavailable(reason: OffReason, detail: string | undefined, id: string, file: string | undefined) {
		const command = `npm run check -- ${id}${file ? ` ${file}` : ''}`;
		this.#show(
			h(
				'p',
				{ class: 'exercise__summary', role: 'status' },
				'이 페이지에서는 확인할 수 없습니다: 코드를 실행할 환경이 없습니다.',
			),
			h('p', { class: 'exercise__reason' }, offReasonText(reason)),
			...(detail ? [h('p', { class: 'exercise__detail' }, detail)] : []),
			h(
				'p',
				{},
				`내 컴퓨터에서 같은 확인을 할 수 있습니다. 고친 코드를 ${file ?? '파일'}로 저장한 뒤, 책의 저장소를 받아 npm ci를 한 번 한 폴더에서:`,
			),
			h('pre', { class: 'exercise__command', tabindex: '0' }, h('code', {}, command)),
			h(
				'p',
				{},
				'파일을 주지 않으면 처음 코드를 확인합니다. 같은 문장으로 무엇이 맞고 무엇이 틀렸는지 알려 줍니다.',
			),
		);
		this.#box.dataset['state'] = 'unavailable';
	}

	error(message: string) {
		this.#show(
			h('p', { class: 'exercise__summary', role: 'status' }, `확인하지 못했습니다: ${message}`),
		);
		this.#box.dataset['state'] = 'fail';
	}

	/** A line under what is shown. */
	note(text: string) {
		this.#box.append(h('p', { class: 'exercise__detail' }, text));
	}

	#show(...children: Node[]) {
		this.#box.hidden = false;
		this.#box.replaceChildren(...children);
		if (!this.#root.isConnected) return;
		requestAnimationFrame(() => {
			const r = this.#box.getBoundingClientRect();
			if (r.top > innerHeight - 80 || r.bottom < 0)
				this.#box.scrollIntoView({ block: 'nearest', behavior: 'instant' });
		});
	}
}

function itemView(item: CheckItem, withExchange: boolean): HTMLElement {
	const { mark, label } = STATE_TEXT[item.state];
	const li = h(
		'li',
		{ class: 'exercise__item', 'data-state': item.state, 'data-key': item.key },
		h('span', { class: 'exercise__mark', 'aria-hidden': 'true' }, mark),
		h('span', { class: 'visually-hidden' }, `${label}: `),
		h('span', { class: 'exercise__says' }, item.says),
	);
	if (item.state !== 'failed') return li;
	if (item.outcome) li.append(h('p', { class: 'exercise__outcome' }, item.outcome));
	if (!withExchange) return li;
	if (item.exchange) {
		li.append(
			h(
				'details',
				{ class: 'exercise__exchange' },
				h('summary', {}, '보낸 요청과 받은 응답 보기'),
				h('p', { class: 'exercise__raw-label' }, '보낸 요청'),
				raw(item.exchange.request),
				h('p', { class: 'exercise__raw-label' }, '받은 응답'),
				raw(item.exchange.response || NO_RESPONSE),
			),
		);
	} else if (item.output !== undefined) {
		li.append(
			h(
				'details',
				{ class: 'exercise__exchange' },
				h('summary', {}, '프로그램의 출력 보기'),
				raw(item.output.trimEnd() || NO_OUTPUT),
			),
		);
	}
	return li;
}

/** A raw message, its CR LF line ends shown as ordinary lines. */
function raw(text: string): HTMLElement {
	return h(
		'pre',
		{ class: 'exercise__raw', tabindex: '0' },
		h('code', {}, text.replace(/\r\n/g, '\n')),
	);
}
