// End to end: the user tags kicks in two kinds of their own; the core learns them in the background (worker thread)
// and the report view's status line follows over the event stream; Reset turns it off again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, realpath, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { Library } from '../../src/main/core/library.js';
import type { RunningServer } from '../../src/main/serve/start-server.js';
import { personalHeadPath } from '../../src/main/services/personal-head.js';
import { openUi, type UiSession } from './browser.js';
import { writeFixture } from './fixture-sounds.js';

let base: string;
let server: RunningServer;
let library: Library;
let ui: UiSession;
let page: Page;

before(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'sonoteca-e2e-head-')));
  const root = join(base, 'Pack');
  await mkdir(root, { recursive: true });
  for (let i = 1; i <= 6; i++) await writeFixture(join(root, `k${i}.wav`), 'kick', i);
  for (let i = 1; i <= 4; i++) await writeFixture(join(root, `s${i}.wav`), 'snare', i);
  library = Library.open(join(base, 'lib'), { classify: true });
  await library.addRoots([root]);
  await library.analyse({ workers: 1 });
  ui = await openUi(library, join(base, 'ui'));
  ({ server, page } = ui);
});

after(async () => {
  await ui?.close();
  await library?.close();
  await rm(base, { recursive: true, force: true });
});

test('tagging trains personal similarity in the background; the status line follows and Reset forgets it', async () => {
  await page.goto(server.url);
  await page.getByTestId('tab-report').click();
  const text = page.getByTestId('personal-head-text');
  await text.waitFor();
  assert.match(await text.innerText(), /^off — label or tag at least 3 sounds/);

  const id = (name: string) => library.db.samples.byPath(join(base, 'Pack', name))!.id;
  await server.api.call('tags.add', { ids: ['k1.wav', 'k2.wav', 'k3.wav'].map(id), names: ['boomy'] });
  await server.api.call('tags.add', { ids: ['k4.wav', 'k5.wav', 'k6.wav'].map(id), names: ['tight'] });
  await page.waitForFunction(() => /trained on 6 labels in 2 classes/.test(document.querySelector('[data-testid="personal-head-text"]')?.textContent ?? ''), undefined, { timeout: 120_000 });
  assert.ok((await stat(personalHeadPath(library.db))).size > 0);
  assert.match(await page.getByTestId('personal-head').getAttribute('title') ?? '', /boomy \(3\)/);

  await page.getByTestId('personal-head-reset').click();
  await page.getByTestId('personal-head-train').waitFor({ timeout: 30_000 });
  assert.match(await text.innerText(), /^off/);
  await assert.rejects(stat(personalHeadPath(library.db)), /ENOENT/);
});
