// The self-test's scheduler: never more jobs than the limit, never two conflicting jobs at once,
// and a blocked job lets later ones go first.
import { describe, expect, test } from 'vitest';
import { runPool } from '../../src/runner/run-pool.ts';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('runPool', () => {
	test('keeps to the limit and keeps conflicting jobs apart', async () => {
		// Jobs named by the port they use: the same port conflicts.
		const jobs = [8888, 8888, 8080, 8888, 8000, 8080, 9000];
		const active: number[] = [];
		const log: string[] = [];
		let most = 0;
		await runPool(
			jobs.map((port, i) => ({ port, i })),
			{ limit: 3, conflicts: (a, b) => a.port === b.port },
			async (job) => {
				expect(active).not.toContain(job.port);
				active.push(job.port);
				most = Math.max(most, active.length);
				log.push(`start ${job.i}`);
				await pause(30);
				active.splice(active.indexOf(job.port), 1);
			},
		);
		expect(most).toBe(3);
		expect(log).toHaveLength(jobs.length);
		// The second 8888 job waited; 8080 (job 2) went ahead of it.
		expect(log.slice(0, 3)).toEqual(['start 0', 'start 2', 'start 4']);
	});

	test('starts nothing more once aborted, and waits for the running jobs', async () => {
		const controller = new AbortController();
		const started: number[] = [];
		let finished = 0;
		await runPool([1, 2, 3, 4], { limit: 2, signal: controller.signal }, async (n) => {
			started.push(n);
			if (n === 1) controller.abort();
			await pause(20);
			finished++;
		});
		expect(started).toEqual([1, 2]);
		expect(finished).toBe(2);
	});
});
