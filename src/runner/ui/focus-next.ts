// Moving keyboard focus on, past an element: what Tab would do from its last focusable part. Escape
// in the editor or the terminal uses it, so neither ever holds the focus.
const FOCUSABLE =
	'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), iframe, [tabindex]:not([tabindex="-1"]), [contenteditable="true"]';

export function focusAfter(element: Element): void {
	const all = [...document.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
		(el) => !element.contains(el) && el.getClientRects().length > 0,
	);
	const next = all.find(
		(el) => element.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING,
	);
	if (next) next.focus();
	else (document.activeElement as HTMLElement | null)?.blur();
}
