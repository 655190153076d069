export declare const SOURCE_DIRS: string[];
export declare const SOURCE_FILES: string[];
export declare const SOURCE_ENV: string[];
export declare function siteSources(root: string): string[];
export declare function sourcesHash(
	root: string,
	options?: { env?: Record<string, string | undefined>; extra?: string[] },
): string;
