#!/usr/bin/env node
// `npx sonoteca …`: runs the bundled CLI that `npm install` (prepare) built into dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist/cli/sonoteca.js', import.meta.url);
if (!existsSync(fileURLToPath(built))) {
  console.error('sonoteca: the CLI is not built yet — run `npm install` (or `npm run build`) in the repository first');
  process.exit(1);
}
await import(built.href);
