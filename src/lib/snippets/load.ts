// Loads snippets from `snippets/<id>/`: reads and validates the manifest, reads every file it names,
// and hashes all of it. Every problem becomes a SnippetError naming the snippet, the file or field,
// and what was expected.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { z } from 'zod';
import type { RunnableSnippet } from '../scenario/run.ts';
import { ManifestSchema, type Manifest } from './schema.ts';

/** Bump when the transcript format or the runner's behaviour changes, so old recordings are redone. */
export const RECORDING_VERSION = 1;

/** Folders in `snippets/` that hold no snippet: code shared by several snippets. */
export const SHARED_DIR = '_shared';

export class SnippetError extends Error {
	readonly snippetId: string;
	// No parameter properties: `npm run check` loads this file with Node's own type stripping.
	constructor(snippetId: string, message: string, options?: { cause?: unknown }) {
		super(`snippet "${snippetId}": ${message}`, options);
		this.snippetId = snippetId;
		this.name = 'SnippetError';
	}
}

export interface SnippetFile {
	/** Path relative to the snippet folder, or `../_shared/<file>` for shared code. */
	path: string;
	content: string;
	/**
	 * `code`: the reader's files; `shared`: from `snippets/_shared/`, listed in the manifest and shown;
	 * `support`: shared modules those import, mounted but not shown as tabs; `asset`; `python` (the
	 * Python code, shown in the Python tab; from `_shared/` when its path starts with `../`).
	 */
	role: 'code' | 'shared' | 'support' | 'asset' | 'python';
	/**
	 * Executable in the repository: a CGI script that a server runs as a program (Python's
	 * `CGIHTTPRequestHandler` runs only executable files); a live runtime writes it so too.
	 */
	executable?: boolean;
}

export interface Snippet extends RunnableSnippet {
	dir: string;
	/** Every file the snippet needs, in the order the shell shows them. */
	files: SnippetFile[];
}

export function snippetsRoot(root = process.cwd()): string {
	return join(root, 'snippets');
}

/** The ids of every snippet folder, sorted. */
export function listSnippetIds(root = process.cwd()): string[] {
	const dir = snippetsRoot(root);
	return readdirSync(dir)
		.filter((name) => !name.startsWith('_') && !name.startsWith('.'))
		.filter((name) => statSync(join(dir, name)).isDirectory())
		.sort();
}

/** Reads and validates `snippets/<id>/snippet.json` without reading the files it names. */
export function readManifest(id: string, root = process.cwd()): Manifest {
	return readJsonManifest(
		join(snippetsRoot(root), id, 'snippet.json'),
		{ id, root, schema: ManifestSchema, schemaName: 'the manifest schema' },
		(message, options) => new SnippetError(id, message, options),
	);
}

/**
 * Reads a manifest (a snippet's, an exercise's) and validates it against `schema`; its `id` must be
 * its folder's name. Each problem is an error made by `fail`, naming the file and what was expected.
 */
export function readJsonManifest<T extends { id: string }>(
	file: string,
	{
		id,
		root,
		schema,
		schemaName,
	}: { id: string; root: string; schema: z.ZodType<T>; schemaName: string },
	fail: (message: string, options?: { cause?: unknown }) => Error,
): T {
	const name = rel(file, root);
	if (!existsSync(file)) throw fail(`missing manifest ${name}`);
	let json: unknown;
	try {
		json = JSON.parse(readFileSync(file, 'utf8'));
	} catch (error) {
		throw fail(`${name} is not valid JSON: ${(error as Error).message}`, { cause: error });
	}
	const parsed = schema.safeParse(json);
	if (!parsed.success) {
		const problems = parsed.error.issues
			.map((issue) => `  - ${issue.path.join('.') || '(manifest)'}: ${issue.message}`)
			.join('\n');
		throw fail(`${name} does not match ${schemaName}:\n${problems}`, {
			cause: z.prettifyError(parsed.error),
		});
	}
	if (parsed.data.id !== id)
		throw fail(
			`${name}: field "id" is "${parsed.data.id}" but the folder is "${id}"; they must match`,
		);
	return parsed.data;
}

const cache = new Map<string, Snippet>();

/** Loads a snippet with its files, its services and its hash. */
export function loadSnippet(id: string, root = process.cwd(), seen: string[] = []): Snippet {
	const key = `${root}\0${id}`;
	const cached = cache.get(key);
	if (cached && isFresh(cached)) return cached;
	if (seen.includes(id)) {
		throw new SnippetError(id, `services form a cycle: ${[...seen, id].join(' → ')}`);
	}
	const manifest = readManifest(id, root);
	const dir = join(snippetsRoot(root), id);
	const read = (
		path: string,
		role: SnippetFile['role'],
		field: string,
		fromShared = role === 'shared',
	): SnippetFile => {
		const full = fromShared ? join(snippetsRoot(root), SHARED_DIR, path) : join(dir, path);
		if (!existsSync(full) || !statSync(full).isFile()) {
			throw new SnippetError(
				id,
				`${field} names ${fromShared ? `${SHARED_DIR}/${path}` : path}, which does not exist in ${rel(fromShared ? join(snippetsRoot(root), SHARED_DIR) : dir, root)}/`,
			);
		}
		return {
			path: fromShared ? `../${SHARED_DIR}/${path}` : path,
			content: readFileSync(full, 'utf8'),
			role,
			...((statSync(full).mode & 0o111) !== 0 ? { executable: true } : {}),
		};
	};
	const files: SnippetFile[] = [
		...manifest.files.map((f) => read(f, 'code', 'files')),
		...manifest.shared.map((f) => read(f, 'shared', 'shared')),
		...manifest.assets.map((f) => read(f, 'asset', 'assets')),
	];
	files.push(...sharedImports(id, files, root));
	if (manifest.python) {
		files.push(read(manifest.python.file, 'python', 'python.file'));
		for (const f of manifest.python.files) files.push(read(f, 'python', 'python.files'));
		for (const f of manifest.python.shared) files.push(read(f, 'python', 'python.shared', true));
	}
	const services = manifest.services.map((serviceId) => {
		try {
			return loadSnippet(serviceId, root, [...seen, id]);
		} catch (error) {
			if (error instanceof SnippetError && error.snippetId !== serviceId) throw error;
			throw new SnippetError(
				id,
				`services names "${serviceId}", which cannot be loaded: ${(error as Error).message}`,
				{
					cause: error,
				},
			);
		}
	});
	const hash = createHash('sha256');
	hash.update(`recording ${RECORDING_VERSION}\n`);
	hash.update(readFileSync(join(dir, 'snippet.json')));
	for (const file of files) hash.update(`\0${file.path}\0${file.content}`);
	for (const service of services) hash.update(`\0service ${service.id} ${service.hash}`);
	const snippet: Snippet = {
		id,
		dir,
		hash: hash.digest('hex').slice(0, 16),
		manifest,
		files,
		services: services.map((s) => ({ id: s.id, manifest: s.manifest })),
	};
	cache.set(key, Object.assign(snippet, { [stamp]: fingerprint(dir, root, manifest) }));
	return snippet;
}

/**
 * Shared modules that the snippet's code and shared files import, followed transitively, so that a
 * runtime mounting the snippet has every file an `import` needs (e.g. `http-server.mjs` importing
 * `./http-server/base.mjs`).
 */
export function sharedImports(id: string, files: SnippetFile[], root: string): SnippetFile[] {
	const sharedRoot = join(snippetsRoot(root), SHARED_DIR);
	const have = new Set(files.map((f) => f.path));
	const found: SnippetFile[] = [];
	const queue = files.filter((f) => /\.m?js$/.test(f.path) && f.role !== 'python');
	for (let file = queue.shift(); file; file = queue.shift()) {
		const from = posix.dirname(file.path);
		for (const specifier of relativeImports(file.content)) {
			const path = posix.normalize(posix.join(from, specifier));
			if (!path.startsWith(`../${SHARED_DIR}/`) || have.has(path)) continue;
			const full = join(sharedRoot, path.slice(`../${SHARED_DIR}/`.length));
			if (!existsSync(full)) {
				throw new SnippetError(
					id,
					`${file.path} imports ${specifier}, which does not exist (${rel(full, root)})`,
				);
			}
			const support: SnippetFile = { path, content: readFileSync(full, 'utf8'), role: 'support' };
			have.add(path);
			found.push(support);
			queue.push(support);
		}
	}
	return found;
}

/** Relative specifiers of static `import … from './x'`, `import './x'` and `export … from './x'`. */
export function relativeImports(source: string): string[] {
	return [
		...source.matchAll(
			/(?:^|[\s;])(?:import|export)\s*(?:[^'"`;]*?\sfrom\s*)?['"](\.{1,2}\/[^'"]+)['"]/g,
		),
	].map((m) => m[1] ?? '');
}

/** Loads every snippet; all problems are reported together. */
export function loadAllSnippets(root = process.cwd()): Snippet[] {
	const snippets: Snippet[] = [];
	const errors: string[] = [];
	for (const id of listSnippetIds(root)) {
		try {
			snippets.push(loadSnippet(id, root));
		} catch (error) {
			errors.push((error as Error).message);
		}
	}
	if (errors.length)
		throw new Error(`${errors.length} snippet(s) failed to load:\n\n${errors.join('\n\n')}`);
	return snippets;
}

// In `astro dev` a snippet changes while the process lives; re-read it when any file's mtime moves.
const stamp = Symbol('fingerprint');
function fingerprint(dir: string, root: string, manifest: Manifest): string {
	const paths = [
		join(dir, 'snippet.json'),
		...manifest.files.map((f) => join(dir, f)),
		...manifest.assets.map((f) => join(dir, f)),
		...manifest.shared.map((f) => join(snippetsRoot(root), SHARED_DIR, f)),
		...(manifest.python
			? [
					...[manifest.python.file, ...manifest.python.files].map((f) => join(dir, f)),
					...manifest.python.shared.map((f) => join(snippetsRoot(root), SHARED_DIR, f)),
				]
			: []),
	];
	return paths.map((p) => (existsSync(p) ? statSync(p).mtimeMs : 0)).join(',');
}
function isFresh(snippet: Snippet): boolean {
	const recorded = (snippet as Snippet & { [stamp]?: string })[stamp];
	return recorded === fingerprint(snippet.dir, join(snippet.dir, '..', '..'), snippet.manifest);
}

function rel(path: string, root: string): string {
	return path.startsWith(root) ? path.slice(root.length + 1) : path;
}
