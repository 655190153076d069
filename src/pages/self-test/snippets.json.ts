// What the self-test page runs: every snippet's scenario (its manifest and its services'), beside the
// address of its bundle (the files), which the page fetches only when that snippet's turn comes.
import type { APIRoute } from 'astro';
import { loadAllSnippets } from '../../lib/snippets/load.ts';

export interface SelfTestEntry {
	id: string;
	title: string;
	runnable: {
		id: string;
		hash: string;
		manifest: unknown;
		services: Array<{ id: string; manifest: unknown }>;
	};
	/** The bundle's address relative to the site's base, e.g. `snippet-files/curl.json?v=…`. */
	bundle: string;
}

export const GET: APIRoute = () => {
	const entries: SelfTestEntry[] = loadAllSnippets().map((snippet) => ({
		id: snippet.id,
		title: snippet.manifest.title,
		runnable: {
			id: snippet.id,
			hash: snippet.hash,
			manifest: snippet.manifest,
			services: snippet.services,
		},
		bundle: `snippet-files/${snippet.id}.json?v=${snippet.hash}`,
	}));
	return new Response(JSON.stringify(entries), {
		headers: { 'Content-Type': 'application/json; charset=utf-8' },
	});
};
