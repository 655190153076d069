/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

export default getViteConfig({
	test: {
		environment: 'node',
		testTimeout: 60_000,
		hookTimeout: 240_000,
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
					exclude: ['test/build/**', 'test/deploy/**', 'test/browser/**', 'test/security/**'],
					// Snippets open real ports and spawn real processes; two cores are all we have.
					maxWorkers: 2,
					sequence: { groupOrder: 0 },
				},
			},
			{
				// Suites that build the site, drive a browser or start Astro's servers: one file at a time,
				// after the units, because every Astro build, preview and dev server here shares `.astro/`
				// and the CPU.
				extends: true,
				test: {
					name: 'site',
					include: [
						'test/build/**/*.test.ts',
						'test/deploy/**/*.test.ts',
						'test/browser/**/*.test.ts',
						'test/security/**/*.test.ts',
					],
					fileParallelism: false,
					sequence: { groupOrder: 1 },
				},
			},
		],
	},
});
