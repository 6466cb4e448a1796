#!/usr/bin/env node
// Bundles the React renderer with esbuild into dist/renderer (index.html, app.js, app.css) and the Electron shell
// into dist/app; scripts/build.mjs calls buildUi() / buildElectron(), running this file directly builds both.
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export async function buildUi({ outdir = join(root, 'dist/renderer'), minify = true } = {}) {
  await mkdir(outdir, { recursive: true });
  await build({
    entryPoints: { app: join(root, 'src/renderer/main.tsx') },
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome120'],
    jsx: 'automatic',
    minify,
    sourcemap: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  await copyFile(join(root, 'src/renderer/styles.css'), join(outdir, 'app.css'));
  await copyFile(join(root, 'src/renderer/index.html'), join(outdir, 'index.html'));
  return outdir;
}

/**
 * Bundles the Electron shell: main and the core host as ESM for Node, the preload as CommonJS (sandboxed preloads
 * cannot be modules). Output sits next to dist/renderer so the shell finds the UI at ../renderer.
 */
export async function buildElectron({ outdir = join(root, 'dist/app') } = {}) {
  const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', external: ['electron'] };
  await build({
    ...common,
    entryPoints: { 'electron-main': join(root, 'src/main/app/electron-main.ts'), 'core-host': join(root, 'src/main/app/core-host.ts') },
    outdir,
    format: 'esm',
    packages: 'external',
    banner: { js: "import { createRequire as __sonotecaCreateRequire } from 'node:module'; const require = __sonotecaCreateRequire(import.meta.url);" },
  });
  await build({ ...common, entryPoints: { preload: join(root, 'src/main/app/preload.ts') }, outdir, format: 'cjs', outExtension: { '.js': '.cjs' } });
  return outdir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = await buildUi();
  const shell = await buildElectron();
  console.log(`built the UI into ${out} and the Electron shell into ${shell}`);
}
