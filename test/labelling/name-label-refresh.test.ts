// After an upgrade the name labeller knows more words: a library indexed by the older one re-reads its names once,
// on the next scan or when analysis starts (as the app does), and never again while the labeller stays the same.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Library } from '../../src/main/core/library.js';
import { NAME_LABELLER_SETTING } from '../../src/main/labelling/name-labels.js';
import { NAME_LABELLER_VERSION } from '../../src/shared/naming/labeller-version.js';

/** A temporary folder with a 'Samples' folder of these files, removed after the test. */
function sampleFolder(t: TestContext, files: Record<string, string>): { dir: string; samples: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sonoteca-names-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const samples = join(dir, 'Samples');
  mkdirSync(samples);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(samples, name), text);
  return { dir, samples };
}

test('a library labelled by an older name labeller re-reads its names on the next scan, once', async (t) => {
  const { dir, samples } = sampleFolder(t, { 'guit_e_slide.wav': 'not analysed in this test', 'Ocarina_E5.wav': 'not analysed in this test' });
  const library = Library.open(join(dir, 'lib'));
  t.after(() => library.close());
  await library.addRoots([samples]);
  const db = library.db;
  const filenameLabel = (name: string) => db.labels.forSample(db.samples.byPath(join(samples, name))!.id).find((l) => l.source === 'filename')?.category;
  assert.equal(filenameLabel('guit_e_slide.wav'), 'guitar');
  assert.equal(db.settings.get(NAME_LABELLER_SETTING), NAME_LABELLER_VERSION);

  // What an older labeller left behind: one wrong label, one missing, and its own version.
  const guitar = db.samples.byPath(join(samples, 'guit_e_slide.wav'))!.id;
  const ocarina = db.samples.byPath(join(samples, 'Ocarina_E5.wav'))!.id;
  db.labels.set(guitar, 'fx', 'filename', 0.9, { tokens: ['old'] });
  db.labels.clear(ocarina, 'filename');
  db.settings.set(NAME_LABELLER_SETTING, '0.00000000');
  await library.scan();
  assert.equal(filenameLabel('guit_e_slide.wav'), 'guitar');
  assert.equal(filenameLabel('Ocarina_E5.wav'), 'woodwind');
  assert.equal(db.settings.get(NAME_LABELLER_SETTING), NAME_LABELLER_VERSION);

  // Same labeller: an unchanged file's name is not read again (a rescan stays as cheap as a stat).
  db.labels.set(guitar, 'fx', 'filename', 0.9, { tokens: ['kept'] });
  await library.scan();
  assert.equal(filenameLabel('guit_e_slide.wav'), 'fx');
});

test('starting the app (analysis without a scan) also re-reads names an older labeller left behind', async (t) => {
  const { dir, samples } = sampleFolder(t, { 'Mandolin_A4.wav': 'not audio: analysis fails, the name is still read' });
  const libDir = join(dir, 'lib');
  const first = Library.open(libDir);
  await first.addRoots([samples]);
  const id = first.db.samples.byPath(join(samples, 'Mandolin_A4.wav'))!.id;
  first.db.labels.clear(id, 'filename');
  first.db.settings.set(NAME_LABELLER_SETTING, '0.00000000');
  await first.close();

  // Reopened as the app and `serve` do: analysis starts, no scan is asked for.
  const library = Library.open(libDir);
  t.after(() => library.close());
  await library.analyse({ workers: 1 });
  const label = library.db.labels.forSample(id).find((l) => l.source === 'filename');
  assert.equal(label?.category, 'guitar');
  assert.equal(library.db.settings.get(NAME_LABELLER_SETTING), NAME_LABELLER_VERSION);
});
