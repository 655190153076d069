// The preview: a snippet's server, reached through the book's own origin so the page can frame it.
// Only ports the session's runs really listen on are proxied, to the loopback address they listen
// on, and every answer is sandboxed (`Content-Security-Policy: sandbox`): the snippet's page runs
// scripts in an opaque origin, so it can neither read the book's storage nor call the endpoint (its
// requests carry `Origin: null`).
// Cookies are stripped both ways (no snippet teaches them), so a snippet can set none on the
// book's host and sees none of the book's.
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { TOKEN_HEADER } from '../../runner/protocol.ts';
import { HOP_HEADER, PEER_HEADER } from './caller.ts';

export const PREVIEW_POLICY = 'sandbox allow-scripts allow-forms allow-popups';

/** Request headers that are ours or the book's, never the snippet's business. */
const DROPPED_REQUEST = new Set([
	'cookie',
	'accept-encoding',
	TOKEN_HEADER,
	HOP_HEADER,
	PEER_HEADER,
	'x-forwarded-for',
	'x-forwarded-host',
	'x-forwarded-port',
	'x-forwarded-proto',
]);
/** Response headers that would act on the book's origin. */
const DROPPED_RESPONSE = new Set(['set-cookie', 'clear-site-data']);

/**
 * Forwards `req` to the snippet's server, at the loopback address where the run listens, as
 * `path`. `mount` is where the proxy serves that port (so redirects to `/x` stay inside it).
 */
export function proxyToSnippet(
	{ address, port }: { address: string; port: number },
	path: string,
	mount: string,
	req: IncomingMessage,
	res: ServerResponse,
): void {
	const headers: Record<string, string | string[]> = {};
	for (const [name, value] of Object.entries(req.headers)) {
		if (value !== undefined && !DROPPED_REQUEST.has(name)) headers[name] = value;
	}
	headers['host'] = `localhost:${port}`;
	const upstream = httpRequest(
		{ host: address, port, method: req.method, path, headers },
		(answer) => {
			const out: Record<string, string | string[]> = {};
			for (const [name, value] of Object.entries(answer.headers)) {
				if (value !== undefined && !DROPPED_RESPONSE.has(name)) out[name] = value;
			}
			// A snippet's own policy still applies; ours is added to it, never replaced.
			const own = [answer.headers['content-security-policy'] ?? []].flat();
			out['content-security-policy'] = [...own, PREVIEW_POLICY];
			// The page is cross-origin isolated: a framed document must opt in to be embedded, and the
			// sandboxed document (an opaque origin) loads its own styles and images cross-origin.
			out['cross-origin-embedder-policy'] = 'require-corp';
			out['cross-origin-resource-policy'] = 'cross-origin';
			const location = answer.headers.location;
			if (location?.startsWith('/') && !location.startsWith('//'))
				out['location'] = mount + location;
			res.writeHead(answer.statusCode ?? 502, answer.statusMessage, out);
			answer.pipe(res);
		},
	);
	upstream.on('error', (error) => {
		if (!res.headersSent)
			res.writeHead(502, {
				'content-type': 'text/plain; charset=utf-8',
				'content-security-policy': PREVIEW_POLICY,
			});
		res.end(`미리보기 프록시가 포트 ${port}에 연결하지 못했습니다: ${error.message}\n`);
	});
	req.pipe(upstream);
}
