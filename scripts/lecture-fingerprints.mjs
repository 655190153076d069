// Writes test/content/lecture-fingerprints.json: hashes of every 30-character window (at a stride of
// 10) of the lecture's Korean lines, so the copy check runs anywhere without shipping the lecture.
// Usage: node scripts/lecture-fingerprints.mjs [path/to/lecture.txt]
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

const source = process.argv[2] ?? '../shared/lecture/000_06c7d139c7b005ce.txt';
const norm = (s) => s.replace(/\s+/g, ' ').trim();
const lines = readFileSync(source, 'utf8')
	.split('\n')
	.map((l) => norm(l.replace(/^[-o0•# ]+/, '')))
	.filter((l) => l.length >= 30 && /[가-힣]/.test(l));
const windows = lines.map((line) => {
	const hashes = [];
	for (let i = 0; i + 30 <= line.length; i += 10) hashes.push(hash(line.slice(i, i + 30)));
	return hashes;
});
writeFileSync(
	'test/content/lecture-fingerprints.json',
	JSON.stringify({ window: 30, stride: 10, lines: windows }) + '\n',
);
console.log(`${lines.length} lecture lines, ${windows.flat().length} windows`);

function hash(text) {
	return createHash('sha256').update(text).digest('hex').slice(0, 12);
}
