#!/usr/bin/env node
// Bundles the core (CLI, workers, Electron shell) and the renderer with esbuild into dist/.
// Runs on `npm install` (prepare) so `npx sonoteca` works right after set-up.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const nodeEntries = {
  'cli/sonoteca': 'src/main/cli/main.ts',
  'cli/analysis-worker': 'src/main/pipeline/analysis-worker.ts',
};

const present = Object.fromEntries(Object.entries(nodeEntries).filter(([, file]) => existsSync(file)));

await build({
  entryPoints: present,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  packages: 'external',
  logLevel: 'warning',
  banner: { js: "import { createRequire as __sonotecaCreateRequire } from 'node:module'; const require = __sonotecaCreateRequire(import.meta.url);" },
});
console.log(`built ${Object.keys(present).length} entries into dist/`);
