// Every snippet's scenario in real Node on loopback, and its Python code in python3 where the
// manifest gives a command for it. Set SNIPPET=<id>[,<id>] to run only some.
import { describe, expect, test } from 'vitest';
import { createNodeHost } from '../../src/lib/scenario/node-host.ts';
import { hasRunnablePython, runScenario } from '../../src/lib/scenario/run.ts';
import { listSnippetIds, loadSnippet } from '../../src/lib/snippets/load.ts';

const only = process.env['SNIPPET']?.split(',').filter(Boolean);
const ids = listSnippetIds().filter((id) => !only || only.includes(id));
const host = createNodeHost();

describe.each(ids)('snippet %s', (id) => {
	const snippet = loadSnippet(id);

	test('its scenario passes in Node', async () => {
		const transcript = await runScenario(snippet, host);
		expect(transcript.failure ?? 'ok').toBe('ok');
		// A scenario that never looks at anything proves nothing.
		expect(transcript.entries.some((e) => e.type === 'http' || e.type === 'exit')).toBe(true);
	});

	// Only snippets whose Python code can run get this test (no skipped tests in CI).
	if (hasRunnablePython(snippet.manifest)) {
		test('its Python code passes the same scenario', async () => {
			const transcript = await runScenario(snippet, host, { variant: 'python' });
			expect(transcript.failure ?? 'ok').toBe('ok');
		});
	}
});
