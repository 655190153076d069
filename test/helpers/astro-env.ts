// The environment an Astro process started by a test gets: the test's own, without what Vitest adds.
// Astro reads `BASE_URL`, `SITE`, `NODE_ENV` and friends from there, and would otherwise build or
// serve a test-mode site at the wrong base.
const VITEST_ADDS = [
	'TEST',
	'NODE_ENV',
	'BASE_URL',
	'MODE',
	'DEV',
	'PROD',
	'SSR',
	'SITE',
	'ASSETS_PREFIX',
];

export function astroEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
	for (const key of VITEST_ADDS) delete env[key];
	for (const key of Object.keys(env)) if (key.startsWith('VITEST')) delete env[key];
	return { ...env, ...extra };
}
