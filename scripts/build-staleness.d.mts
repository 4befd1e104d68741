export declare const SOURCES: readonly string[];
export declare const BUILT: readonly string[];
/** Why the build in `root` is out of date (a sentence), or null when it is fresh. */
export declare function staleness(root: string): string | null;
