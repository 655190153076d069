// What `npm run build` leaves in dist/, checked as a static host would serve it: at the origin root,
// and under a base path with a site URL (a GitHub Pages project site).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import {
	brokenInternal,
	scanSite,
	siteOrigin,
	type Reference,
	type ScannedSite,
} from './dist-scan.ts';
import { siteBuild, type SiteBuild, type Variant } from '../helpers/site-build.ts';
import { parseHeadersFile } from './static-servers.ts';

/**
 * Hosts a chapter may link to with a plain `<a href>` (the reader chooses to go there). Nothing on
 * a page may load from another origin: COEP would block it, and readers deserve privacy.
 */
const LINK_HOSTS = new Set([
	'developer.mozilla.org',
	'datatracker.ietf.org',
	'www.rfc-editor.org',
	'httpwg.org',
	'html.spec.whatwg.org',
	'fetch.spec.whatwg.org',
	'url.spec.whatwg.org',
	'www.w3.org',
	'docs.python.org',
	'peps.python.org',
	'www.python.org',
	'nodejs.org',
	'github.com',
	'webcontainers.io',
	'stackblitz.com',
	'ko.wikipedia.org',
	'en.wikipedia.org',
]);

const isWeb = (r: Reference) => r.url.protocol === 'http:' || r.url.protocol === 'https:';
const show = (r: Reference, why?: string) =>
	`${r.file}: ${r.where} "${r.value}"${why ? ` → ${why}` : ''}`;

describe.each<Variant>(['root', 'book'])('the %s build', (variant) => {
	let build: SiteBuild;
	let site: ScannedSite;
	let internal: Reference[];
	beforeAll(async () => {
		build = await siteBuild(variant);
		site = scanSite(build);
		internal = site.references.filter((r) => isWeb(r) && r.url.origin === siteOrigin(build));
	});

	test('every internal link and asset reference resolves to a file of the build', () => {
		// The 404 page is served at every unknown address; Starlight still names /404/ as its own
		// address (canonical, alternate, og:url), which no host serves and no crawler follows from a 404.
		const selfAddress = (r: Reference) =>
			/^(canonical|alternate)$/.test(r.tag?.attrs.get('rel') ?? '') || r.where.includes('og:url');
		const checked = internal.filter((r) => !(r.file === '404.html' && selfAddress(r)));
		const broken = checked.flatMap((r) => {
			const why = brokenInternal(build, site, r.url);
			return why ? [show(r, why)] : [];
		});
		expect(broken).toEqual([]);
		// The scan must have seen what every page has, or it proves nothing.
		const seen = (pattern: RegExp) => checked.some((r) => pattern.test(r.url.pathname));
		expect(seen(/\/_astro\/[^/]+\.css$/)).toBe(true);
		expect(seen(/\/_astro\/[^/]+\.js$/)).toBe(true);
		expect(seen(/\/isolation\.js$/)).toBe(true);
		expect(seen(/\/snippet-files\/[^/]+\.json$/)).toBe(true);
	});

	test('the 404 page has no relative links (it is served at any depth)', () => {
		const relative = site.references
			.filter((r) => r.file === '404.html' && !/^([a-z]+:|\/|#)/i.test(r.value))
			.map((r) => show(r));
		expect(relative).toEqual([]);
		const home = site.references.filter((r) => r.file === '404.html' && r.where === '<a href>');
		expect(home.map((r) => r.url.pathname)).toContain(build.base);
		expect(readFileSync(join(build.dist, '404.html'), 'utf8')).toMatch(/<html lang="ko"/);
	});

	test('every page loads the isolation script from the base path, next to its worker', () => {
		const pages = [...site.pages.entries()];
		expect(pages.length).toBeGreaterThan(1);
		for (const [file, doc] of pages) {
			const scripts = doc.tags.filter((t) => t.name === 'script').map((t) => t.attrs.get('src'));
			expect(scripts, file).toContain(`${build.base}isolation.js`);
		}
		for (const file of ['isolation.js', 'isolation-sw.js', '_headers', 'pagefind/pagefind.js']) {
			expect(existsSync(join(build.dist, file)), file).toBe(true);
		}
	});

	test('a sitemap exists exactly when a site URL is set, and lists this site only', () => {
		const sitemap = join(build.dist, 'sitemap-index.xml');
		if (!build.site) {
			expect(existsSync(sitemap)).toBe(false);
			return;
		}
		expect(existsSync(sitemap)).toBe(true);
		const locs = site.references.filter((r) => r.where === '<loc>');
		expect(locs.length).toBeGreaterThan(1);
		for (const loc of locs)
			expect(loc.url.href.startsWith(new URL(build.base, build.site).href)).toBe(true);
	});

	test('no HTML or CSS loads anything from another origin', () => {
		const foreign = site.references.filter(
			(r) => /\.(html|css)$/.test(r.file) && isWeb(r) && r.url.origin !== siteOrigin(build),
		);
		const offending = foreign.filter(
			(r) => !(r.where === '<a href>' && LINK_HOSTS.has(r.url.hostname)),
		);
		expect(offending.map((r) => show(r))).toEqual([]);
		// Protocol-relative and scheme-less tricks resolve to another origin too; `new URL` caught them.
	});
});

test('_headers (Netlify, Cloudflare Pages) and vercel.json send the same isolation headers on every path', () => {
	const fromHeadersFile = parseHeadersFile(
		readFileSync(new URL('../../public/_headers', import.meta.url), 'utf8'),
	);
	const vercel = JSON.parse(
		readFileSync(new URL('../../vercel.json', import.meta.url), 'utf8'),
	) as {
		headers: { source: string; headers: { key: string; value: string }[] }[];
	};
	const everyPath = fromHeadersFile.find((rule) => rule.path === '/*');
	expect(everyPath?.headers).toEqual({
		'Cross-Origin-Opener-Policy': 'same-origin',
		'Cross-Origin-Embedder-Policy': 'require-corp',
	});
	const vercelAll = vercel.headers.find((rule) => rule.source === '/(.*)');
	expect(Object.fromEntries(vercelAll!.headers.map((h) => [h.key, h.value]))).toEqual(
		everyPath!.headers,
	);
});
