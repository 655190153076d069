// `npm run record:python [--force] [id …]`: runs the scenario of every snippet's Python code whose
// stored transcript is missing or stale, with python3 (3.11 to 3.14), and writes
// `transcripts/python/<id>.json`. Commit the result: the site's build reads these files and never
// runs Python. `--force` re-runs fresh ones too (an unchanged run leaves its file as it was).
import { execFileSync } from 'node:child_process';
import { dirname } from 'node:path';
import { pythonBinary, snippetNode } from '../src/lib/process/snippet-node.ts';
import {
	recordPythonTranscript,
	type PythonRecordResult,
} from '../src/lib/recording/python-store.ts';
import { createNodeHost } from '../src/lib/scenario/node-host.ts';
import { hasRunnablePython } from '../src/lib/scenario/run.ts';
import { loadAllSnippets } from '../src/lib/snippets/load.ts';

const args = process.argv.slice(2);
const force = args.includes('--force');
const only = args.filter((a) => !a.startsWith('--'));

// The recording shows what Python sees (a CGI script's or demo_app's environment includes PATH), so
// it runs with a short, predictable PATH: the real interpreter (not a pyenv shim, whose variables
// would show up too), the snippets' Node, and the system folders.
const python = execFileSync(pythonBinary(), ['-c', 'import sys; print(sys.executable)'], {
	encoding: 'utf8',
}).trim();
const version = execFileSync(python, ['--version'], { encoding: 'utf8' }).trim();
const [major, minor] = (version.match(/(\d+)\.(\d+)/) ?? []).slice(1).map(Number);
if (major !== 3 || minor === undefined || minor < 11 || minor > 14) {
	console.error(
		`record:python needs Python 3.11 to 3.14 (CGIHTTPRequestHandler is gone from 3.15); found ${version} at ${python}. Set PYTHON=/path/to/python3.`,
	);
	process.exit(1);
}
const node = snippetNode();
process.env['PYTHON'] = python;
process.env['PATH'] = [
	...new Set([dirname(python), dirname(node), '/usr/local/bin', '/usr/bin', '/bin']),
].join(':');

const snippets = loadAllSnippets()
	.filter((s) => hasRunnablePython(s.manifest))
	.filter((s) => only.length === 0 || only.includes(s.id));
const unknown = only.filter((id) => !snippets.some((s) => s.id === id));
if (unknown.length) {
	console.error(`No snippet with Python code called: ${unknown.join(', ')}`);
	process.exit(1);
}

const host = createNodeHost();
const results: PythonRecordResult[] = [];
const failures: string[] = [];
const queue = [...snippets];
// Two at a time: each run starts servers and Python interpreters, and this machine has two cores.
await Promise.all(
	[0, 1].map(async () => {
		for (let snippet = queue.shift(); snippet; snippet = queue.shift()) {
			try {
				const result = await recordPythonTranscript(snippet, host, { force });
				results.push(result);
				if (result.outcome !== 'fresh') console.log(`${snippet.id}: ${result.outcome}`);
			} catch (error) {
				failures.push((error as Error).message);
			}
		}
	}),
);

const count = (outcome: PythonRecordResult['outcome']) =>
	results.filter((r) => r.outcome === outcome).length;
console.log(
	`${version}: ${count('new')} new, ${count('changed')} changed, ${count('same')} re-run with the same output, ${count('fresh')} already fresh`,
);
if (failures.length) {
	console.error(`\n${failures.length} failed:\n\n${failures.join('\n\n')}`);
	process.exit(1);
}
