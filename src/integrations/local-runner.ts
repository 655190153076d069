// Astro integration: the local runtime's endpoint (see local-runner/endpoint.ts) on `astro dev` and
// `astro preview`, so the book runs snippets in real Node offline and in classrooms where StackBlitz
// is blocked. Built sites never include it. It stays off when the server listens beyond loopback
// (`--host`), unless the user opts in (local-runner/host-guard.ts).
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { randomBytes } from 'node:crypto';
import { createServer, type ClientRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ENDPOINT_PREFIX } from '../runner/protocol.ts';
import { describePeer, HOP_HEADER, PEER_HEADER } from './local-runner/caller.ts';
import {
	createLocalRunner,
	isLoopbackAddress,
	type LocalRunner,
	type LocalRunnerOptions,
} from './local-runner/endpoint.ts';
import {
	decide,
	loudly,
	networkOptedIn,
	reachBeyondLoopback,
	type RunnerDecision,
} from './local-runner/host-guard.ts';

const RUNNER_DEPS = [
	'@codemirror/commands',
	'@codemirror/lang-javascript',
	'@codemirror/lang-python',
	'@codemirror/language',
	'@codemirror/state',
	'@codemirror/view',
	'@xterm/xterm',
	'@xterm/addon-fit',
];

type EndpointOptions = Omit<LocalRunnerOptions, 'base' | 'hopSecret' | 'network'>;

function report(logger: AstroIntegrationLogger, decision: RunnerDecision) {
	if (decision.lines.length === 0) return;
	if (decision.level === 'warn') logger.warn(loudly(decision.lines));
	else for (const line of decision.lines) logger.info(line);
}

/** The http-proxy instance Vite hands to `configure` (only the event we use). */
interface ProxyEvents {
	on(event: 'proxyReq', listener: (proxyReq: ClientRequest, req: IncomingMessage) => void): void;
}

export function localRunner(options: EndpointOptions = {}): AstroIntegration {
	let runner: LocalRunner | undefined;
	let hosts: unknown[] = [];
	/** Where readers find the endpoint: under the site's base (in dev, Astro strips it before us). */
	let publicBase = '/';
	return {
		name: 'web-book:local-runner',
		hooks: {
			'astro:config:setup': async ({ command, config, updateConfig, logger }) => {
				hosts = [config.server.host, config.vite?.server?.host, config.vite?.preview?.host];
				publicBase = config.base.replace(/\/?$/, '/');
				if (command === 'dev') {
					// The runner's libraries load only on intent; without this, Vite discovers them then,
					// re-optimizes and reloads the page under the reader's (or a test's) first click.
					updateConfig({ vite: { optimizeDeps: { include: RUNNER_DEPS } } });
				}
				if (command !== 'preview') return;
				const decision = decide(await reachBeyondLoopback(hosts), networkOptedIn());
				report(logger, decision);
				if (!decision.enabled) return;
				// Astro's static preview server drops Vite plugins, so there is no middleware hook: the
				// endpoint listens on its own loopback port and the preview server proxies our prefix to it.
				// On that inner hop it believes only our proxy, which proves itself with a secret made now
				// and tells the endpoint the real peer of the outer socket.
				const base = config.base.replace(/\/?$/, '/');
				const hopSecret = randomBytes(32).toString('base64url');
				const endpoint = createLocalRunner({
					...options,
					base,
					hopSecret,
					network: decision.network,
				});
				runner = endpoint;
				const inner = createServer((req, res) =>
					endpoint.handle(req, res, () => res.writeHead(404).end()),
				);
				await new Promise<void>((ok) => inner.listen(0, '127.0.0.1', ok));
				inner.unref();
				const { port } = inner.address() as AddressInfo;
				updateConfig({
					vite: {
						preview: {
							proxy: {
								[`${base}${ENDPOINT_PREFIX}`]: {
									target: `http://127.0.0.1:${port}`,
									configure(proxy: ProxyEvents) {
										proxy.on('proxyReq', (proxyReq, req) => {
											// Replaces whatever the client sent under these names.
											proxyReq.setHeader(HOP_HEADER, hopSecret);
											proxyReq.setHeader(PEER_HEADER, describePeer(req.socket));
										});
									},
								},
							},
						},
					},
				});
				logger.info(`local runtime on ${base}${ENDPOINT_PREFIX}/ (${endpoint.mechanism})`);
			},
			'astro:server:setup': async ({ server, logger }) => {
				const decision = decide(
					await reachBeyondLoopback([...hosts, server.config.server.host]),
					networkOptedIn(),
				);
				report(logger, decision);
				if (!decision.enabled) return;
				const base = server.config.base.replace(/\/?$/, '/');
				const endpoint = createLocalRunner({ ...options, base, network: decision.network });
				runner = endpoint;
				let off = false;
				server.middlewares.use((req, res, next) =>
					off ? next() : endpoint.handle(req, res, next),
				);
				// The address the server really got, in case something else widened it.
				server.httpServer?.once('listening', () => {
					const address = server.httpServer?.address() as AddressInfo | null;
					if (address && !isLoopbackAddress(address.address) && !decision.network) {
						off = true;
						void endpoint.close();
						report(logger, decide(`${address.address}:${address.port}`, false));
					}
				});
				server.httpServer?.once('close', () => void endpoint.close());
				logger.info(`local runtime on ${publicBase}${ENDPOINT_PREFIX}/ (${endpoint.mechanism})`);
			},
			'astro:server:done': async () => {
				await runner?.close();
			},
		},
	};
}
