// Service worker for static hosts that cannot send headers (GitHub Pages, `python3 -m http.server`):
// it adds Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy to this site's own responses,
// so that pages become cross-origin isolated (SharedArrayBuffer, which WebContainers need).
// Registered by isolation.js only when the page is not isolated already. It caches nothing: every
// request still goes to the network (and the browser's HTTP cache) exactly as it would without it.

const ISOLATION_HEADERS = {
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Cross-Origin-Embedder-Policy': 'require-corp',
};

// Take over at once: isolation.js reloads the page as soon as this worker is active, and that
// reload must already go through it.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
	const request = event.request;
	// Other origins are left alone: their own headers decide (COEP requires CORP or CORS from them).
	if (new URL(request.url).origin !== self.location.origin) return;
	// Chromium throws on this combination when the request is re-issued from a worker.
	if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
	event.respondWith(withIsolationHeaders(request));
});

/** Fetches `request` and returns the response with the two headers added, body streamed as is. */
async function withIsolationHeaders(request) {
	const response = await fetch(request);
	// Redirects seen by a navigation are opaque and must be returned untouched; the browser follows
	// them with a new request that comes back here. Error responses (status 0) cannot be rebuilt.
	if (response.type === 'opaqueredirect' || response.status === 0) return response;
	const headers = new Headers(response.headers);
	for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
	return new Response(response.body, {
		status: response.status,
		statusText: response.statusText,
		headers,
	});
}
