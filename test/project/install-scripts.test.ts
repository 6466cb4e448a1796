// npm is making dependency install scripts opt-in (the `allowScripts` field; enforced from npm 12). Sonoteca needs
// some of them — better-sqlite3 compiles its native module on install — so every dependency in the lockfile that
// has an install script must carry an explicit decision, or a future npm would skip it silently and the app would
// fail at run time instead of at install.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { allowScripts?: Record<string, boolean> };
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean }> };

/** `node_modules/a/node_modules/@scope/b` → `@scope/b`. */
const packageName = (lockPath: string): string => lockPath.slice(lockPath.lastIndexOf('node_modules/') + 'node_modules/'.length);

test('every locked dependency with an install script has an allowScripts decision', () => {
  const decided = pkg.allowScripts ?? {};
  const withScripts = Object.entries(lock.packages).filter(([path, meta]) => path && meta.hasInstallScript).map(([path]) => packageName(path));
  assert.ok(withScripts.includes('better-sqlite3'), 'the lockfile should list better-sqlite3 as having an install script');
  const undecided = [...new Set(withScripts)].filter((name) => typeof decided[name] !== 'boolean');
  assert.deepEqual(undecided, [], `add these to package.json "allowScripts" (true to run their install script, false to skip it): ${undecided.join(', ')}`);
});

test('the install scripts the app cannot run without are allowed', () => {
  // better-sqlite3: the native SQLite module; tfjs-node: fetches libtensorflow where it can (optional accelerator).
  for (const name of ['better-sqlite3', '@tensorflow/tfjs-node']) assert.equal(pkg.allowScripts?.[name], true, `${name} must be allowed`);
});
