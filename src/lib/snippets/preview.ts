// Where a server snippet's preview opens: the manifest's `preview`, or else what its scenario shows
// first. Pure, shared by the bundle (the live runner) and the tests.
import { SnippetError } from './load.ts';
import type { Manifest } from './schema.ts';

export interface PreviewTarget {
	/** The name of the snippet's port the preview shows. */
	port: string;
	/** The path it opens first. */
	path: string;
}

/**
 * The port and path of a server's preview. Without a `preview` in the manifest: the port of the
 * scenario's first request to one of the snippet's own ports, and the path of its first request there
 * that expects no error (a preview opened at a 404 looks broken to a reader), else `/`.
 * Undefined for a snippet that opens no port; a `preview.port` the snippet does not open is an error.
 */
export function previewTarget(manifest: Manifest): PreviewTarget | undefined {
	const own = new Set(manifest.ports.map((p) => p.name));
	if (own.size === 0) return undefined;
	const requests = manifest.scenario.flatMap((step) =>
		step.do === 'request' && own.has(step.port) && step.raw === undefined && step.only !== 'python'
			? [step]
			: [],
	);
	const port = manifest.preview?.port ?? requests[0]?.port ?? manifest.ports[0]?.name ?? '';
	if (!own.has(port))
		throw new SnippetError(
			manifest.id,
			`preview.port is "${port}", which is not one of the snippet's ports (${[...own].join(', ')})`,
		);
	const fine = requests.find(
		(r) =>
			r.port === port &&
			r.method === 'GET' &&
			(r.expect.status === undefined || r.expect.status < 400),
	);
	return { port, path: manifest.preview?.path ?? fine?.path ?? '/' };
}
