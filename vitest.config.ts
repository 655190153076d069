/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

export default getViteConfig({
	test: {
		environment: 'node',
		include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
		testTimeout: 60_000,
		hookTimeout: 180_000,
		// Snippets open real ports and spawn real processes; two cores are all we have.
		maxWorkers: 2,
	},
});
