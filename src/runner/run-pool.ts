// Runs jobs a few at a time, never two that conflict at once (in a WebContainer every snippet
// listens on its default port, so two runs that share a port must wait for each other). Jobs start
// in list order, except that a job blocked by a conflict lets later, unblocked ones go first.

export interface PoolOptions<T> {
	/** Jobs running at once. */
	limit: number;
	/** Whether two jobs may not run at the same time. @default never */
	conflicts?: (a: T, b: T) => boolean;
	/** Once aborted no job starts; the running ones are awaited (they should watch it too). */
	signal?: AbortSignal;
}

/** Resolves once every started job has finished; the jobs not started when aborted are left. */
export function runPool<T>(
	items: readonly T[],
	options: PoolOptions<T>,
	work: (item: T) => Promise<void>,
): Promise<void> {
	const limit = Math.max(1, options.limit);
	const conflicts = options.conflicts ?? (() => false);
	const waiting = [...items];
	const active = new Set<T>();
	return new Promise<void>((resolve) => {
		const next = () => {
			if (!options.signal?.aborted) {
				for (let i = 0; i < waiting.length && active.size < limit;) {
					const item = waiting[i] as T;
					if ([...active].some((other) => conflicts(item, other))) {
						i++;
						continue;
					}
					waiting.splice(i, 1);
					active.add(item);
					void work(item)
						.catch(() => undefined)
						.finally(() => {
							active.delete(item);
							next();
						});
				}
			}
			if (active.size === 0) resolve();
		};
		options.signal?.addEventListener('abort', () => {
			if (active.size === 0) resolve();
		});
		next();
	});
}
