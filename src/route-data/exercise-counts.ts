// Starlight route middleware: every sidebar link to a chapter with exercises gets a badge with the
// chapter's count ("0/2", at build) and, in `data-exercises`, the chapter's exercises with their
// hashes. The counts a reader has passed live only in their browser, so a small script updates the
// badge's text (src/runner/ui/exercise/sidebar-progress.ts); the badge is there from the first paint,
// so nothing in the sidebar moves when it does.
import { defineRouteMiddleware, type StarlightRouteData } from '@astrojs/starlight/route-data';
import { exerciseIndex } from '../lib/exercises/bundle.ts';

type Entry = StarlightRouteData['sidebar'][number];

export const onRequest = defineRouteMiddleware((context) => {
	const index = exerciseIndex();
	const chapters = Object.keys(index);
	const visit = (entries: Entry[]) => {
		for (const entry of entries) {
			if (entry.type === 'group') {
				visit(entry.entries);
				continue;
			}
			const path = entry.href.replace(/[?#].*$/, '').replace(/\/?$/, '/');
			const chapter = chapters.find((c) => path.endsWith(`/${c}/`));
			const exercises = chapter ? index[chapter] : undefined;
			if (!exercises) continue;
			entry.badge = { text: `0/${exercises.length}`, variant: 'default', class: 'exercise-count' };
			entry.attrs = { ...entry.attrs, 'data-exercises': JSON.stringify(exercises) };
		}
	};
	visit(context.locals.starlightRoute.sidebar);
});
