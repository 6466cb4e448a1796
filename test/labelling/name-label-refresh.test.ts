// After an upgrade the name labeller knows more words: a library indexed by the older one re-reads its names once,
// on the next scan, and never again while the labeller stays the same.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Library } from '../../src/main/core/library.js';
import { NAME_LABELLER_SETTING } from '../../src/main/labelling/name-labels.js';
import { NAME_LABELLER_VERSION } from '../../src/shared/naming/labeller-version.js';

test('a library labelled by an older name labeller re-reads its names on the next scan, once', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sonoteca-names-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const samples = join(dir, 'Samples');
  mkdirSync(samples);
  writeFileSync(join(samples, 'guit_e_slide.wav'), 'not analysed in this test');
  writeFileSync(join(samples, 'Ocarina_E5.wav'), 'not analysed in this test');
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
