// Finds the Node binary that runs reader-facing snippets outside the browser.
// WebContainers run Node 20, so tests should too: `npm run` puts the project's Node 24
// (needed by Astro and vitest) first on PATH, and we skip past it to the machine's own Node.
import { accessSync, constants } from 'node:fs';
import { delimiter, join, sep } from 'node:path';

let cached: string | undefined;

/** The Node binary for snippets: `$SNIPPET_NODE`, else the first `node` on PATH outside `node_modules`, else this process's Node. */
export function snippetNode(): string {
	if (cached) return cached;
	const fromEnv = process.env['SNIPPET_NODE'];
	if (fromEnv) return (cached = fromEnv);
	for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
		if (!dir || dir.split(sep).includes('node_modules')) continue;
		const candidate = join(dir, 'node');
		try {
			accessSync(candidate, constants.X_OK);
			return (cached = candidate);
		} catch {
			// not here; keep looking
		}
	}
	return (cached = process.execPath);
}

/** The Python 3 binary used as the peer our ports are checked against. */
export function pythonBinary(): string {
	return process.env['PYTHON'] ?? 'python3';
}
