// bin/sonoteca.js, what `npx sonoteca` runs: it runs the built CLI, says when src/ is newer than that build (a pull
// without `npm install` would otherwise run old code silently), and says how to build when there is none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { REPO } from '../support/run-cli.js';

test('the launcher runs the build, warns when src/ changed after it, and explains a missing build', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sonoteca-bin-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'bin'));
  mkdirSync(join(dir, 'dist', 'cli'), { recursive: true });
  mkdirSync(join(dir, 'src', 'main'), { recursive: true });
  copyFileSync(join(REPO, 'bin', 'sonoteca.js'), join(dir, 'bin', 'sonoteca.js'));
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n');
  const bundle = join(dir, 'dist', 'cli', 'sonoteca.js');
  const source = join(dir, 'src', 'main', 'library.ts');
  writeFileSync(bundle, "console.log('the built CLI ran');\n");
  writeFileSync(source, 'export {};\n');
  const run = () => spawnSync(process.execPath, [join(dir, 'bin', 'sonoteca.js')], { encoding: 'utf8' });
  const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);

  at(source, 1_700_000_000);
  at(bundle, 1_700_000_100);
  const fresh = run();
  assert.equal(fresh.status, 0, fresh.stderr);
  assert.equal(fresh.stdout, 'the built CLI ran\n');
  assert.equal(fresh.stderr, '');

  at(source, 1_700_000_200);
  const stale = run();
  assert.equal(stale.status, 0, stale.stderr);
  assert.equal(stale.stdout, 'the built CLI ran\n');
  assert.match(stale.stderr, /src\/ has changed since the CLI was built; .*`npm run build` updates it/);

  // A src/ the check cannot read through (here a dangling link; a vanished file or a denied folder alike) skips
  // the warning; the CLI still runs.
  const dangling = join(dir, 'src', 'main', 'gone.ts');
  symlinkSync(join(dir, 'nowhere.ts'), dangling);
  const unreadable = run();
  rmSync(dangling);
  assert.equal(unreadable.status, 0, unreadable.stderr);
  assert.equal(unreadable.stdout, 'the built CLI ran\n');
  assert.equal(unreadable.stderr, '');

  rmSync(bundle);
  const missing = run();
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /the CLI is not built yet — run `npm install` \(or `npm run build`\)/);
});
