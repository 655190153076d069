// Share links: a snippet's edited files carried in the URL's fragment (never sent to any server),
// compressed with the browser's own CompressionStream and written base64url. A teacher copies the
// link; a reader who opens it sees those edits in that snippet.
import { SHARE_PREFIX } from '../../components/snippet-links.ts';

/** What a link carries. `hash` is the snippet's content hash the edits were made against. */
export interface SharedEdits {
	id: string;
	hash: string;
	files: Record<string, string>;
}

/** Links longer than this may be cut by chat apps and mail; the reader is told. */
export const LONG_LINK = 8000;

export class ShareLinkError extends Error {}

export async function encodeShare(edits: SharedEdits): Promise<string> {
	const json = JSON.stringify({ v: 1, h: edits.hash, f: edits.files });
	const packed = await pipe(new TextEncoder().encode(json), new CompressionStream('deflate-raw'));
	return `${SHARE_PREFIX}${edits.id}:${base64url(packed)}`;
}

/** The edits in `fragment` (a `location.hash`), undefined when it is no share link. */
export async function decodeShare(fragment: string): Promise<SharedEdits | undefined> {
	if (!fragment.startsWith(SHARE_PREFIX)) return undefined;
	const rest = fragment.slice(SHARE_PREFIX.length);
	const colon = rest.indexOf(':');
	if (colon < 1) throw new ShareLinkError('공유 링크의 형식이 올바르지 않습니다.');
	const id = rest.slice(0, colon);
	let value: unknown;
	try {
		const bytes = await pipe(
			unbase64url(rest.slice(colon + 1)),
			new DecompressionStream('deflate-raw'),
		);
		value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
	} catch (error) {
		throw new ShareLinkError('공유 링크가 잘렸거나 손상되어 읽을 수 없습니다.', { cause: error });
	}
	const v = value as { v?: unknown; h?: unknown; f?: unknown };
	if (
		v?.v !== 1 ||
		typeof v.h !== 'string' ||
		typeof v.f !== 'object' ||
		v.f === null ||
		!Object.values(v.f).every((c) => typeof c === 'string')
	)
		throw new ShareLinkError('공유 링크에 담긴 내용을 알아볼 수 없습니다.');
	return { id, hash: v.h, files: v.f as Record<string, string> };
}

async function pipe(bytes: Uint8Array, transform: CompressionStream | DecompressionStream) {
	const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(transform);
	return new Uint8Array(await new Response(stream).arrayBuffer());
}

function base64url(bytes: Uint8Array): string {
	let binary = '';
	for (const b of bytes) binary += String.fromCharCode(b);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function unbase64url(text: string): Uint8Array {
	const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
	return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
