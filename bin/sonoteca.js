#!/usr/bin/env node
// `npx sonoteca …`: runs the bundled CLI that `npm install` (prepare) built into dist/.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const built = fileURLToPath(new URL('../dist/cli/sonoteca.js', import.meta.url));
if (!existsSync(built)) {
  console.error('sonoteca: the CLI is not built yet — run `npm install` (or `npm run build`) in the repository first');
  process.exit(1);
}

/** Newest modification time of any file under `dir` (a few hundred stats: about a millisecond). */
function newestUnder(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestUnder(path) : statSync(path).mtimeMs);
  }
  return newest;
}

// A checkout updated since the last build (a pull without `npm install`) would otherwise run the old code silently.
const src = fileURLToPath(new URL('../src', import.meta.url));
let stale = false;
try {
  stale = existsSync(src) && newestUnder(src) > statSync(built).mtimeMs;
} catch {
  // An unreadable or changing src/ is only a reason not to warn, never to refuse to run.
}
if (stale) console.error('sonoteca: src/ has changed since the CLI was built; this runs the older build — `npm run build` updates it');
await import(new URL('../dist/cli/sonoteca.js', import.meta.url).href);
