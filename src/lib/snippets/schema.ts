// The snippet manifest (`snippets/<id>/snippet.json`) and its scenario, as Zod schemas.
// One manifest drives everything: the shell's tabs, the build's recording, the tests and the live runner.
import { z } from 'zod';

/** A name for a port or a process: lower-case words joined by dashes. */
const Name = z.string().regex(/^[a-z][a-z0-9-]*$/, 'lower-case letters, digits and dashes');

/** A path inside the snippet folder: relative, forward slashes, never leaving the folder. */
export const RelativePath = z
	.string()
	.min(1)
	.refine((p) => !p.startsWith('/') && !p.split('/').includes('..') && !p.includes('\\'), {
		message: 'a relative path inside the snippet folder (no "/" at the start, no "..")',
	});

/** A file of the snippet as the page names it: a relative path, or `../_shared/<path>` for shared code. */
const FocusPath = z.union([
	RelativePath,
	z
		.string()
		.regex(/^\.\.\/_shared\//, 'a relative path, or ../_shared/<file> for a shared file')
		.refine((p) => RelativePath.safeParse(p.slice('../_shared/'.length)).success, {
			message: 'a shared file: ../_shared/ then a relative path inside it',
		}),
]);

/**
 * A command as an argument vector. The first word is a program (`node`, `python3`), the rest its arguments.
 * `{port:NAME}` anywhere in a word is replaced by the port the runtime gave to the port called NAME.
 */
export const Command = z.array(z.string().min(1)).min(1);

/** A port the snippet's server opens. */
export const PortSchema = z.strictObject({
	/** How steps and commands refer to this port, e.g. `web` in `{port:web}`. */
	name: Name,
	/** The port the reader sees in the code and uses on their own machine, e.g. 8888 as in the lecture. */
	default: z.number().int().min(1024).max(65535),
	/**
	 * The environment variable through which a runtime hands the snippet a different port
	 * (tests choose free ports at run time). The snippet reads it, falling back to `default`.
	 * @default 'PORT'
	 */
	env: z
		.string()
		.regex(/^[A-Z][A-Z0-9_]*$/)
		.default('PORT'),
});

/** What a finished process must have done. */
const ProcessExpectation = z.strictObject({
	/** The exit code. Omit to accept any. */
	exitCode: z.number().int().optional(),
	/** Strings that must all appear in the process's combined stdout and stderr. */
	output: z.array(z.string()).default([]),
	/** Strings that must not appear in the output. */
	outputNot: z.array(z.string()).default([]),
});

/** What an HTTP response must look like. */
const ResponseExpectation = z.strictObject({
	/** The status code. */
	status: z.number().int().min(100).max(599).optional(),
	/** Header name (any case) → a string the header's value must contain; `null` means the header must be absent. */
	headers: z.record(z.string(), z.string().nullable()).default({}),
	/** Strings that must all appear in the body. */
	body: z.array(z.string()).default([]),
	/** Strings that must not appear in the body. */
	bodyNot: z.array(z.string()).default([]),
});

/** Which variant a step belongs to: both (the default), only the Node snippet, or only its Python counterpart. */
const Only = z.enum(['node', 'python']).optional();

const StepBase = {
	/** A short Korean sentence saying what the step shows; the transcript prints it. */
	note: z.string().optional(),
	/** Run the step only for this variant (Python's servers differ in ways the book explains). */
	only: Only,
};

/** Start a long-running process (the snippet's own command, or one of its services) and wait for its ports. */
const StartStep = z.strictObject({
	...StepBase,
	do: z.literal('start'),
	/** `main` (the snippet's command) or the id of a service listed in `services`. @default 'main' */
	process: z.string().default('main'),
	/** Arguments that replace the command's own (after the program). */
	args: z.array(z.string()).optional(),
	/** Extra environment variables. */
	env: z.record(z.string(), z.string()).default({}),
	/** Give up waiting for the ports after this long. @default 10000 */
	timeoutMs: z.number().int().positive().default(10_000),
});

/** Send one HTTP request over a raw TCP connection and record the raw request and response. */
const RequestStep = z.strictObject({
	...StepBase,
	do: z.literal('request'),
	/** The name of the port to connect to. */
	port: Name,
	/** @default 'GET' */
	method: z.string().default('GET'),
	/** The request target, e.g. `/books?q=1`. @default '/' */
	path: z.string().default('/'),
	/** Request headers. `Host` and, when there is a body, `Content-Length` are added unless given. */
	headers: z.record(z.string(), z.string()).default({}),
	/** The request body as text. */
	body: z.string().optional(),
	/**
	 * Send these exact bytes instead of building a request (escapes `\r\n` are real CR LF).
	 * For malformed requests and HTTP/0.9; `method`, `path`, `headers` and `body` are then ignored.
	 */
	raw: z.string().optional(),
	/** Give up after this long. @default 5000 */
	timeoutMs: z.number().int().positive().default(5_000),
	expect: ResponseExpectation.default({ headers: {}, body: [], bodyNot: [] }),
});

/** Run a command to completion (a client, a one-shot script) and check its exit code and output. */
const RunStep = z.strictObject({
	...StepBase,
	do: z.literal('run'),
	/** Arguments that replace the snippet command's own (after the program). */
	args: z.array(z.string()).optional(),
	/** A whole command instead of the snippet's own. */
	command: Command.optional(),
	/** Text written to stdin, which is then closed. */
	stdin: z.string().optional(),
	/** Extra environment variables. */
	env: z.record(z.string(), z.string()).default({}),
	/** Kill the process (and fail) after this long. @default 10000 */
	timeoutMs: z.number().int().positive().default(10_000),
	expect: ProcessExpectation.default({ output: [], outputNot: [] }),
});

/** Type text into the stdin of a process started earlier. */
const TypeStep = z.strictObject({
	...StepBase,
	do: z.literal('type'),
	/** @default 'main' */
	process: z.string().default('main'),
	/** The text; escapes like `\r\n` are real control characters. */
	text: z.string(),
	/** Close stdin afterwards (end of input). @default false */
	end: z.boolean().default(false),
});

/** Wait until a started process has printed something, or has exited. */
const WaitStep = z.strictObject({
	...StepBase,
	do: z.literal('wait'),
	/** @default 'main' */
	process: z.string().default('main'),
	/** Wait for this text in the output. */
	output: z.string().optional(),
	/** Wait for the process to exit, then check this. */
	exit: ProcessExpectation.optional(),
	/** @default 5000 */
	timeoutMs: z.number().int().positive().default(5_000),
});

/** Stop a started process (SIGTERM to its whole process tree). */
const StopStep = z.strictObject({
	...StepBase,
	do: z.literal('stop'),
	/** @default 'main' */
	process: z.string().default('main'),
});

/** One step of a scenario. */
export const StepSchema = z.discriminatedUnion('do', [
	StartStep,
	RequestStep,
	RunStep,
	TypeStep,
	WaitStep,
	StopStep,
]);

/** The Python code a snippet mirrors: the lecture's, or the book's where the lecture shows none. */
export const PythonSchema = z.strictObject({
	/** The Python file in the snippet folder, shown in the Python tab. */
	file: RelativePath,
	/**
	 * The command that runs it instead of the snippet's command, e.g. `["python3", "my_httpserver.py"]`.
	 * Omit when the file is shown but not run (the scenario then runs only for Node).
	 */
	command: Command.optional(),
	/** Extra files the Python command needs (shown in the Python tab after `file`). */
	files: z.array(RelativePath).default([]),
	/**
	 * Files from `snippets/_shared/` the Python code runs or imports (as `../_shared/<file>`, e.g. the
	 * shared CGI scripts a snippet's `cgi-bin/` runs): mounted beside it, shown read-only in the
	 * Python tab after `files`.
	 */
	shared: z.array(RelativePath).default([]),
	/**
	 * What of this code the lecture supplied, as a Korean sentence shown in the Python tab. Omit when
	 * the book wrote the Python code itself (the tab then says so).
	 */
	fromLecture: z.string().min(1).optional(),
	/** A Korean note for readers who run the Python code themselves (Python versions, Windows), shown in the Python tab. */
	note: z.string().min(1).optional(),
	/**
	 * Ids of deliberate differences between our ports and Python (`src/lib/ports/differences.ts`)
	 * that this snippet's Node and Python transcripts show; the Python tab explains each one.
	 */
	differences: z.array(z.string()).default([]),
});

/**
 * Lines of one file, 1-based and inclusive: `"12-40"`, or `"7"` for one line. The chapter teaches these;
 * the rest of a long file is folded in the page (see `src/lib/snippets/focus.ts`).
 */
export const LineRange = z
	.string()
	.regex(/^[1-9]\d*(-[1-9]\d*)?$/, 'a line number or a range like "12-40"')
	.refine(
		(range) => {
			const [from, to = from] = range.split('-').map(Number);
			return (from ?? 0) <= (to ?? 0);
		},
		{ message: 'a range goes from a smaller line number to a larger one' },
	);

/** Where the preview of a server opens. Each field has a default worked out from the scenario. */
export const PreviewSchema = z.strictObject({
	/**
	 * The name of the port (one of `ports`) the preview shows, when the snippet opens several.
	 * @default the port of the scenario's first request to the snippet's own ports, else the first port
	 */
	port: Name.optional(),
	/**
	 * The path it opens, e.g. `/app/hello?name=kim`.
	 * @default the path of the scenario's first request to that port that expects no error, else `/`
	 */
	path: z.string().startsWith('/', 'a path starting with "/"').optional(),
});

/** Kinds of snippet: they decide what the page offers (a preview and an inspector for servers). */
export const SnippetKind = z.enum(['client', 'server', 'cgi', 'wsgi']);

/** A snippet's manifest, `snippets/<id>/snippet.json`. */
export const ManifestSchema = z.strictObject({
	/** For editors: the JSON schema file. */
	$schema: z.string().optional(),
	/** The folder's name; the MDX chapter refers to the snippet by it. */
	id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
	/** The Korean title shown above the snippet. */
	title: z.string().min(1),
	/** What the snippet is: it decides what the page offers. */
	kind: SnippetKind,
	/** The files the reader sees and edits, in tab order; the first is shown first. */
	files: z.array(RelativePath).min(1),
	/**
	 * Files from `snippets/_shared/` the snippet imports (as `../_shared/<file>`): mounted beside it,
	 * shown read-only, never copied into the snippet folder.
	 */
	shared: z.array(RelativePath).default([]),
	/** Other files in the folder the command needs but the reader need not see first (data, static pages). */
	assets: z.array(RelativePath).default([]),
	/** The command that runs it, relative to the snippet folder, e.g. `["node", "server.mjs"]`. */
	command: Command,
	/** The ports the snippet's server opens (servers, CGI and WSGI); empty for clients. */
	ports: z.array(PortSchema).default([]),
	/**
	 * Ids of other snippets started first, each with its own command and ports, e.g. the stand-in for
	 * `www.example.com` that a client talks to. Their ports are named by their own manifests.
	 */
	services: z.array(z.string()).default([]),
	/** The Python code the snippet mirrors, if there is one. */
	python: PythonSchema.optional(),
	/** Why there is no Python counterpart (Korean, shown in the Python tab) when `python` is absent. */
	withoutPython: z.string().min(1).optional(),
	/** The steps that prove the snippet works: run by the tests, recorded at build, checked in the page. */
	scenario: z.array(StepSchema).min(1),
	/** Where a server's preview opens (servers, CGI and WSGI). Defaults come from the scenario. */
	preview: PreviewSchema.optional(),
	/**
	 * The lines each file's chapter teaches, by file: one of `files` or of the Python tab's
	 * (`python.file`, `python.files`) as written there, or of `shared` or `python.shared` written as
	 * `../_shared/<file>`: `{ "server.mjs": ["24-40"], "server.py": ["20-33"],
	 * "../_shared/http-server.mjs": ["27-35"] }`. The page folds a file's other lines (runs of three
	 * or more) in its tab and in the Python tab alike, so the lines being taught and the output fit
	 * on one screen. A chapter can name other lines with `<Snippet focus={…}>`.
	 */
	focus: z.record(FocusPath, z.array(LineRange).min(1)).default({}),
});

export type Manifest = z.output<typeof ManifestSchema>;
export type Step = z.output<typeof StepSchema>;
export type PortSpec = z.output<typeof PortSchema>;
export type Kind = z.output<typeof SnippetKind>;
export type Preview = z.output<typeof PreviewSchema>;
