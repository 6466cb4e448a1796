#!/usr/bin/env node
// Bundles everything into dist/ with esbuild: the CLI (dist/cli), the renderer (dist/renderer) and the Electron shell
// (dist/app). Workers are emitted next to each bundle that starts them, because a bundle resolves its workers
// relative to itself. Runs on `npm install` (prepare) so `npx sonoteca` works right after set-up.
import { build } from 'esbuild';
import { buildUi, buildElectron } from './build-ui.mjs';

/** Worker entry points, loaded by `new URL('./<name>.ts', import.meta.url)` → `<name>.js` in a bundle. */
export const WORKERS = {
  'analysis-worker': 'src/main/pipeline/analysis-worker.ts',
  'map-worker-entry': 'src/main/intelligence/map-worker-entry.ts',
  'kmeans-worker-entry': 'src/main/intelligence/kmeans-worker-entry.ts',
  'personal-head-worker': 'src/main/services/personal-head-worker.ts',
  'walk-worker': 'src/main/scan/walk-worker.ts',
};

const nodeBundle = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  packages: 'external',
  logLevel: 'warning',
  banner: { js: "import { createRequire as __sonotecaCreateRequire } from 'node:module'; const require = __sonotecaCreateRequire(import.meta.url);" },
};

await build({ ...nodeBundle, entryPoints: { sonoteca: 'src/main/cli/main.ts', ...WORKERS }, outdir: 'dist/cli' });
await buildUi();
const appDir = await buildElectron();
await build({ ...nodeBundle, external: ['electron'], entryPoints: WORKERS, outdir: appDir });
console.log('built dist/cli, dist/renderer and dist/app');
