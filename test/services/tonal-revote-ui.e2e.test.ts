// In a real browser: a tonal sound whose label came from the second vote (embedding joined with descriptors) says so
// in the inspector, with what the sound model alone said, above the voters that decided.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { Library } from '../../src/main/core/library.js';
import { classifyLibrary } from '../../src/main/services/classify.js';
import { loadEmbedder } from '../../src/main/ml/embedder.js';
import { synthesize } from '../../src/main/synth/index.js';
import type { RunningServer } from '../../src/main/serve/start-server.js';
import { inspectRow, openUi, type UiSession } from '../e2e/browser.js';
import { writeWavFixture } from '../support/audio-fixtures.js';
import { revoteTrapSets } from './tonal-revote-fixture.js';

let base: string;
let library: Library;
let server: RunningServer;
let ui: UiSession;
let page: Page;

before(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'sonoteca-revote-ui-')));
  const root = join(base, 'Samples');
  await mkdir(root, { recursive: true });
  for (const [name, spec] of [['take 1.wav', { category: 'organ', seed: 31, midi: 60 }], ['take 2.wav', { category: 'kick', seed: 32 }]] as const) {
    const s = synthesize({ ...spec, sampleRate: 44100 });
    writeWavFixture(join(root, name), s.channels, s.sampleRate);
  }
  library = Library.open(join(base, 'lib'));
  await library.addRoots([root]);
  await library.analyse({ workers: 1 });
  const embedder = await loadEmbedder();
  const organ = library.db.samples.byPath(join(root, 'take 1.wav'))!.id;
  const kick = library.db.samples.byPath(join(root, 'take 2.wav'))!.id;
  const { embedding, descriptors } = await revoteTrapSets(library.db, embedder, organ, kick);
  await classifyLibrary(library.db, { builtin: [embedding, descriptors], vectors: 'embedding', embedder });
  embedder.dispose();
  ui = await openUi(library, join(base, 'ui'), { autoAnalyse: false, viewport: { width: 1440, height: 860 } });
  ({ server, page } = ui);
});

after(async () => {
  await ui?.close();
  await library?.close();
  if (base) await rm(base, { recursive: true, force: true });
});

test('the inspector explains a second-vote label: what the sound model alone said, then the deciding voters', async () => {
  await page.goto(server.url);
  await inspectRow(page, 'take 1.wav', 'strings');
  assert.match(await page.getByTestId('why-second-vote').innerText(), /sound model alone said keys/);
  const voters = await page.locator('.why .neighbours li').allInnerTexts();
  assert.match(voters[0], /strings\s+built-in: synth\/strings-twin/);
});
