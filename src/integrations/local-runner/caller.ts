// Who may call the endpoint: the reader's own browser, showing the book's page. Everything a client
// sends is untrusted; what is believed comes from the socket (or, behind `astro preview`, from our
// own proxy hop, proven by a secret that never leaves this process), from the kernel (which user
// owns the other end, on Linux), and from the token handed to the page at this server start.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP, type Socket } from 'node:net';
import { TOKEN_HEADER } from '../../runner/protocol.ts';
import { canReadSockets, connectionPeerUid, isLoopbackAddress } from './sockets.ts';

/** Set by our preview proxy on the inner hop: the secret, and the real peer of the outer socket. */
export const HOP_HEADER = 'x-web-book-hop';
export const PEER_HEADER = 'x-web-book-peer';

/** Both ends of the connection the request came on. */
export interface Peer {
	address: string;
	port: number;
	localAddress: string;
	localPort: number;
}

export interface CallerPolicy {
	/** This server start's token (see TOKEN_HEADER). */
	token: string;
	/** When set, requests come through our preview proxy and must carry this secret in HOP_HEADER. */
	hopSecret?: string;
	/** The user opted in to callers from the network (WEB_BOOK_RUNNER_NETWORK): any peer may call. */
	network: boolean;
	/** Loopback callers must be this user or root (Linux, where the kernel says who owns a socket). */
	uid: number | undefined;
}

/** What a request asks for: the probe, the runner's API, or a snippet's page through the preview. */
export type CallKind = 'probe' | 'api' | 'preview';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The user whose loopback callers are accepted: ours, where the kernel can tell (Linux). */
export function ownUidIfKnowable(): number | undefined {
	return canReadSockets() && typeof process.getuid === 'function' ? process.getuid() : undefined;
}

export function sameSecret(given: unknown, expected: string): boolean {
	if (typeof given !== 'string') return false;
	const a = Buffer.from(given);
	const b = Buffer.from(expected);
	return a.length === b.length && timingSafeEqual(a, b);
}

function socketPeer(socket: Socket): Peer {
	return {
		address: socket.remoteAddress ?? '',
		port: socket.remotePort ?? 0,
		localAddress: socket.localAddress ?? '',
		localPort: socket.localPort ?? 0,
	};
}

/** How our preview proxy describes the outer socket to the inner hop. */
export function describePeer(socket: Socket): string {
	return JSON.stringify(socketPeer(socket));
}

function parsePeer(value: unknown): Peer | undefined {
	if (typeof value !== 'string') return undefined;
	try {
		const p = JSON.parse(value) as Partial<Peer>;
		if (
			typeof p.address === 'string' &&
			typeof p.localAddress === 'string' &&
			Number.isInteger(p.port) &&
			Number.isInteger(p.localPort)
		)
			return p as Peer;
	} catch {
		// not ours
	}
	return undefined;
}

/** The hostname of a Host header value, lower-cased, brackets kept for IPv6. */
function hostName(host: string): string {
	const m = /^(\[[^\]]+\]|[^:[\]]+)(?::\d+)?$/.exec(host.trim().toLowerCase());
	return m?.[1] ?? '';
}

/** The connection's real peer, or why it cannot be known. */
export function peerOf(req: IncomingMessage, policy: CallerPolicy): Peer | string {
	if (policy.hopSecret !== undefined) {
		// Only our own proxy knows the secret; a local process connecting here directly does not.
		if (!sameSecret(req.headers[HOP_HEADER], policy.hopSecret)) return 'not from this server';
		return parsePeer(req.headers[PEER_HEADER]) ?? 'not from this server';
	}
	return socketPeer(req.socket);
}

/**
 * Why the request is refused, or undefined to answer it. A loopback peer (or, opted in, any peer)
 * of this user, naming a loopback host (or, opted in, an IP address: a page on another site could
 * otherwise rebind its DNS name to us), from the page's own origin. State-changing calls must carry
 * that Origin; reads may come without one only when the browser says they are same-origin. API calls
 * carry the token. A snippet's page in the preview is sandboxed (an opaque origin), so its requests
 * come as `Origin: null` or cross-site: they reach the snippet's server and nothing else.
 */
export function refusal(
	req: IncomingMessage,
	kind: CallKind,
	policy: CallerPolicy,
): string | undefined {
	const peer = peerOf(req, policy);
	if (typeof peer === 'string') return peer;
	const loopback = isLoopbackAddress(peer.address);
	if (!loopback && !policy.network) return 'not a loopback peer';
	if (loopback && policy.uid !== undefined) {
		const uid = connectionPeerUid(
			{ address: peer.address, port: peer.port },
			{ address: peer.localAddress, port: peer.localPort },
		);
		if (uid === undefined) return 'cannot tell which user is calling';
		// Root may call too: it could act as this user anyway, and it owns the relays some setups put
		// between the browser and loopback (WSL 2's localhost forwarding).
		if (uid !== policy.uid && uid !== 0) return `another user (uid ${uid}) is calling`;
	}
	const host = req.headers.host ?? '';
	const name = hostName(host);
	const ipLiteral = isIP(name.replace(/^\[|\]$/g, '')) !== 0;
	if (!LOOPBACK_HOSTS.has(name) && !(policy.network && ipLiteral))
		return `host ${host} is not a loopback name`;
	const origin = req.headers.origin;
	const own = `http://${host.toLowerCase()}`;
	if (kind === 'preview') {
		if (origin !== undefined && origin !== 'null' && origin.toLowerCase() !== own)
			return `foreign origin ${origin}`;
		return undefined;
	}
	if (origin !== undefined) {
		if (origin.toLowerCase() !== own) return `foreign origin ${origin}`;
	} else {
		const safe = req.method === 'GET' || req.method === 'HEAD';
		if (!safe) return 'a state-changing request without an Origin header';
		const site = req.headers['sec-fetch-site'];
		if (site !== undefined && site !== 'same-origin' && site !== 'none')
			return `sec-fetch-site ${site}`;
	}
	if (kind === 'api' && !sameSecret(req.headers[TOKEN_HEADER], policy.token))
		return 'no valid runner token (reload the page)';
	return undefined;
}
