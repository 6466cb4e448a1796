// Types for build-ui.mjs so TypeScript callers (scripts, tests) get checked signatures.
export function buildUi(opts?: { outdir?: string; minify?: boolean }): Promise<string>;
export function buildElectron(opts?: { outdir?: string }): Promise<string>;
