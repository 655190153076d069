// Where the page scrolls on Run: the output on screen, the Run row kept in view.
import { describe, expect, it } from 'vitest';
import { revealScroll } from '../../src/components/snippet-reveal.ts';

const screen = { top: 64, bottom: 800 };

describe('revealing the output on Run', () => {
	it('does not scroll when enough of the output is on screen already', () => {
		expect(
			revealScroll({
				...screen,
				keep: { top: 100, bottom: 150 },
				show: { top: 500, bottom: 900 },
				wanted: 160,
			}),
		).toBe(0);
	});

	it('scrolls down just enough to show the wanted part of the output', () => {
		const d = revealScroll({
			...screen,
			keep: { top: 300, bottom: 350 },
			show: { top: 760, bottom: 1100 },
			wanted: 160,
		});
		expect(d).toBe(760 + 160 + 12 - 800);
		// The Run row is still under the header afterwards.
		expect(300 - d).toBeGreaterThanOrEqual(64);
	});

	it('never scrolls the Run row away: when both cannot fit, the Run row goes to the top', () => {
		const d = revealScroll({
			...screen,
			keep: { top: 200, bottom: 250 },
			show: { top: 1200, bottom: 1500 },
			wanted: 160,
		});
		expect(d).toBe(200 - 64 - 12);
	});

	it('scrolls up to a Run row above the screen (Ctrl+Enter deep in a long editor)', () => {
		const d = revealScroll({
			...screen,
			keep: { top: -300, bottom: -250 },
			show: { top: 100, bottom: 400 },
			wanted: 160,
		});
		expect(d).toBe(-300 - 64 - 12);
		expect(100 - d + 160).toBeLessThanOrEqual(800);
	});

	it('asks no more of a small output than its height', () => {
		expect(
			revealScroll({
				...screen,
				keep: { top: 100, bottom: 150 },
				show: { top: 700, bottom: 760 },
				wanted: 160,
			}),
		).toBe(0);
	});
});
