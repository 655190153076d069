// How far to scroll so that the output of a Run is on screen while the Run row stays in view. Pure
// (boxes in, pixels out) so that it is tested without a browser.

export interface RevealBoxes {
	/** The top of the visible area (under the site's fixed header). */
	top: number;
	/** The bottom of the visible area. */
	bottom: number;
	/** The row that must stay in view (the one with the Run button). */
	keep: { top: number; bottom: number };
	/** The box to show (the output). */
	show: { top: number; bottom: number };
	/** How much of `show` must be on screen, in pixels (less if it is smaller). */
	wanted: number;
}

/** Space kept between a revealed box and the screen's edges. */
const MARGIN = 12;

/**
 * The distance to scroll down (negative: up) so that `wanted` pixels of `show` are visible and `keep`
 * stays below `top`; 0 when both hold already. When the screen cannot hold both, the Run row wins: it
 * goes to the top, which shows as much of the output as the screen allows.
 */
export function revealScroll(b: RevealBoxes): number {
	const wanted = Math.min(b.wanted, b.show.bottom - b.show.top);
	// Scrolling by d moves every box up by d.
	const atLeast = b.show.top + wanted + MARGIN - b.bottom; // to see enough of the output
	const atMost = b.keep.top - b.top - MARGIN; // to keep the Run row in view
	const keepHidden = b.keep.bottom > b.bottom; // the Run row is below the screen
	if (atLeast <= 0 && atMost >= 0 && !keepHidden) return 0;
	if (atLeast <= atMost) return atLeast > 0 ? atLeast : Math.min(0, atMost);
	return atMost;
}
