// One JSON bundle per snippet for the live runner (see src/lib/snippets/bundle.ts).
import type { APIRoute, GetStaticPaths } from 'astro';
import { snippetBundle } from '../../lib/snippets/bundle.ts';
import { listSnippetIds, loadSnippet } from '../../lib/snippets/load.ts';

export const getStaticPaths = (() =>
	listSnippetIds().map((id) => ({ params: { id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) =>
	new Response(JSON.stringify(snippetBundle(loadSnippet(String(params['id'])))), {
		headers: { 'Content-Type': 'application/json; charset=utf-8' },
	});
