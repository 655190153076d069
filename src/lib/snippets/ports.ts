// How a runtime hands a snippet its ports: `{port:NAME}` placeholders in commands (and scenario text)
// and each port's environment variable. Pure, so the build, the tests and the page share it.
import type { PortSpec } from './schema.ts';

const PLACEHOLDER = /\{port:([a-z][a-z0-9-]*)\}/g;

/**
 * Replaces every `{port:NAME}` in `text` with `portOf(NAME)`. A name `portOf` does not know is
 * handed to `unknown` (by default the placeholder stays as it was).
 */
export function fillPorts(
	text: string,
	portOf: (name: string) => number | undefined,
	unknown: (placeholder: string) => string = (placeholder) => placeholder,
): string {
	return text.replace(PLACEHOLDER, (placeholder, name: string) => {
		const port = portOf(name);
		return port === undefined ? unknown(placeholder) : String(port);
	});
}

/** The command as the reader sees it: placeholders filled with each port's default. */
export function shownCommand(argv: string[], specs: PortSpec[]): string {
	return argv
		.map((word) => fillPorts(word, (name) => specs.find((s) => s.name === name)?.default))
		.join(' ');
}

/** The environment that tells a program its ports: each port's `env` variable (default `PORT`). */
export function portEnv(
	specs: PortSpec[],
	portOf: (name: string) => number | undefined,
): Record<string, string> {
	const env: Record<string, string> = {};
	for (const spec of specs) {
		const port = portOf(spec.name);
		if (port !== undefined) env[spec.env] = String(port);
	}
	return env;
}
