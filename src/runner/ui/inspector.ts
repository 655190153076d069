// The raw HTTP inspector: the reader composes a request, the helper inside the runtime sends it to
// the snippet's server, and both messages appear exactly as they went over the wire, part by part,
// with the curl command that does the same from the reader's own terminal.
import { splitMessage } from '../../lib/http/raw.ts';
import { checkForm, curlCommand, inspectorRawRequest, type HelperResult } from '../http-format.ts';
import { h } from './dom.ts';

export interface InspectorTarget {
	/** The port in use in the runtime. */
	port: number;
	/** The port the reader sees in the code (the default). */
	shown: number;
	/**
	 * True when the reader's own terminal reaches the server at `port` (the local runtime runs it on
	 * their machine): the curl command then uses that port. Otherwise it names the default, for when
	 * they run the snippet themselves.
	 */
	reachable: boolean;
}

export class Inspector {
	readonly root: HTMLElement;
	#target: InspectorTarget | undefined;
	#output: HTMLElement;
	#problem: HTMLElement;
	#send: HTMLButtonElement;

	constructor(idPrefix: string, send: (port: number, raw: string) => Promise<HelperResult>) {
		const field = (label: string, control: HTMLElement) =>
			h('label', { class: 'runner__field' }, h('span', {}, label), control);
		const method = h(
			'select',
			{ name: 'method' },
			...['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'].map((m) =>
				h('option', { value: m }, m),
			),
		);
		const path = h('input', { name: 'path', type: 'text', value: '/', spellcheck: 'false' });
		const headers = h('textarea', {
			name: 'headers',
			rows: '3',
			spellcheck: 'false',
			placeholder: 'Accept: text/html\nUser-Agent: my-client',
		});
		const body = h('textarea', {
			name: 'body',
			rows: '3',
			spellcheck: 'false',
			placeholder: '(본문 없음)',
		});
		this.#send = h(
			'button',
			{ type: 'submit', class: 'runner__button runner__button--primary' },
			'요청 보내기',
		);
		this.#problem = h('p', { class: 'runner__problem', role: 'alert', hidden: true });
		this.#output = h('div', {
			class: 'runner__exchange',
			'aria-live': 'polite',
			id: `${idPrefix}-exchange`,
		});
		const form = h(
			'form',
			{ class: 'runner__inspector-form' },
			h('div', { class: 'runner__row' }, field('메서드', method), field('경로', path)),
			field('헤더 (한 줄에 하나, 이름: 값)', headers),
			field('본문', body),
			h('div', { class: 'runner__row' }, this.#send),
			this.#problem,
		);
		form.addEventListener('submit', (event) => {
			event.preventDefault();
			void this.#submit(
				{ method: method.value, path: path.value, headers: headers.value, body: body.value },
				send,
			);
		});
		this.root = h(
			'section',
			{ class: 'runner__inspector', 'aria-label': '요청 콘솔: 날것의 HTTP 주고받기' },
			h('h3', { class: 'runner__heading' }, '요청 콘솔'),
			h(
				'p',
				{ class: 'runner__hint' },
				'서버에 요청을 직접 보내고, 실제로 오간 요청과 응답을 바이트 그대로 봅니다.',
			),
			form,
			this.#output,
		);
	}

	setTarget(target: InspectorTarget | undefined) {
		this.#target = target;
		this.#send.disabled = !target;
	}

	async #submit(
		values: { method: string; path: string; headers: string; body: string },
		send: (port: number, raw: string) => Promise<HelperResult>,
	) {
		const target = this.#target;
		this.#problem.hidden = true;
		if (!target) return this.#fail('서버가 실행 중이 아닙니다. 먼저 ▶ 실행을 누르세요.');
		const check = checkForm({ ...values, port: target.port, shownPort: target.shown });
		if (!check.ok) return this.#fail(check.problem);
		const raw = inspectorRawRequest(check, target.shown);
		this.#send.disabled = true;
		this.#send.textContent = '보내는 중…';
		try {
			const result = await send(target.port, raw);
			this.#render(
				result,
				curlCommand(check, target.reachable ? target.port : target.shown),
				target,
			);
		} catch (error) {
			this.#fail(`요청을 보내지 못했습니다: ${(error as Error).message}`);
		} finally {
			this.#send.disabled = !this.#target;
			this.#send.textContent = '요청 보내기';
		}
	}

	#fail(text: string) {
		this.#problem.textContent = text;
		this.#problem.hidden = false;
	}

	#render(result: HelperResult, curl: string, target: InspectorTarget) {
		const message = (label: string, raw: string, kind: string) => {
			const parts = splitMessage(raw);
			const pre = h('pre', { class: 'http-message__raw' });
			if (parts.startLine)
				pre.append(h('span', { class: 'http-message__start' }, parts.startLine), '\n');
			for (const line of parts.headers)
				pre.append(h('span', { class: 'http-message__header' }, line), '\n');
			if (parts.blankLine)
				pre.append(
					h('span', { class: 'http-message__blank', title: '빈 줄: 헤더의 끝' }, '↵'),
					'\n',
				);
			if (parts.body) pre.append(h('span', { class: 'http-message__body' }, parts.body));
			return h(
				'figure',
				{ class: `http-message runner__message`, 'data-message': kind },
				h('figcaption', {}, label),
				pre,
			);
		};
		const nothing = result.error ? `응답이 없습니다 (${result.error}).` : '';
		this.#output.replaceChildren(
			message('보낸 요청', result.request, 'request'),
			nothing
				? h('p', { class: 'runner__problem' }, nothing)
				: message(`받은 응답 (${result.ms} ms)`, result.response, 'response'),
			h(
				'figure',
				{ class: 'runner__curl' },
				h(
					'figcaption',
					{},
					target.reachable
						? target.port === target.shown
							? '내 터미널에서 같은 요청 보내기'
							: `내 터미널에서 같은 요청 보내기 (서버는 지금 이 컴퓨터의 ${target.port}번 포트에서 듣고 있습니다)`
						: `내 컴퓨터에서 예제를 실행했을 때 (포트 ${target.shown}) 같은 요청 보내기`,
				),
				h('pre', { tabindex: '0' }, h('code', {}, curl)),
			),
		);
	}
}
