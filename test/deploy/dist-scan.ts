// Reads a built site the way a browser and a crawler would: every URL that HTML, CSS, sitemaps and
// module imports point at, each resolved against the address the file is served from. Astro's output
// is well-formed, so a small tokenizer (tags, quoted attributes, raw-text script and style) suffices;
// text inside code blocks is escaped and never mistaken for a tag.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { SiteBuild } from '../helpers/site-build.ts';

export interface Tag {
	name: string;
	attrs: Map<string, string>;
}

export interface HtmlDocument {
	tags: Tag[];
	/** Contents of inline `<style>` elements. */
	styles: string[];
	/** Every `id` (and `<a name>`) in the document: the fragments a link may point at. */
	anchors: Set<string>;
}

export interface Reference {
	/** The file it was found in, relative to the build's `dist`. */
	file: string;
	/** Where in that file, for messages: `<a href>`, `css url()`, `import`, `<loc>` … */
	where: string;
	/** The tag it sits on, when it comes from an HTML attribute. */
	tag?: Tag;
	/** The URL as written. */
	value: string;
	/** Resolved against the address the file is served from. */
	url: URL;
}

const TOKEN =
	/<!--[\s\S]*?-->|<![^>]*>|<\/[a-zA-Z][^>]*>|<([a-zA-Z][\w:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title']);

export function parseHtml(html: string): HtmlDocument {
	const doc: HtmlDocument = { tags: [], styles: [], anchors: new Set() };
	TOKEN.lastIndex = 0;
	for (let match = TOKEN.exec(html); match; match = TOKEN.exec(html)) {
		const [, rawName, rawAttrs] = match;
		if (!rawName) continue;
		const name = rawName.toLowerCase();
		const attrs = new Map<string, string>();
		for (const a of (rawAttrs ?? '').matchAll(ATTRIBUTE)) {
			attrs.set(a[1]!.toLowerCase(), decodeEntities(a[2] ?? a[3] ?? a[4] ?? ''));
		}
		doc.tags.push({ name, attrs });
		for (const key of ['id', ...(name === 'a' ? ['name'] : [])]) {
			const value = attrs.get(key);
			if (value) doc.anchors.add(value);
		}
		if (RAW_TEXT.has(name)) {
			const end = html.toLowerCase().indexOf(`</${name}`, TOKEN.lastIndex);
			const stop = end === -1 ? html.length : end;
			if (name === 'style') doc.styles.push(html.slice(TOKEN.lastIndex, stop));
			TOKEN.lastIndex = stop;
		}
	}
	return doc;
}

function decodeEntities(text: string): string {
	const named: Record<string, string> = {
		amp: '&',
		lt: '<',
		gt: '>',
		quot: '"',
		apos: "'",
		nbsp: '\u00a0',
	};
	return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
		if (body[0] === '#') {
			const code =
				body[1] === 'x' || body[1] === 'X'
					? parseInt(body.slice(2), 16)
					: parseInt(body.slice(1), 10);
			return String.fromCodePoint(code);
		}
		return named[body.toLowerCase()] ?? whole;
	});
}

/** Attributes whose value is a URL the browser loads or navigates to. */
const URL_ATTRIBUTES = [
	'href',
	'src',
	'poster',
	'action',
	'formaction',
	'data',
	'cite',
	'background',
	'xlink:href',
];
const META_URL_PROPERTIES = new Set([
	'og:image',
	'og:url',
	'og:video',
	'og:audio',
	'twitter:image',
]);

/** URL-valued strings on one tag, with a label for messages. */
function urlsOfTag(tag: Tag): { where: string; value: string }[] {
	const found: { where: string; value: string }[] = [];
	const at = (attr: string, value: string) => found.push({ where: `<${tag.name} ${attr}>`, value });
	for (const attr of URL_ATTRIBUTES) {
		const value = tag.attrs.get(attr);
		if (value !== undefined) at(attr, value.trim());
	}
	for (const attr of ['srcset', 'imagesrcset']) {
		for (const candidate of tag.attrs.get(attr)?.split(',') ?? []) {
			const value = candidate.trim().split(/\s+/)[0];
			if (value) at(attr, value);
		}
	}
	if (tag.name === 'meta') {
		const content = tag.attrs.get('content') ?? '';
		const property = tag.attrs.get('property') ?? tag.attrs.get('name') ?? '';
		if (META_URL_PROPERTIES.has(property)) at(`content (${property})`, content);
		if (tag.attrs.get('http-equiv')?.toLowerCase() === 'refresh') {
			const target = /url\s*=\s*['"]?([^'"]+)/i.exec(content)?.[1];
			if (target) at('content (refresh)', target);
		}
	}
	// Data the page's scripts fetch: the snippet bundle. Other data-* values are text (Expressive
	// Code's copy button keeps the code, URLs and all, in `data-code`), so they are not references.
	const bundle = tag.attrs.get('data-bundle');
	if (bundle) at('data-bundle', bundle);
	const style = tag.attrs.get('style');
	if (style) for (const value of cssUrls(style)) at('style url()', value);
	return found;
}

export function cssUrls(css: string): string[] {
	const urls: string[] = [];
	for (const m of css.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)/g))
		urls.push(m[1] ?? m[2] ?? m[3] ?? '');
	for (const m of css.matchAll(/@import\s+(?:"([^"]*)"|'([^']*)')/g)) urls.push(m[1] ?? m[2] ?? '');
	return urls.filter((u) => u !== '');
}

/** The origin pages are served from: the site URL when set, else a stand-in no real host uses. */
export function siteOrigin(build: SiteBuild): string {
	return build.site ? new URL(build.site).origin : 'http://dist.invalid';
}

/** The address a file of `dist` is served at (`a/index.html` → `<base>a/`). */
export function servedUrl(build: SiteBuild, file: string): URL {
	const path = file
		.split(sep)
		.join('/')
		.replace(/(^|\/)index\.html$/, '$1');
	return new URL(build.base + path, siteOrigin(build));
}

export function filesOf(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		return entry.isDirectory() ? filesOf(path) : [path];
	});
}

export interface ScannedSite {
	references: Reference[];
	/** Parsed HTML pages by dist-relative path, for fragment checks. */
	pages: Map<string, HtmlDocument>;
}

/** Every URL in the HTML, CSS, XML and JavaScript of a build. */
export function scanSite(build: SiteBuild): ScannedSite {
	const references: Reference[] = [];
	const pages = new Map<string, HtmlDocument>();
	for (const path of filesOf(build.dist)) {
		const file = relative(build.dist, path);
		const from = servedUrl(build, file);
		const add = (where: string, value: string, tag?: Tag) => {
			let url: URL;
			try {
				url = new URL(value, from);
			} catch {
				url = new URL('invalid:' + encodeURIComponent(value));
			}
			references.push({ file, where, value, url, ...(tag ? { tag } : {}) });
		};
		if (file.endsWith('.html')) {
			const doc = parseHtml(readFileSync(path, 'utf8'));
			pages.set(file, doc);
			for (const tag of doc.tags)
				for (const { where, value } of urlsOfTag(tag)) add(where, value, tag);
			for (const css of doc.styles) for (const value of cssUrls(css)) add('<style> url()', value);
		} else if (file.endsWith('.css')) {
			for (const value of cssUrls(readFileSync(path, 'utf8'))) add('css url()', value);
		} else if (file.endsWith('.xml')) {
			const xml = readFileSync(path, 'utf8');
			for (const m of xml.matchAll(/<loc>([^<]*)<\/loc>/g)) add('<loc>', decodeEntities(m[1]!));
			for (const m of xml.matchAll(/\shref="([^"]*)"/g)) add('xml href', decodeEntities(m[1]!));
		} else if (/\.m?js$/.test(file)) {
			const js = readFileSync(path, 'utf8');
			// Static and dynamic imports of sibling chunks, and the chunk lists Vite preloads (base-relative).
			for (const m of js.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["'`](\.{1,2}\/[^"'`$]+)["'`]/g))
				add('import', m[1]!);
			for (const m of js.matchAll(/["'`](_astro\/[^"'`$]+)["'`]/g))
				add('preload', build.base + m[1]!);
		}
	}
	return { references, pages };
}

/** Why an internal URL does not resolve to a file of the build, or undefined when it does. */
export function brokenInternal(build: SiteBuild, site: ScannedSite, url: URL): string | undefined {
	const baseNoSlash = build.base.slice(0, -1);
	if (!url.pathname.startsWith(build.base) && url.pathname !== baseNoSlash) {
		return `outside the base path ${build.base} (a Markdown link written from the root?)`;
	}
	const rest = decodeURIComponent(url.pathname.slice(build.base.length));
	const file = fileFor(build.dist, rest);
	if (!file) return 'no such file';
	if (url.hash.length > 1 && file.endsWith('.html')) {
		const doc = site.pages.get(relative(build.dist, file));
		const fragment = decodeURIComponent(url.hash.slice(1));
		if (doc && !doc.anchors.has(fragment))
			return `no element with id "${fragment}" in ${relative(build.dist, file)}`;
	}
	return undefined;
}

/** The file a static host serves for `rest` (a path below the base), as static hosts do. */
function fileFor(dist: string, rest: string): string | undefined {
	const target = resolve(dist, rest);
	if (target !== resolve(dist) && !target.startsWith(resolve(dist) + sep)) return undefined;
	const candidates =
		rest === '' || rest.endsWith('/')
			? [join(target, 'index.html')]
			: [target, join(target, 'index.html')];
	return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}
