// The snippet bundle: everything a live runtime needs to mount and run a snippet in the page,
// served as JSON next to the pages (`snippet-files/<id>.json`) and fetched on the reader's first intent.
import type { PortSpec, Kind } from './schema.ts';
import { loadSnippet, type Snippet, type SnippetFile } from './load.ts';
import { previewTarget, type PreviewTarget } from './preview.ts';

export interface BundleProgram {
	id: string;
	/** The command, `{port:NAME}` placeholders unfilled. */
	command: string[];
	ports: PortSpec[];
	files: SnippetFile[];
}

export interface SnippetBundle extends BundleProgram {
	hash: string;
	title: string;
	kind: Kind;
	python?: { file: string; command?: string[] };
	/** Snippets started before this one (e.g. the stand-in for www.example.com), in order. */
	services: BundleProgram[];
	/** Where a server's preview opens (see `src/lib/snippets/preview.ts`); absent for clients. */
	preview?: PreviewTarget;
}

export function snippetBundle(snippet: Snippet): SnippetBundle {
	const { manifest } = snippet;
	const preview = previewTarget(manifest);
	const program = (s: Snippet): BundleProgram => ({
		id: s.id,
		command: s.manifest.command,
		ports: s.manifest.ports,
		files: s.files.filter((f) => f.role !== 'python'),
	});
	return {
		...program(snippet),
		hash: snippet.hash,
		title: manifest.title,
		kind: manifest.kind,
		...(manifest.python
			? {
					python: {
						file: manifest.python.file,
						...(manifest.python.command ? { command: manifest.python.command } : {}),
					},
				}
			: {}),
		files: snippet.files,
		services: manifest.services.map((id) => program(loadSnippet(id))),
		...(manifest.kind !== 'client' && preview ? { preview } : {}),
	};
}
