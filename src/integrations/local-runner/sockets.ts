// What the kernel knows about this machine's TCP sockets, read from Linux's /proc/net/tcp{,6} and
// /proc/<pid>/fd: which user owns the other end of a loopback connection, and which processes hold
// a listening socket. Other systems have no such files; every answer there is "cannot tell".
import { endianness } from 'node:os';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { isIPv4, isIPv6 } from 'node:net';

/** One end of a connection: a canonical address (dotted IPv4, or 8 lower-case hex groups) and a port. */
export interface SocketEnd {
	address: string;
	port: number;
}

export interface TcpEntry {
	local: SocketEnd;
	remote: SocketEnd;
	/** The kernel's state number: 0x0A is LISTEN, 0x01 ESTABLISHED. */
	state: number;
	/** The user that created the socket. */
	uid: number;
	inode: number;
}

export const TCP_LISTEN = 0x0a;
const LITTLE_ENDIAN = endianness() === 'LE';

/** Whether this machine has the files (Linux with procfs). */
export function canReadSockets(): boolean {
	try {
		readFileSync('/proc/net/tcp', 'utf8');
		return true;
	} catch {
		return false;
	}
}

/** 16 bytes of an IPv6 address written as Node writes them (`::1`, `::ffff:127.0.0.1`), or undefined. */
function ipv6Bytes(address: string): number[] | undefined {
	let text = address.toLowerCase();
	const zone = text.indexOf('%');
	if (zone !== -1) text = text.slice(0, zone);
	const tail: number[] = [];
	const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
	if (dotted?.[1] && isIPv4(dotted[1])) {
		const [a = 0, b = 0, c = 0, d = 0] = dotted[1].split('.').map(Number);
		tail.push((a << 8) | b, (c << 8) | d);
		text = text.slice(0, -dotted[1].length).replace(/:$/, '') || ':';
		if (text === ':') text = '::';
	}
	const [head = '', rest] = text.split('::');
	const words = (s: string) => (s ? s.split(':').map((w) => parseInt(w, 16)) : []);
	const front = words(head);
	const back = [...words(rest ?? ''), ...tail];
	const fill = 8 - front.length - back.length;
	if (rest === undefined && fill !== 0) return undefined;
	if (fill < 0 || [...front, ...back].some((w) => !(w >= 0 && w <= 0xffff))) return undefined;
	const all = [...front, ...new Array<number>(fill).fill(0), ...back];
	return all.flatMap((w) => [w >> 8, w & 0xff]);
}

function fromBytes(bytes: number[]): string {
	const mapped =
		bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
	if (mapped) return bytes.slice(12).join('.');
	const groups: string[] = [];
	for (let i = 0; i < 16; i += 2)
		groups.push((((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0)).toString(16));
	return groups.join(':');
}

/**
 * One spelling per address, so Node's `::ffff:127.0.0.1` and the kernel's IPv4-mapped hex compare
 * equal: dotted IPv4 for IPv4 and IPv4-mapped IPv6, 8 unpadded hex groups for the rest.
 */
export function canonicalAddress(address: string): string {
	if (isIPv4(address)) return address;
	const bytes = isIPv6(address.replace(/%.*$/, '')) ? ipv6Bytes(address) : undefined;
	return bytes ? fromBytes(bytes) : address.toLowerCase();
}

/** `0100007F` (a 32-bit word as this machine stores it) to its four bytes in network order. */
function wordBytes(hex: string): number[] {
	const bytes = [0, 2, 4, 6].map((i) => parseInt(hex.slice(i, i + 2), 16));
	return LITTLE_ENDIAN ? bytes.reverse() : bytes;
}

function parseEnd(text: string): SocketEnd {
	const [hex = '', port = '0'] = text.split(':');
	const bytes: number[] = [];
	for (let i = 0; i < hex.length; i += 8) bytes.push(...wordBytes(hex.slice(i, i + 8)));
	const address = bytes.length === 4 ? bytes.join('.') : fromBytes(bytes);
	return { address, port: parseInt(port, 16) };
}

/** Every TCP socket of this network namespace, IPv4 and IPv6; empty where there is no /proc. */
export function tcpEntries(): TcpEntry[] {
	const entries: TcpEntry[] = [];
	for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
		let text: string;
		try {
			text = readFileSync(file, 'utf8');
		} catch {
			continue;
		}
		for (const line of text.split('\n').slice(1)) {
			const f = line.trim().split(/\s+/);
			if (f.length < 10 || !f[1] || !f[2]) continue;
			entries.push({
				local: parseEnd(f[1]),
				remote: parseEnd(f[2]),
				state: parseInt(f[3] ?? '0', 16),
				uid: Number(f[7]),
				inode: Number(f[9]),
			});
		}
	}
	return entries;
}

const same = (a: SocketEnd, b: SocketEnd) =>
	a.port === b.port && canonicalAddress(a.address) === canonicalAddress(b.address);

/**
 * The user owning the other end of a connection we accepted, seen from our side as `peer` (its
 * address) and `local` (ours). Undefined when the kernel lists no such socket (not Linux, another
 * network namespace, or the peer is already gone).
 */
export function connectionPeerUid(peer: SocketEnd, local: SocketEnd): number | undefined {
	const entry = tcpEntries().find(
		(e) => e.state !== TCP_LISTEN && same(e.local, peer) && same(e.remote, local),
	);
	return entry?.uid;
}

/** Inodes of the sockets a process has open (`/proc/<pid>/fd/* -> socket:[inode]`). */
export function socketInodes(pid: number): number[] {
	let fds: string[];
	try {
		fds = readdirSync(`/proc/${pid}/fd`);
	} catch {
		return [];
	}
	const inodes: number[] = [];
	for (const fd of fds) {
		try {
			const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
			if (m) inodes.push(Number(m[1]));
		} catch {
			// closed while we looked
		}
	}
	return inodes;
}

/** The listening TCP sockets held by any of `pids` (none where there is no /proc). */
export function listenersOf(pids: Iterable<number>): TcpEntry[] {
	const held = new Set<number>();
	for (const pid of pids) for (const inode of socketInodes(pid)) held.add(inode);
	if (held.size === 0) return [];
	return tcpEntries().filter((e) => e.state === TCP_LISTEN && held.has(e.inode));
}

export function isLoopbackAddress(address: string | undefined): boolean {
	if (!address) return false;
	const a = canonicalAddress(address);
	return a === '0:0:0:0:0:0:0:1' || /^127\.\d+\.\d+\.\d+$/.test(a);
}
