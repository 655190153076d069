// `npm run check -- <exercise-id> [file]`: checks an exercise in Node, with the same check and the
// same Korean messages as the page. With a file, it replaces the starter's main file (a teacher
// grading a student's work); without one, the starter itself is checked. Exit code 0 when every
// expectation holds, 1 when one does not, 2 for a usage error.
//   npm run check -- --list              every exercise, by chapter
//   npm run check -- <id> --solution     the exercise's own solution
// Runs on the Node that `npm run` puts first on PATH (24), which loads the TypeScript modules itself.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkExercise } from '../src/lib/exercises/check.ts';
import { listExerciseIds, loadExercise, readExerciseManifest } from '../src/lib/exercises/load.ts';
import { formatVerdict } from '../src/lib/exercises/verdict.ts';

const root = resolve(import.meta.dirname, '..');
// `npm run` starts scripts in the project folder; a file is named from where the command was typed.
const typedIn = process.env.INIT_CWD ?? process.cwd();
const args = process.argv.slice(2);

function usage(message) {
	if (message) console.error(message);
	console.error(
		[
			'사용법: npm run check -- <연습-문제-id> [파일]',
			'        npm run check -- <연습-문제-id> --solution',
			'        npm run check -- --list',
		].join('\n'),
	);
	process.exit(2);
}

if (args.includes('--list')) {
	const byChapter = new Map();
	for (const id of listExerciseIds(root)) {
		const manifest = readExerciseManifest(id, root);
		byChapter.set(manifest.chapter, [...(byChapter.get(manifest.chapter) ?? []), manifest]);
	}
	for (const [chapter, list] of [...byChapter].sort(([a], [b]) => a.localeCompare(b))) {
		console.log(chapter);
		for (const m of list) console.log(`  ${m.id.padEnd(28)} ${m.title}`);
	}
	process.exit(0);
}

const [id, fileArg] = args.filter((a) => !a.startsWith('--'));
if (!id) usage();
const known = listExerciseIds(root);
if (!known.includes(id))
	usage(`"${id}"라는 연습 문제가 없습니다. npm run check -- --list 로 목록을 볼 수 있습니다.`);

let exercise;
try {
	exercise = loadExercise(id, root);
} catch (error) {
	console.error(error.message);
	process.exit(2);
}
const main = exercise.manifest.files[0];
let files = 'starter';
let what = `처음 코드(starter/${main})`;
if (args.includes('--solution')) {
	files = 'solution';
	what = `풀이(solution/${main})`;
} else if (fileArg) {
	const path = resolve(typedIn, fileArg);
	if (!existsSync(path) || !statSync(path).isFile()) usage(`파일 ${path}이(가) 없습니다.`);
	files = { edits: { [main]: readFileSync(path, 'utf8') } };
	what = `${fileArg} (${main} 자리에)`;
}

console.log(`연습 문제 ${id}: ${exercise.manifest.title}`);
console.log(`확인하는 코드: ${what}\n`);
const { verdict } = await checkExercise(exercise, files, root);
console.log(formatVerdict(verdict));
process.exit(verdict.ok ? 0 : 1);
