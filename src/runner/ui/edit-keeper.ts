// Keeping the reader's edits: saved in the browser as they type (src/runner/edits.ts), offered rather
// than applied when the snippet changed since, reset with a way back, shared by link, and taken from
// a shared link without ever overwriting the reader's own saved edits unless they say so.
import type { SnippetBundle } from '../../lib/snippets/bundle.ts';
import { forgetEdits, loadEdits, saveEdits } from '../edits.ts';
import { h } from './dom.ts';
import type { FileEditors } from './file-editors.ts';
import type { Announcer, Notices } from './notices.ts';
import {
	LONG_LINK,
	ShareLinkError,
	decodeShare,
	encodeShare,
	type SharedEdits,
} from './share-link.ts';

export interface EditKeeperParts {
	bundle: SnippetBundle;
	notices: Notices;
	announce: Announcer;
	/** The shell: carries `data-shared` while shared code is shown. */
	shell: HTMLElement;
	reset: HTMLButtonElement | null;
	share: HTMLButtonElement | null;
	/** Where edits are kept; undefined: not kept (storage blocked, or an embedder that keeps its own). */
	storage: Storage | undefined;
}

/** The saved edits to start from (before any editor exists), and the notice to give about them. */
export function initialEdits(
	storage: Storage | undefined,
	bundle: SnippetBundle,
): { files: Record<string, string>; loaded: ReturnType<typeof loadEdits> } {
	const loaded = loadEdits(storage, bundle.id, bundle.hash);
	return { files: loaded.state === 'current' ? loaded.edits.files : {}, loaded };
}

export class EditKeeper {
	#p: EditKeeperParts;
	#editors!: FileEditors;
	#timer: ReturnType<typeof setTimeout> | undefined;
	/** Showing a shared link's code while the reader's own saved edits wait: nothing is saved. */
	#viewingShared = false;

	constructor(parts: EditKeeperParts) {
		this.#p = parts;
		parts.reset?.addEventListener('click', () => this.reset());
		parts.share?.addEventListener('click', () => void this.share());
	}

	/** Attaches to the editors and says what the saved state needs said. */
	attach(editors: FileEditors, loaded: ReturnType<typeof loadEdits>) {
		this.#editors = editors;
		const { notices, bundle, storage } = this.#p;
		if (loaded.state === 'stale') {
			const saved = loaded.edits.files;
			notices.show('이 예제는 새 판에서 바뀌었습니다. 전에 고친 코드가 저장되어 있습니다.', [
				['내 수정본 불러오기', () => this.#apply(saved)],
				['새 판 그대로 쓰기', () => forgetEdits(storage, bundle.id)],
			]);
		} else if (loaded.state === 'corrupt') {
			notices.show('저장된 수정본을 읽을 수 없어 원래 코드로 시작합니다.');
			forgetEdits(storage, bundle.id);
		}
		this.#updateButtons();
	}

	/** The editors changed (typing): saved shortly after, unless shared code is being looked at. */
	changed() {
		this.#updateButtons();
		if (this.#viewingShared) return;
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => this.#save(), 250);
	}

	/** Back to the original code, with a way to undo it. */
	reset() {
		const before = this.#editors.edits();
		if (Object.keys(before).length === 0) return;
		clearTimeout(this.#timer);
		this.#viewingShared = false;
		delete this.#p.shell.dataset['shared'];
		this.#editors.setAll({});
		forgetEdits(this.#p.storage, this.#p.bundle.id);
		this.#p.notices.show('원래 코드로 되돌렸습니다.', [
			['되돌리기 취소 (고친 코드 다시 넣기)', () => this.#apply(before)],
		]);
		this.#p.announce.say('원래 코드로 되돌렸습니다. 알림의 단추로 취소할 수 있습니다.');
		this.#updateButtons();
	}

	/** Copies a link carrying the edited files; the link is also shown, for a blocked clipboard. */
	async share() {
		const { bundle, notices, announce } = this.#p;
		const fragment = await encodeShare({
			id: bundle.id,
			hash: bundle.hash,
			files: this.#editors.edits(),
		});
		const url = `${location.href.replace(/#.*$/, '')}${fragment}`;
		let copied = false;
		try {
			await navigator.clipboard.writeText(url);
			copied = true;
		} catch {
			// shown below for copying by hand
		}
		const field = h('input', {
			type: 'text',
			class: 'runner__share-url',
			readonly: true,
			value: url,
			'aria-label': '공유 링크',
		});
		field.addEventListener('focus', () => field.select());
		notices.show(
			[
				h(
					'p',
					{},
					copied
						? '고친 코드를 담은 링크를 복사했습니다. 이 링크를 연 사람은 이 예제에서 같은 코드를 봅니다.'
						: '아래 링크를 복사해 보내세요. 이 링크를 연 사람은 이 예제에서 같은 코드를 봅니다.',
				),
				field,
				...(url.length > LONG_LINK
					? [
							h(
								'p',
								{},
								`링크가 깁니다(${url.length}자). 메신저나 메일에서 잘리면 열리지 않을 수 있습니다.`,
							),
						]
					: []),
			],
			[['닫기', () => undefined]],
		);
		announce.say(copied ? '공유 링크를 복사했습니다.' : '공유 링크를 만들었습니다.');
	}

	/** A share link for this snippet in the page's address: shows its code, asking first if need be. */
	async openShared(fragment: string, ownSaved: ReturnType<typeof loadEdits>) {
		const { bundle, notices } = this.#p;
		let shared: SharedEdits | undefined;
		try {
			shared = await decodeShare(fragment);
		} catch (error) {
			notices.show(
				`${error instanceof ShareLinkError ? error.message : '공유 링크를 읽지 못했습니다.'} 이 예제는 저장된 코드(또는 원래 코드)로 보여 줍니다.`,
			);
			return;
		}
		if (!shared || shared.id !== bundle.id) return;
		const files = Object.fromEntries(
			Object.entries(shared.files).filter(([path]) => this.#editors.editors.has(path)),
		);
		const edition =
			shared.hash === bundle.hash ? '' : ' 링크는 이 예제의 다른 판에서 만들어졌습니다.';
		const mine =
			ownSaved.state === 'current' || ownSaved.state === 'stale' ? ownSaved.edits.files : {};
		const same = JSON.stringify(sorted(mine)) === JSON.stringify(sorted(files));
		if (Object.keys(mine).length === 0 || same) {
			this.#showShared(files);
			this.#save();
			notices.show(
				`링크로 공유받은 코드입니다 (고친 파일: ${Object.keys(files).join(', ') || '없음'}).${edition}`,
				[['닫기', () => undefined]],
			);
			return;
		}
		notices.show(
			`이 링크에는 다른 사람이 고친 코드가 담겨 있습니다. 이 브라우저에는 내가 고쳐 저장해 둔 코드도 있습니다.${edition}`,
			[
				[
					'공유받은 코드 보기',
					() => {
						this.#viewingShared = true;
						this.#showShared(files);
						notices.show(
							'공유받은 코드를 보고 있습니다. 내가 저장해 둔 코드는 그대로 있고, 여기서 고친 것은 저장되지 않습니다.',
							[
								[
									'이 코드를 내 수정본으로 저장',
									() => {
										this.#viewingShared = false;
										this.#save();
									},
								],
								[
									'내 코드로 돌아가기',
									() => {
										this.#viewingShared = false;
										delete this.#p.shell.dataset['shared'];
										this.#editors.setAll(mine);
									},
								],
							],
						);
					},
				],
				['내 코드 그대로 두기', () => undefined],
			],
		);
	}

	#showShared(files: Record<string, string>) {
		this.#p.shell.dataset['shared'] = '';
		this.#editors.setAll(files);
		this.#updateButtons();
	}

	#apply(files: Record<string, string>) {
		this.#editors.setAll(files);
		this.#save();
		this.#updateButtons();
	}

	#save() {
		const { storage, bundle, notices } = this.#p;
		if (!saveEdits(storage, bundle.id, bundle.hash, this.#editors.edits()))
			notices.show('브라우저 저장소를 쓸 수 없어 고친 코드가 새로고침 뒤에는 남지 않습니다.');
	}

	#updateButtons() {
		const edited = Object.keys(this.#editors?.edits() ?? {}).length > 0;
		if (this.#p.reset) this.#p.reset.disabled = !edited;
		if (this.#p.share) this.#p.share.disabled = !edited;
	}
}

function sorted(files: Record<string, string>) {
	return Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)));
}
