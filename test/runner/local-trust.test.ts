// Who the endpoint believes (issue #12, items 1 and 6). "Another host" is this machine's own
// non-loopback address: a request from it has a non-loopback peer, as one from the network would.
// "Another local user" is a process started as `nobody`.
import { execFile } from 'node:child_process';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
	describePeer,
	HOP_HEADER,
	PEER_HEADER,
} from '../../src/integrations/local-runner/caller.ts';
import { TOKEN_HEADER } from '../../src/runner/protocol.ts';
import { otherHostAddress, startHarness, type Harness } from './local-harness.ts';
import { rawCall } from './runner-wire.ts';

let harnesses: Harness[] = [];
afterEach(async () => {
	await Promise.all(harnesses.map((h) => h.stop()));
	harnesses = [];
});
async function harness(...args: Parameters<typeof startHarness>) {
	const h = await startHarness(...args);
	harnesses.push(h);
	return h;
}

/**
 * A proxy in front of an endpoint, as `astro preview` puts Vite's in front of ours: it appends the
 * peer to X-Forwarded-For (http-proxy's `xfwd`) and, when given the hop secret, adds our hop headers
 * describing the real peer of its socket.
 */
async function frontProxy(target: number, listenOn: string, hopSecret?: string) {
	const proxy = createServer((req, res) => {
		const forwarded = [req.headers['x-forwarded-for'], req.socket.remoteAddress]
			.filter(Boolean)
			.join(', ');
		const upstream = request(
			{
				host: '127.0.0.1',
				port: target,
				method: req.method,
				path: req.url,
				headers: {
					...req.headers,
					'x-forwarded-for': forwarded,
					...(hopSecret
						? { [HOP_HEADER]: hopSecret, [PEER_HEADER]: describePeer(req.socket) }
						: {}),
				},
			},
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		req.pipe(upstream);
	});
	await new Promise<void>((ok) => proxy.listen(0, listenOn, ok));
	return {
		port: (proxy.address() as AddressInfo).port,
		close: async () => {
			proxy.closeAllConnections();
			await new Promise<void>((ok) => proxy.close(() => ok()));
		},
	};
}

describe('local runner: who it believes', () => {
	it('refuses a spoofed X-Forwarded-For from a non-loopback peer, even with a loopback Host, Origin and the token', async () => {
		const hopSecret = 'a-secret-only-our-proxy-knows-0123456789abc';
		const behind = await harness({ hopSecret });
		// The attack of issue #12: Vite's proxy, reachable from the network, appends the real peer after
		// the X-Forwarded-For the attacker sent; the endpoint used to believe the first entry.
		const proxy = await frontProxy(behind.port, '0.0.0.0', hopSecret);
		const other = otherHostAddress();
		const spoofed = (port: number) => ({
			host: `localhost:${port}`,
			origin: `http://localhost:${port}`,
			'x-forwarded-for': '127.0.0.1',
			'x-real-ip': '127.0.0.1',
			forwarded: 'for=127.0.0.1',
		});
		// Another host's request, to the proxy that listens on every address.
		const fromOther = { host: other, port: proxy.port, localAddress: other };
		try {
			const viaProxy = await rawCall({
				...fromOther,
				method: 'POST',
				path: '/__runner/sessions',
				headers: spoofed(proxy.port),
			});
			expect(viaProxy.status).toBe(403);
			expect(viaProxy.body).toContain('not a loopback peer');
			const probe = await rawCall({
				...fromOther,
				path: '/__runner/probe',
				headers: { ...spoofed(proxy.port), origin: '', 'sec-fetch-site': 'same-origin' },
			});
			expect(probe.status).toBe(403);
			expect(behind.runner.stats().sessions).toBe(0);
			// The same probe from this machine is the page's own, and is answered.
			const own = await rawCall({
				host: '127.0.0.1',
				port: proxy.port,
				path: '/__runner/probe',
				headers: { host: `localhost:${proxy.port}`, 'sec-fetch-site': 'same-origin' },
			});
			expect(own.status).toBe(200);
		} finally {
			await proxy.close();
		}

		// Mounted directly (astro dev) on every interface, the socket's peer is all that counts.
		const direct = await harness({}, '0.0.0.0');
		const res = await direct.call('POST', '/__runner/sessions', {
			connectTo: other,
			from: other,
			headers: {
				'x-forwarded-for': '127.0.0.1',
				[PEER_HEADER]: JSON.stringify({
					address: '127.0.0.1',
					port: 1,
					localAddress: '127.0.0.1',
					localPort: direct.port,
				}),
			},
		});
		expect(res.status).toBe(403);
		expect(res.body).toContain('not a loopback peer');
		expect(direct.runner.stats().sessions).toBe(0);
	});

	it('on the inner hop, believes only its own proxy: a direct call without the secret is refused, whatever peer it claims', async () => {
		const hopSecret = 'a-secret-only-our-proxy-knows-0123456789abc';
		const h = await harness({ hopSecret });
		// Our proxy's own description of a loopback peer, forged by a local process that connects directly.
		const forged = describePeer({
			remoteAddress: '127.0.0.1',
			remotePort: 1,
			localAddress: '127.0.0.1',
			localPort: 4321,
		} as never);
		const direct = await h.call('POST', '/__runner/sessions', {
			headers: { [PEER_HEADER]: forged, [HOP_HEADER]: 'guessed' },
		});
		expect(direct.status).toBe(403);
		expect(direct.body).toContain('not from this server');
		expect((await h.call('GET', '/__runner/probe')).status).toBe(403);

		// Through our proxy, which adds the secret and describes its real (loopback) peer, the page gets in.
		const proxy = await frontProxy(h.port, '127.0.0.1', hopSecret);
		try {
			const viaProxy = await rawCall({
				host: '127.0.0.1',
				port: proxy.port,
				path: '/__runner/probe',
				headers: { host: `localhost:${proxy.port}`, 'sec-fetch-site': 'same-origin' },
			});
			expect(viaProxy.status).toBe(200);
			expect(JSON.parse(viaProxy.body)).toMatchObject({ runner: 'local' });
		} finally {
			await proxy.close();
		}
	});

	it('requires the token of this server start on every call but the probe', async () => {
		const h = await harness();
		const without = await h.call('POST', '/__runner/sessions', { noToken: true });
		expect(without.status).toBe(403);
		expect(without.body).toContain('token');
		const wrong = await h.call('POST', '/__runner/sessions', {
			headers: { [TOKEN_HEADER]: 'x'.repeat(43) },
		});
		expect(wrong.status).toBe(403);
		const s = await h.openSession();
		// Every session route checks it, not only session creation.
		for (const [method, path] of [
			['GET', `${s.base}events`],
			['POST', `${s.base}files`],
			['POST', `${s.base}processes`],
			['POST', `${s.base}free-port`],
			['POST', `${s.base}teardown`],
		] as const) {
			const res = await h.call(method, path, {
				noToken: true,
				...(method === 'POST' ? { body: {} } : {}),
			});
			expect(res.status, `${method} ${path}`).toBe(403);
		}
		// A second server start has another token: the first one's does not open it.
		const next = await harness();
		expect(next.token).not.toBe(h.token);
		const stale = await next.call('POST', '/__runner/sessions', {
			headers: { [TOKEN_HEADER]: h.token },
		});
		expect(stale.status).toBe(403);
		s.close();
	});

	it("refuses another local user's process even when it forges Host and Origin and holds the token", async () => {
		const h = await harness();
		// `nobody` cannot read our token anywhere; hand it over anyway, to show the user check on its own.
		const script = `
			const http = require('node:http');
			const req = http.request({ host: '127.0.0.1', port: ${h.port}, method: 'POST', path: '/__runner/sessions',
				headers: { host: 'localhost:${h.port}', origin: 'http://localhost:${h.port}', '${TOKEN_HEADER}': process.argv[1] } },
				(res) => { let b = ''; res.on('data', (c) => (b += c)); res.on('end', () => console.log(res.statusCode + ' ' + b)); });
			req.on('error', (e) => console.log('error ' + e.message));
			req.end();`;
		// Asynchronously: the endpoint answers from this very process.
		const run = await new Promise<{ stdout: string; stderr: string }>((resolve) =>
			execFile(
				process.execPath,
				['-e', script, h.token],
				{ uid: 65534, gid: 65534, encoding: 'utf8', cwd: '/' },
				(_error, stdout, stderr) => resolve({ stdout, stderr }),
			),
		);
		expect(run.stderr).toBe('');
		expect(run.stdout).toMatch(/^403 .*another user \(uid 65534\)/);
		expect(h.runner.stats().sessions).toBe(0);
	});

	it('with the network opted in, takes callers from the network, but still only from the page of an IP-literal or loopback host', async () => {
		const h = await harness({ network: true }, '0.0.0.0');
		const other = otherHostAddress();
		const own = `${other}:${h.port}`;
		const ok = await h.call('POST', '/__runner/sessions', {
			connectTo: other,
			from: other,
			headers: { host: own, origin: `http://${own}` },
		});
		expect(ok.status, ok.body).toBe(201);
		// DNS rebinding still fails: a name is not an address.
		const rebound = await h.call('POST', '/__runner/sessions', {
			connectTo: other,
			from: other,
			headers: { host: `evil.example:${h.port}`, origin: `http://evil.example:${h.port}` },
		});
		expect(rebound.status).toBe(403);
		const foreign = await h.call('POST', '/__runner/sessions', {
			connectTo: other,
			from: other,
			headers: { host: own, origin: 'http://evil.example' },
		});
		expect(foreign.status).toBe(403);
	});
});
