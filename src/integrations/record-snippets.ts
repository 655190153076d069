// Astro integration: before a build renders any page, every snippet's scenario runs in real Node
// (unless its transcript for the same hash is already stored), so pages can show real output.
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { recordingProgress } from '../lib/recording/progress.ts';
import { readTranscript, recordAll } from '../lib/recording/store.ts';
import { loadAllSnippets } from '../lib/snippets/load.ts';

export function recordSnippets(): AstroIntegration {
	return {
		name: 'web-book:record-snippets',
		hooks: {
			'astro:build:start': async ({ logger }) => {
				const started = Date.now();
				const snippets = loadAllSnippets();
				const onSettled = recordingProgress({
					toRecord: snippets.filter((snippet) => !readTranscript(snippet)).length,
					total: snippets.length,
					print: (line) => logger.info(line),
				});
				const { ran, reused } = await recordAll(snippets, { onSettled });
				logger.info(
					`${snippets.length} snippets: ran ${ran.length}${ran.length ? ` (${ran.join(', ')})` : ''}, reused ${reused.length} unchanged, in ${Date.now() - started} ms`,
				);
			},
			'astro:config:setup': ({ config, addWatchFile }) => {
				// Chapters read snippets from disk, so edits there must reload the dev server's pages.
				addWatchFile(fileURLToPath(new URL('snippets/', config.root)));
			},
		},
	};
}
