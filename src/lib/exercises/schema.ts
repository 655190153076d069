// The exercise manifest (`exercises/<id>/exercise.json`) as a Zod schema. An exercise is a snippet
// the reader completes: starter files to edit, solution files, and a check made of the same scenario
// steps snippets use, each expectation with a sentence that says in the reader's terms what it checks.
import { z } from 'zod';
import { expectationKeys } from '../scenario/expect.ts';
import { Command, PortSchema, RelativePath, SnippetKind, StepSchema } from '../snippets/schema.ts';

/** One step of the check, and what each of its expectations means to the reader. */
export const CheckStepSchema = z.strictObject({
	/** A scenario step, exactly as in a snippet's `scenario` (start, request, run, type, wait, stop). */
	step: StepSchema,
	/**
	 * Expectation → a Korean sentence naming, in the reader's terms, what it checks, e.g.
	 * `{ "status": "없는 책 번호에는 404로 답합니다." }`. Keys are the expectation's place in the step:
	 * `status`, `headers.Location`, `body.0`, `bodyNot.0`, `exitCode`, `output.1`, `outputNot.0`, and
	 * for a `wait` step `output`, `exit.exitCode`, `exit.output.0`. Every expectation needs one; a
	 * failed check shows it with what was expected and what came.
	 */
	says: z.record(z.string(), z.string().min(1)).default({}),
});

/** A chapter of the book: its path under `src/content/docs/`, without `.mdx`. */
const ChapterPath = z
	.string()
	.regex(
		/^0[1-4]-[a-z-]+\/[0-9]{2}-[a-z0-9-]+$/,
		'a chapter path such as "01-web/03-status-codes"',
	);

export const ExerciseSchema = z
	.strictObject({
		/** For editors: the JSON schema file. */
		$schema: z.string().optional(),
		/** The folder's name; no snippet may have the same id (both are mounted under `snippets/`). */
		id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
		/** The Korean title shown above the exercise. */
		title: z.string().min(1),
		/** The chapter the exercise belongs to, e.g. `01-web/03-status-codes`. */
		chapter: ChapterPath,
		/** What the program is: it decides what the page offers (a preview and an inspector for servers). */
		kind: SnippetKind,
		/**
		 * The task, in Korean and the book's own words: what to make and how it will be checked.
		 * Paragraphs are separated by a blank line; `code` in backquotes.
		 */
		task: z.string().min(1),
		/**
		 * The files the reader edits, in tab order. Each exists twice: `starter/<file>` (a real
		 * starting point with TODOs) and `solution/<file>`. The first is the main one, which
		 * `npm run check -- <id> <file>` replaces with the given file.
		 */
		files: z.array(RelativePath).min(1),
		/** Files the program needs but the reader does not edit, in `assets/<file>`, mounted as `<file>`. */
		assets: z.array(RelativePath).default([]),
		/** Files from `snippets/_shared/` it imports (as `../_shared/<file>`), as for snippets. */
		shared: z.array(RelativePath).default([]),
		/** The command that runs it, relative to its folder, e.g. `["node", "server.mjs"]`. */
		command: Command,
		/** The ports its server opens. */
		ports: z.array(PortSchema).default([]),
		/** Snippets started first, e.g. `example-com`, the stand-in for www.example.com. */
		services: z.array(z.string()).default([]),
		/** The check: steps played in order against the reader's program. */
		check: z.array(CheckStepSchema).min(1),
		/** One to three hints, revealed one at a time, each a little more telling than the last. */
		hints: z.array(z.string().min(1)).min(1).max(3),
	})
	.superRefine((exercise, ctx) => {
		for (const [index, { step, says }] of exercise.check.entries()) {
			const keys = expectationKeys(step);
			for (const key of keys) {
				if (!(key in says))
					ctx.addIssue({
						code: 'custom',
						path: ['check', index, 'says', key],
						message: `the expectation "${key}" has no sentence in "says"`,
					});
			}
			for (const key of Object.keys(says)) {
				if (!keys.includes(key))
					ctx.addIssue({
						code: 'custom',
						path: ['check', index, 'says', key],
						message: `"says" names "${key}", which this step does not expect (it expects: ${keys.join(', ') || 'nothing'})`,
					});
			}
		}
	});

export type Exercise = z.output<typeof ExerciseSchema>;
export type CheckStep = z.output<typeof CheckStepSchema>;
