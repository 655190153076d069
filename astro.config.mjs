// @ts-check
import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';
import { recordSnippets } from './src/integrations/record-snippets.ts';
import { localRunner } from './src/integrations/local-runner.ts';

/** WebContainers need a cross-origin isolated page (SharedArrayBuffer). */
const isolationHeaders = {
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Cross-Origin-Embedder-Policy': 'require-corp',
};
/** Head entries are not prefixed with `base` by Starlight, so the script URL is built here. */
const basePath = (process.env.BASE_PATH || '').replace(/^\/+|\/+$/g, '');
const isolationScript = basePath ? `/${basePath}/isolation.js` : '/isolation.js';

export default defineConfig({
	// Deployments set these: SITE_URL=https://user.github.io BASE_PATH=/repo (see README).
	// Spread, not `site: undefined`: the config type (exactOptionalPropertyTypes) rejects undefined.
	...(process.env.SITE_URL ? { site: process.env.SITE_URL } : {}),
	base: process.env.BASE_PATH || '/',
	server: { headers: isolationHeaders },
	vite: {
		build: {
			rolldownOptions: {
				// Astro 7 marks every MDX page with a "use astro:head-inject" directive that rolldown warns
				// about once per page (withastro/astro#18087, harmless): ~20 warnings that buried the
				// recording progress `npm start` prints. Every other warning still shows.
				onwarn(warning, warn) {
					if (
						warning.code === 'MODULE_LEVEL_DIRECTIVE' &&
						warning.message.includes('astro:head-inject')
					)
						return;
					warn(warning);
				},
			},
		},
	},
	// Astro's dev toolbar sits over the home page's table of contents; authors who want it run
	// `DEV_TOOLBAR=1 npm run dev` (README).
	devToolbar: { enabled: process.env.DEV_TOOLBAR === '1' },
	integrations: [
		recordSnippets(),
		localRunner(),
		starlight({
			title: { ko: '손으로 배우는 웹의 원리', en: 'How the Web Works, Hands On' },
			description: 'HTTP, 클라이언트, 서버, CGI, WSGI를 브라우저에서 직접 실행하며 배우는 교과서',
			defaultLocale: 'root',
			locales: {
				root: { label: '한국어', lang: 'ko' },
				en: { label: 'English', lang: 'en' },
			},
			customCss: ['./src/styles/korean-fonts.css', './src/styles/book.css'],
			// Each chapter's count of passed exercises beside its sidebar link: the badge at build (the
			// route middleware), the reader's count by a script the Sidebar override adds to every page.
			routeMiddleware: './src/route-data/exercise-counts.ts',
			components: { Sidebar: './src/components/overrides/Sidebar.astro' },
			head: [
				// Marks the page as scripted before first paint, so snippet panels become tabs without a jump.
				{ tag: 'script', content: "document.documentElement.classList.add('js')" },
				// Hosts that cannot send COOP/COEP (GitHub Pages) get them from a service worker: public/isolation.js.
				{ tag: 'script', attrs: { src: isolationScript } },
			],
			sidebar: [
				{
					label: '1. 웹 프로그래밍의 이해',
					translations: { en: '1. Understanding web programming' },
					items: [{ autogenerate: { directory: '01-web' } }],
				},
				{
					label: '2. 웹 클라이언트 라이브러리',
					translations: { en: '2. Web client libraries' },
					items: [{ autogenerate: { directory: '02-client' } }],
				},
				{
					label: '3. 웹 서버 라이브러리',
					translations: { en: '3. Web server libraries' },
					items: [{ autogenerate: { directory: '03-server' } }],
				},
				{
					label: '4. CGI와 WSGI',
					translations: { en: '4. CGI and WSGI' },
					items: [{ autogenerate: { directory: '04-cgi-wsgi' } }],
				},
				{
					label: '정리',
					translations: { en: 'Summary' },
					items: [{ autogenerate: { directory: '05-summary' } }],
				},
			],
		}),
	],
});
