// Preloaded (NODE_OPTIONS=--import) into every Node program the book's local runtime starts, and
// into the Node programs those start: a server listens on this machine only (127.0.0.1), never on
// the network, whatever address its code asks for. Readers' servers run CGI scripts and echo
// requests; on a shared network they must not become everyone's. Plain JavaScript for Node 20.
import dgram from 'node:dgram';
import net from 'node:net';

const WILDCARDS = new Set(['', '0.0.0.0', '::', '::0', '0:0:0:0:0:0:0:0']);

function isLoopback(host) {
	if (host === 'localhost') return true;
	const bare = host.replace(/^\[|\]$/g, '').replace(/^::ffff:/i, '');
	return bare === '::1' || /^127\.\d+\.\d+\.\d+$/.test(bare);
}

/** The host to use instead of `host`, telling the reader once when their code asked for more. */
function loopbackHost(host, loopback) {
	if (host === undefined || host === null) return loopback;
	if (typeof host !== 'string' || isLoopback(host)) return host;
	process.stderr.write(
		`[로컬 실행기] ${WILDCARDS.has(host) ? `모든 네트워크 주소(${host || "''"})` : host} 대신 ${loopback} 에서만 듣습니다: 이 컴퓨터 밖에서는 접속할 수 없습니다.\n`,
	);
	return loopback;
}

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function listenOnLoopback(...args) {
	const [first] = args;
	if (first !== null && typeof first === 'object') {
		// A handle, a file descriptor or a pipe path is not a network address.
		if ('_handle' in first || 'fd' in first || first.path !== undefined)
			return listen.apply(this, args);
		return listen.call(
			this,
			{ ...first, host: loopbackHost(first.host, '127.0.0.1') },
			...args.slice(1),
		);
	}
	if (typeof first === 'string' && !/^\d+$/.test(first)) return listen.apply(this, args);
	// listen([port][, host][, backlog][, callback])
	const rest = typeof first === 'function' ? args : args.slice(1);
	const port = typeof first === 'function' ? 0 : (first ?? 0);
	const host = typeof rest[0] === 'string' || rest[0] === null ? rest.shift() : undefined;
	return listen.call(this, port, loopbackHost(host, '127.0.0.1'), ...rest);
};

const bind = dgram.Socket.prototype.bind;
dgram.Socket.prototype.bind = function bindOnLoopback(...args) {
	const loopback = this.type === 'udp6' ? '::1' : '127.0.0.1';
	const [first] = args;
	if (first !== null && typeof first === 'object') {
		if ('fd' in first) return bind.apply(this, args);
		return bind.call(
			this,
			{ ...first, address: loopbackHost(first.address, loopback) },
			...args.slice(1),
		);
	}
	const rest = typeof first === 'function' ? args : args.slice(1);
	const port = typeof first === 'function' ? 0 : (first ?? 0);
	const address = typeof rest[0] === 'string' || rest[0] === null ? rest.shift() : undefined;
	return bind.call(this, port, loopbackHost(address, loopback), ...rest);
};
