// Environment variables the browser code reads at build time (Astro exposes `PUBLIC_*` ones).
interface ImportMetaEnv {
	/**
	 * The site's WebContainer API key (client id) from StackBlitz's API console, bound there to the
	 * sites allowed to use it. Optional: without it, boots outside localhost may be refused.
	 */
	readonly PUBLIC_WEBCONTAINER_CLIENT_ID?: string;
}
