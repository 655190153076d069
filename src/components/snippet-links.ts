// The share link's fragment, `#share=<snippet id>:<payload>`: read by the shell on page load (to bring
// the shared snippet into view) and by the runner (to decode it: src/runner/ui/share-link.ts).
export const SHARE_PREFIX = '#share=';

/** True when `fragment` (a `location.hash`) is a share link for the snippet `id`. */
export function isShareFor(fragment: string, id: string): boolean {
	return fragment.startsWith(`${SHARE_PREFIX}${id}:`);
}
