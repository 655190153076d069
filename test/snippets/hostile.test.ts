// Readers send whatever they like to the book's servers (the page has a raw HTTP console). Every
// server snippet must survive malformed and hostile requests: after each one, it is still running
// and still answers a normal request. Set SNIPPET=<id>[,<id>] to run only some.
import { describe, expect, test } from 'vitest';
import type { ScenarioProcess } from '../../src/lib/scenario/host.ts';
import { createNodeHost } from '../../src/lib/scenario/node-host.ts';
import { listSnippetIds, loadSnippet } from '../../src/lib/snippets/load.ts';
import { fillPorts, portEnv } from '../../src/lib/snippets/ports.ts';
import type { Manifest } from '../../src/lib/snippets/schema.ts';
import { rawRequest } from '../ports/raw-client.ts';

const host = createNodeHost();
const only = process.env['SNIPPET']?.split(',').filter(Boolean);
const servers = listSnippetIds()
	.filter((id) => !only || only.includes(id))
	.map((id) => loadSnippet(id))
	.filter((s) => s.manifest.ports.length > 0);

const bigHeader = `X-Big: ${'a'.repeat(70_000)}`;
/** [what it is, the exact bytes] */
const hostile: Array<[string, string]> = [
	['invalid percent escapes', 'GET /%zz/%E0%A4%A HTTP/1.1\r\nHost: x\r\n\r\n'],
	['path traversal', 'GET /../../../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n'],
	['encoded traversal', 'GET /%2e%2e/%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n'],
	['a NUL byte in the path', 'GET /a%00b HTTP/1.1\r\nHost: x\r\n\r\n'],
	['garbage instead of a request line', 'HELLO THERE\r\n\r\n'],
	['an HTTP/0.9-style request', 'GET /\r\n\r\n'],
	['an oversized header', `GET / HTTP/1.1\r\nHost: x\r\n${bigHeader}\r\n\r\n`],
	[
		'malformed JSON body',
		'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 9\r\n\r\n{"title":',
	],
	[
		'malformed form body',
		'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 9\r\n\r\n%zz=%E0&=',
	],
	[
		'a body shorter than its Content-Length',
		'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nshort',
	],
	['a negative Content-Length', 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n'],
	[
		'a broken chunked body',
		'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nnope\r\n',
	],
	['an unknown method', 'BREW /pot HTTP/1.1\r\nHost: x\r\n\r\n'],
	['an absolute-form target', 'GET http://evil.example/ HTTP/1.1\r\nHost: x\r\n\r\n'],
	['a very long path', `GET /${'x/'.repeat(4000)} HTTP/1.1\r\nHost: x\r\n\r\n`],
];

/** Starts a snippet's command on free ports, handed over as the scenario runner does. */
async function start(program: { id: string; manifest: Manifest }) {
	const numbers = new Map<string, number>();
	for (const spec of program.manifest.ports) numbers.set(spec.name, await host.allocatePort(spec));
	const proc = await host.spawn(
		program.manifest.command.map((word) => fillPorts(word, (name) => numbers.get(name))),
		{ snippetId: program.id, env: portEnv(program.manifest.ports, (name) => numbers.get(name)) },
	);
	return { proc, ports: [...numbers.values()] };
}

describe.each(servers.map((s) => [s.id, s] as const))('server snippet %s', (_id, snippet) => {
	test('survives hostile requests and still answers a normal one', async () => {
		const started: ScenarioProcess[] = [];
		try {
			// Services a server needs (none today) start first, as in the scenario runner.
			for (const service of snippet.services) started.push((await start(service)).proc);
			const { proc, ports } = await start(snippet);
			started.push(proc);
			let output = '';
			proc.onOutput((text) => (output += text));
			let exited = false;
			void proc.exited.then(() => (exited = true));
			for (const port of ports)
				expect(await host.waitForPort(port, 10_000), `port ${port} opens`).toBe(true);

			for (const port of ports) {
				for (const [what, raw] of hostile) {
					// Any answer, or a closed connection, is fine; a crash or a hang is not.
					await rawRequest(port, raw, { halfClose: true, timeoutMs: 1_000 });
					const normal = await rawRequest(
						port,
						'GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n',
					);
					expect(exited, `still running after ${what}\n${output.slice(-2000)}`).toBe(false);
					expect(
						normal.status,
						`answers GET / after ${what}: ${normal.text.slice(0, 200)}`,
					).toBeTypeOf('number');
				}
			}
		} finally {
			await Promise.all(started.map((p) => p.kill()));
		}
	}, 120_000);
});
