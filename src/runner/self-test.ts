// The self-test: every snippet's scenario, run by the one scenario runner on the page's live runtime
// through the page host, a few at a time. No DOM here: the page (src/pages/self-test.astro) draws
// the rows this reports, and the unit tests drive it directly.
import { firstFailure } from '../lib/scenario/korean.ts';
import { stepCounts } from '../lib/scenario/report.ts';
import { playsIn, runScenarioWithReport, type RunnableSnippet } from '../lib/scenario/run.ts';
import type { SnippetBundle } from '../lib/snippets/bundle.ts';
import { runPool } from './run-pool.ts';
import type { LiveRuntime } from './runtime/types.ts';
import { mountForScenario } from './scenario-host.ts';

/** One snippet to check: what the runner needs, and where the page gets its files. */
export interface SelfTestItem {
	id: string;
	title: string;
	runnable: RunnableSnippet;
	/** Fetches the snippet's bundle (its files and its services' files). */
	bundle: () => Promise<SnippetBundle>;
}

export interface SelfTestRow {
	id: string;
	state: 'waiting' | 'running' | 'passed' | 'failed' | 'stopped';
	/** Steps that passed, of the snippet's Node steps. */
	passed: number;
	total: number;
	ms?: number;
	/** The Node version that ran it, e.g. `v20.20.2`. */
	runtimeVersion?: string;
	/** The first failure, in Korean. */
	message?: string;
}

export interface SelfTestOptions {
	/** Runs at once. @default 3 in a WebContainer, 2 on the local runtime (its per-page process cap is 8) */
	limit?: number;
	signal?: AbortSignal;
	/** Called whenever a row changes. */
	onRow?: (row: SelfTestRow) => void;
}

/** The default ports a run listens on: its own and its services'. */
export function portsOf(item: Pick<SelfTestItem, 'runnable'>): number[] {
	const { manifest, services } = item.runnable;
	return [...manifest.ports, ...services.flatMap((s) => s.manifest.ports)].map((p) => p.default);
}

export async function runSelfTest(
	runtime: LiveRuntime,
	items: SelfTestItem[],
	options: SelfTestOptions = {},
): Promise<SelfTestRow[]> {
	const rows = new Map<string, SelfTestRow>(
		items.map((item) => {
			const total = item.runnable.manifest.scenario.filter((s) => playsIn(s, 'node')).length;
			return [item.id, { id: item.id, state: 'waiting', passed: 0, total }];
		}),
	);
	const update = (id: string, change: Partial<SelfTestRow>) => {
		const row = { ...(rows.get(id) as SelfTestRow), ...change };
		rows.set(id, row);
		options.onRow?.(row);
	};
	const sharesPort = (a: SelfTestItem, b: SelfTestItem) => {
		const mine = portsOf(a);
		return portsOf(b).some((p) => mine.includes(p));
	};
	await runPool(
		items,
		{
			limit: options.limit ?? (runtime.uniquePorts ? 2 : 3),
			...(runtime.uniquePorts ? {} : { conflicts: sharesPort }),
			...(options.signal ? { signal: options.signal } : {}),
		},
		async (item) => {
			const started = Date.now();
			update(item.id, { state: 'running' });
			try {
				const host = await mountForScenario(runtime, await item.bundle());
				try {
					const { report, transcript } = await runScenarioWithReport(item.runnable, host, {
						...(options.signal ? { signal: options.signal } : {}),
					});
					const { passed, total } = stepCounts(report);
					const stopped = options.signal?.aborted === true;
					const message = firstFailure(report);
					update(item.id, {
						state: report.ok ? 'passed' : stopped ? 'stopped' : 'failed',
						passed,
						total,
						ms: Date.now() - started,
						...(transcript.runtimeVersion ? { runtimeVersion: transcript.runtimeVersion } : {}),
						...(message ? { message } : {}),
					});
				} finally {
					host.dispose();
				}
			} catch (error) {
				update(item.id, {
					state: 'failed',
					ms: Date.now() - started,
					message: `이 예제를 준비하지 못했습니다: ${(error as Error).message ?? String(error)}`,
				});
			}
		},
	);
	for (const row of rows.values())
		if (row.state === 'waiting') update(row.id, { state: 'stopped' });
	return [...rows.values()];
}
