// The second vote for tonal sounds: cast in the embedding joined with descriptors, it can overrule the embedding
// alone, says so in the label's evidence, and needs the built-in set's descriptor twin to run at all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Library } from '../../src/main/core/library.js';
import { classifyLibrary, predictSample, setUserLabel } from '../../src/main/services/classify.js';
import { loadEmbedder, type Embedder } from '../../src/main/ml/embedder.js';
import { synthesize } from '../../src/main/synth/index.js';
import { writeWavFixture } from '../support/audio-fixtures.js';
import { revoteTrapSets } from './tonal-revote-fixture.js';

let dir: string;
let library: Library;
let embedder: Embedder;
let organ: number;
let kick: number;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sonoteca-tonal-revote-'));
  const samples = join(dir, 'samples');
  mkdirSync(samples);
  const sounds = { 'take 1.wav': synthesize({ category: 'organ', seed: 31, midi: 60, sampleRate: 44100 }), 'take 2.wav': synthesize({ category: 'kick', seed: 32, sampleRate: 44100 }) };
  for (const [name, s] of Object.entries(sounds)) writeWavFixture(join(samples, name), s.channels, s.sampleRate);
  library = Library.open(join(dir, 'lib'));
  await library.addRoots([samples]);
  await library.analyse({ workers: 1 });
  organ = library.db.samples.byPath(join(samples, 'take 1.wav'))!.id;
  kick = library.db.samples.byPath(join(samples, 'take 2.wav'))!.id;
  embedder = await loadEmbedder();
});

after(async () => {
  embedder.dispose();
  await library.close();
  rmSync(dir, { recursive: true, force: true });
});

const trapSets = () => revoteTrapSets(library.db, embedder, organ, kick);

test('a sound the embedding calls tonal is voted again with descriptors, which can overrule it', async () => {
  const { embedding, descriptors } = await trapSets();
  const report = await classifyLibrary(library.db, { builtin: [embedding, descriptors], vectors: 'embedding', embedder });
  assert.ok(report.tonalRevote.voted >= 1 && report.tonalRevote.changed >= 1, JSON.stringify(report.tonalRevote));
  const label = library.db.labels.forSample(organ).find((l) => l.source === 'model')!;
  assert.equal(label.category, 'strings');
  const evidence = label.evidence as { vector: string; firstVote: string; neighbours: Array<{ path: string; label: string }> };
  assert.equal(evidence.vector, 'embedding+descriptors');
  assert.equal(evidence.firstVote, 'keys', 'the embedding alone said keys');
  assert.equal(evidence.neighbours[0].path, 'builtin:synth/strings-twin', 'the explanation shows the voters of the joined space');
  const p = await predictSample(library.db, organ);
  assert.equal(p.space, 'embedding+descriptors');
  assert.equal(p.category, 'strings');
});

test('without the descriptor twin of the built-in set there is no second vote', async () => {
  const { embedding } = await trapSets();
  const report = await classifyLibrary(library.db, { builtin: [embedding], vectors: 'embedding', embedder });
  assert.deepEqual(report.tonalRevote, { voted: 0, changed: 0 });
  const label = library.db.labels.forSample(organ).find((l) => l.source === 'model')!;
  assert.equal(label.category, 'keys');
  assert.equal((label.evidence as { vector: string }).vector, 'embedding');
});

test("the user's correction joins the second vote at once", async () => {
  const { embedding, descriptors } = await trapSets();
  await classifyLibrary(library.db, { builtin: [embedding, descriptors], vectors: 'embedding', embedder });
  // Three references in all, so every one votes: the user's label is among the joined vote's voters at once.
  await setUserLabel(library.db, kick, 'organ');
  const p = await predictSample(library.db, organ);
  assert.equal(p.space, 'embedding+descriptors');
  assert.ok(p.neighbours.some((n) => n.id === kick && n.source === 'user'), `voters: ${JSON.stringify(p.neighbours)}`);
  await setUserLabel(library.db, kick, null);
  const after = await predictSample(library.db, organ);
  assert.ok(!after.neighbours.some((n) => n.source === 'user'), 'removing the label removes it from the second vote');
});
