// How this project starts Debian's Chromium, for the browser tests and the bench. Plain JS so that
// `scripts/bench.mjs` can import it too. The flags keep Chromium from reaching for the network,
// which this machine does not have (it would log failures and slow every start).

/** The browser: Debian's `chromium` package unless CHROME_PATH names another. */
export const chromiumPath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
];
