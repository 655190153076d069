// The raw HTTP inspector's helper, mounted beside the snippets and run by Node inside the runtime.
// The page cannot reach a WebContainer's server itself, so this sends the request over a plain TCP
// socket and prints what went out and what came back as one JSON line. Node 20 built-ins only.
// The line is ASCII (every other character escaped as \uXXXX) and written whole: a WebContainer
// (1.6.4) decodes each chunk of output on its own, so a character of Korean text split between two
// chunks would arrive as U+FFFD, while an escape survives any split.
//
// Usage: node inspect-helper.mjs <base64url JSON {port, raw, timeoutMs}>
import { connect } from 'node:net';

const MARK = '@@inspect ';
const input = JSON.parse(Buffer.from(process.argv[2] ?? '', 'base64url').toString('utf8'));
const started = Date.now();
const chunks = [];
let finished = false;

function finish(error) {
	if (finished) return;
	finished = true;
	const response = Buffer.concat(chunks).toString('utf8');
	const result = { request: input.raw, response, ms: Date.now() - started };
	if (error && !response) result.error = error;
	const line = JSON.stringify(result).replace(
		/[^\x20-\x7e]/g,
		(c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
	);
	process.stdout.write(MARK + line + '\n', () => process.exit(0));
}

const socket = connect({ host: '127.0.0.1', port: input.port });
const timer = setTimeout(() => {
	socket.destroy();
	finish(`timeout: no answer within ${input.timeoutMs} ms`);
}, input.timeoutMs ?? 5000);
socket.on('connect', () => socket.write(input.raw, 'utf8'));
socket.on('data', (chunk) => chunks.push(chunk));
socket.on('error', (error) => {
	clearTimeout(timer);
	finish(error.code ?? error.message);
});
socket.on('close', () => {
	clearTimeout(timer);
	finish();
});
