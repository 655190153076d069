// Astro integration: the local runtime's endpoint (see local-runner/endpoint.ts) on `astro dev` and
// `astro preview`, so the book runs snippets in real Node offline and in classrooms where StackBlitz
// is blocked. Built sites never include it.
import type { AstroIntegration } from 'astro';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ENDPOINT_PREFIX } from '../runner/protocol.ts';
import {
	createLocalRunner,
	type LocalRunner,
	type LocalRunnerOptions,
} from './local-runner/endpoint.ts';

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

export function localRunner(options: Omit<LocalRunnerOptions, 'base'> = {}): AstroIntegration {
	let runner: LocalRunner | undefined;
	return {
		name: 'web-book:local-runner',
		hooks: {
			'astro:config:setup': async ({ command, config, updateConfig, logger }) => {
				if (command === 'dev') {
					// The runner's libraries load only on intent; without this, Vite discovers them then,
					// re-optimizes and reloads the page under the reader's (or a test's) first click.
					updateConfig({ vite: { optimizeDeps: { include: RUNNER_DEPS } } });
				}
				if (command !== 'preview') return;
				// Astro's static preview server drops Vite plugins, so there is no middleware hook: the
				// endpoint listens on its own loopback port and the preview server proxies our prefix to it.
				const base = config.base.replace(/\/?$/, '/');
				const endpoint = createLocalRunner({ ...options, base });
				runner = endpoint;
				const server = createServer((req, res) =>
					endpoint.handle(req, res, () => res.writeHead(404).end()),
				);
				await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
				server.unref();
				const { port } = server.address() as AddressInfo;
				updateConfig({
					vite: {
						preview: {
							proxy: {
								[`${base}${ENDPOINT_PREFIX}`]: { target: `http://127.0.0.1:${port}`, xfwd: true },
							},
						},
					},
				});
				logger.info(`local runtime on ${base}${ENDPOINT_PREFIX}/ (via 127.0.0.1:${port})`);
			},
			'astro:server:setup': ({ server, logger }) => {
				const base = server.config.base.replace(/\/?$/, '/');
				const endpoint = createLocalRunner({ ...options, base });
				runner = endpoint;
				server.middlewares.use(endpoint.handle);
				server.httpServer?.once('close', () => void endpoint.close());
				logger.info(`local runtime on ${base}${ENDPOINT_PREFIX}/`);
			},
			'astro:server:done': async () => {
				await runner?.close();
			},
		},
	};
}
