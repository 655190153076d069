// A live runtime's output made into what the same program prints into a pipe, so a scenario's
// expectations mean the same on every runtime: colour and cursor escapes removed (the local runtime
// asks for colours, a WebContainer's terminal gets them anyway) and, from a pseudo-terminal (a
// WebContainer), its LF → CRLF translation undone. Chunk boundaries may split either.

export interface OutputFilter {
	/** Takes the next chunk; returns the text that is complete so far. */
	write(chunk: string): string;
	/** Returns whatever was held back (the process ended). */
	end(): string;
}

// eslint-disable-next-line no-control-regex
const ESCAPES = /\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][0-9A-Za-z]|\x1b[=>]/g;

export function createOutputFilter({ terminal }: { terminal: boolean }): OutputFilter {
	let carry = '';
	return {
		write(chunk) {
			let text = carry + chunk;
			carry = '';
			// Hold back what may be the start of a sequence that the next chunk completes.
			const partial = terminal
				? // eslint-disable-next-line no-control-regex
					/(?:\r|\x1b(?:\[[0-9;?]*|[()])?)$/.exec(text)
				: // eslint-disable-next-line no-control-regex
					/\x1b(?:\[[0-9;?]*|[()])?$/.exec(text);
			if (partial) {
				carry = partial[0];
				text = text.slice(0, partial.index);
			}
			text = text.replace(ESCAPES, '');
			// The terminal turned each LF into CR LF; a program's own CR LF arrived as CR CR LF.
			return terminal ? text.replace(/\r\n/g, '\n') : text;
		},
		end() {
			const rest = carry;
			carry = '';
			return rest;
		},
	};
}
