// The folder both servers serve in the comparison and hostile-input tests: files with awkward names,
// symlinks pointing in and out, a CGI directory with the book's example scripts and the test fixtures.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIXTURES, PROJECT_ROOT } from './servers';

export interface Docroot {
	/** Parent of root and outside. */
	base: string;
	/** The served folder. */
	root: string;
	/** A sibling folder that must never be served. */
	outside: string;
	remove(): void;
}

/** A fixed modification time, so Last-Modified is the same for both servers. */
export const FIXED_MTIME = new Date('2021-01-02T03:04:05Z');

export const SECRET = 'TOP SECRET: outside the served folder\n';

/** File names in /dir/ that exercise quoting, escaping and sorting in listings. */
export const AWKWARD_NAMES = [
	"a(1)!*'~ x.txt",
	'<b>&.txt',
	'한글.txt',
	'B.txt',
	'a.txt',
	'c d.txt',
];

/** File names in /bytes/ that are not valid UTF-8: `caf\xe9.txt` (Latin-1) and `한글.txt` in EUC-KR. */
export const UNDECODABLE_NAMES = [
	Buffer.from('caf\xe9.txt', 'latin1'),
	Buffer.from([0xc7, 0xd1, 0xb1, 0xdb, 0x2e, 0x74, 0x78, 0x74]),
];

const EXAMPLES = path.join(PROJECT_ROOT, 'snippets/_shared/cgi-bin-examples');

export function makeDocroot(): Docroot {
	const base = fs.mkdtempSync(path.join(os.tmpdir(), 'ports-'));
	const root = path.join(base, 'root');
	const outside = path.join(base, 'outside');
	const write = (relative: string, content: string | Buffer, mode = 0o644) => {
		const file = path.join(root, relative);
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.writeFileSync(file, content);
		fs.chmodSync(file, mode);
	};
	fs.mkdirSync(root);
	fs.mkdirSync(outside);
	fs.writeFileSync(path.join(outside, 'secret.txt'), SECRET);

	write('a.txt', 'hello from a.txt\n');
	write('page.html', '<!DOCTYPE html><title>page</title>\n');
	write('UPPER.HTML', '<p>upper</p>\n');
	write('style.css', 'body { color: red }\n');
	write('data.json', '{"ok": true}\n');
	write('image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
	write('arch.tar.gz', Buffer.from([0x1f, 0x8b, 0x08, 0x00]));
	write('script.js', 'console.log(1);\n');
	write('notes.md', '# notes\n');
	write('types.ts', 'export {};\n');
	write('noext', 'no extension\n');
	write('file.unknownext', 'unknown\n');
	write('withindex/index.html', '<p>index</p>\n');
	write('withindex/other.txt', 'other\n');
	write('sp ace/inside.txt', 'inside a folder with a space\n');
	for (const name of AWKWARD_NAMES) write(path.join('dir', name), `${name}\n`);
	write('dir/sub/deep.txt', 'deep\n');
	// Names that are not UTF-8 (Latin-1 and EUC-KR bytes), in a folder of their own.
	for (const name of UNDECODABLE_NAMES) {
		const file = Buffer.concat([Buffer.from(path.join(root, 'bytes') + '/'), name]);
		fs.mkdirSync(path.join(root, 'bytes'), { recursive: true });
		fs.writeFileSync(file, `bytes ${name.toString('hex')}\n`);
	}
	fs.symlinkSync('sub', path.join(root, 'dir/link-sub'));
	fs.symlinkSync('a.txt', path.join(root, 'dir/link-file'));
	// Links out of the served folder (and one that stays inside).
	fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'link-out'));
	fs.symlinkSync(outside, path.join(root, 'link-dir-out'));
	fs.symlinkSync('a.txt', path.join(root, 'link-in'));

	// CGI: the book's examples, then the test fixtures.
	for (const name of fs.readdirSync(EXAMPLES)) {
		write(path.join('cgi-bin', name), fs.readFileSync(path.join(EXAMPLES, name)), 0o755);
	}
	for (const name of fs.readdirSync(path.join(FIXTURES, 'cgi'))) {
		if (fs.existsSync(path.join(EXAMPLES, name)))
			throw new Error(`fixture ${name} would hide the example of that name`);
		write(path.join('cgi-bin', name), fs.readFileSync(path.join(FIXTURES, 'cgi', name)), 0o755);
	}
	write('cgi-bin/sub/env.mjs', fs.readFileSync(path.join(EXAMPLES, 'env.mjs')), 0o755);
	write('htbin/env.mjs', fs.readFileSync(path.join(EXAMPLES, 'env.mjs')), 0o755);
	// A Node script without the execute bit.
	write('cgi-bin/noexec.mjs', fs.readFileSync(path.join(FIXTURES, 'cgi/info.mjs')), 0o644);

	// Fixed times for every regular file, so Last-Modified and If-Modified-Since are predictable.
	const touch = (dir: string) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true, encoding: 'buffer' })) {
			const full = Buffer.concat([Buffer.from(`${dir}/`), entry.name]);
			if (entry.isDirectory()) touch(full.toString());
			else if (entry.isFile()) fs.utimesSync(full, FIXED_MTIME, FIXED_MTIME);
		}
	};
	touch(root);
	// mkdtemp makes a 0700 folder; CGI scripts run as nobody when the tests run as root.
	for (const dir of [base, root, outside]) fs.chmodSync(dir, 0o755);
	const chmodTree = (dir: string) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			if (entry.isDirectory()) {
				fs.chmodSync(path.join(dir, entry.name), 0o755);
				chmodTree(path.join(dir, entry.name));
			}
		}
	};
	chmodTree(root);

	return { base, root, outside, remove: () => fs.rmSync(base, { recursive: true, force: true }) };
}
