/** Where the CLI bundle is written. */
export const CLI_DIR: string;
/** The CLI bundle. */
export const CLI_BUNDLE: string;
/** Build the bundle; resolves to its path. */
export function buildCli(): Promise<string>;
/** The bundle's path, built first when missing or older than a file it was built from. */
export function ensureCli(options?: { quiet?: boolean }): Promise<string>;
/** Remove the bundle. */
export function cleanCli(): void;
/** Bundle the benchmarks; resolves to dist-cli/bench.mjs. */
export function buildBench(): Promise<string>;
