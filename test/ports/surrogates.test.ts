// fsDecode/fsEncode (snippets/_shared/http-server/surrogates.mjs) beside Python's own os.fsdecode and
// os.fsencode, on names that take each path through them: valid UTF-8 (the quick path), valid UTF-8
// that spells U+FFFD itself, and every kind of broken byte sequence (the byte-by-byte path).
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fsDecode, fsEncode } from '../../snippets/_shared/http-server/surrogates.mjs';
import { pythonBinary } from '../../src/lib/process/snippet-node';

const names: number[][] = [
	[...Buffer.from('small.txt')],
	[...Buffer.from('한글 이름.html')],
	[...Buffer.from('emoji-😀.txt')], // a surrogate pair whose second half is in U+DC00–U+DFFF
	[...Buffer.from('replacement-\ufffd.txt')], // valid UTF-8 for U+FFFD
	[0xb0, 0xa1, 0x2e, 0x74, 0x78, 0x74], // EUC-KR 가.txt
	[0x61, 0xff, 0x62], // a byte that never starts UTF-8
	[0xc0, 0xaf], // overlong /
	[0xe0, 0x80, 0xaf], // overlong, three bytes
	[0xed, 0xb2, 0x80], // the UTF-8 of the lone surrogate U+DC80
	[0xf4, 0x90, 0x80, 0x80], // past U+10FFFF
	[0xe2, 0x82], // cut short
	[0x80, 0xbf], // continuation bytes alone
	[0xef, 0xbf, 0xbd, 0xff], // U+FFFD beside a broken byte
];

// The same bytes through CPython, as the code points of the resulting str.
const python = JSON.parse(
	execFileSync(
		pythonBinary(),
		[
			'-c',
			'import json, os, sys\n' +
				'names = json.load(sys.stdin)\n' +
				'print(json.dumps([[ord(c) for c in os.fsdecode(bytes(n))] for n in names]))',
		],
		{ input: JSON.stringify(names), encoding: 'utf8', env: { ...process.env, LC_ALL: 'C.UTF-8' } },
	),
) as number[][];

describe('file names that are not UTF-8 (surrogateescape)', () => {
	for (const [i, bytes] of names.entries()) {
		const label = Buffer.from(bytes).toString('hex');
		it(`fsDecode(${label}) is Python's os.fsdecode, and fsEncode gives the bytes back`, () => {
			const text: string = fsDecode(Buffer.from(bytes));
			expect(Array.from(text, (c) => c.codePointAt(0))).toEqual(python[i]);
			expect([...fsEncode(text)]).toEqual(bytes);
		});
	}
});
