// What counts as a source of the built site: `npm start` rebuilds exactly when one of them changes.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { siteSources, sourcesHash } from '../../scripts/site-sources.mjs';

let root = '';
const write = (path: string, text: string) => {
	mkdirSync(join(root, path, '..'), { recursive: true });
	writeFileSync(join(root, path), text);
};
const hash = (env: Record<string, string> = {}) => sourcesHash(root, { env });

beforeEach(() => {
	root = mkdtempSync(join(tmpdir(), 'book-sources-'));
	write('astro.config.mjs', 'export default {};');
	write('package-lock.json', '{}');
	write('src/content/docs/01-web/01-intro.mdx', '# 안녕');
	write('snippets/curl/curl.mjs', 'console.log(1);');
	write('public/favicon.svg', '<svg/>');
	write('transcripts/python/curl.json', '{}');
	write('exercises/url-parts/exercise.json', '{}');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('site sources', () => {
	it('lists the config, the lock file and every file of src, public, snippets, exercises and transcripts', () => {
		write('README.md', 'not a source');
		write('test/x.test.ts', 'not a source');
		expect(siteSources(root)).toEqual([
			'astro.config.mjs',
			'exercises/url-parts/exercise.json',
			'package-lock.json',
			'public/favicon.svg',
			'snippets/curl/curl.mjs',
			'src/content/docs/01-web/01-intro.mdx',
			'transcripts/python/curl.json',
		]);
	});

	it('changes the hash when a chapter, a snippet, an exercise, a new file, the lock file, a Python transcript, the base path or a PUBLIC_ variable or .env file changes', () => {
		const seen = new Set([hash()]);
		write('src/content/docs/01-web/01-intro.mdx', '# 안녕하세요');
		seen.add(hash());
		write('snippets/curl/curl.mjs', 'console.log(2);');
		seen.add(hash());
		write('exercises/url-parts/exercise.json', '{"id":"url-parts"}');
		seen.add(hash());
		write('public/robots.txt', 'User-agent: *');
		seen.add(hash());
		write('package-lock.json', '{"lockfileVersion":3}');
		seen.add(hash());
		write('transcripts/python/curl.json', '{"ok":true}');
		seen.add(hash());
		seen.add(hash({ BASE_PATH: '/book' }));
		seen.add(hash({ PUBLIC_WEBCONTAINER_CLIENT_ID: 'wc_api_x' }));
		write('.env', 'PUBLIC_WEBCONTAINER_CLIENT_ID=wc_api_y');
		seen.add(hash());
		expect(seen.size).toBe(10);
	});

	it('keeps the hash when Python caches, editor backups or unrelated files appear', () => {
		const before = hash();
		write('snippets/curl/__pycache__/curl.cpython-311.pyc', 'bytes');
		write('src/content/docs/01-web/01-intro.mdx~', 'backup');
		write('README.md', 'docs');
		write('dist/index.html', '<html>');
		expect(hash({ UNRELATED: 'x' })).toBe(before);
	});
});
