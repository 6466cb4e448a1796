import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { REPO } from '../support/run-cli.js';
import { join } from 'node:path';
import { writeAiffFixture } from '../support/audio-fixtures.js';
import { arpeggio } from '../support/signals.js';
import { SR, buildFixtureLibrary, keysVar, kickVar, snareVar, writeWav, type FixtureLibrary } from './fixture-library.js';
import { classifyLibrary, predictSample, setUserLabel } from '../../src/main/services/classify.js';
import { findDuplicates } from '../../src/main/services/duplicates.js';
import { exportLabels, importLabels, parseCsv } from '../../src/main/services/labels-csv.js';
import { findSimilar } from '../../src/main/services/similar.js';
import { clusterLibrary } from '../../src/main/services/clusters.js';
import { libraryMap } from '../../src/main/services/library-map.js';
import { libraryReport } from '../../src/main/services/quality-report.js';
import { FILENAME_REFERENCE_CONFIDENCE } from '../../src/main/services/library-references.js';
import { exportEmbeddings } from '../../src/main/services/embeddings-export.js';

/** A short pitched blip that is none of the named kinds: what a correction has to teach. */
function blip(gain: number): Float32Array {
  const x = new Float32Array(Math.round(0.12 * SR));
  for (let n = 0; n < x.length; n++) x[n] = gain * Math.sin((2 * Math.PI * 1250 * n) / SR) * Math.exp((-n / SR) * 40);
  return x;
}

let fx: FixtureLibrary;
const id = (role: string) => fx.library.db.samples.byPath(fx.paths[role])!.id;

before(async () => {
  fx = await buildFixtureLibrary((dir) => {
    const p = (name: string) => join(dir, name);
    writeWav(p('a8f3.wav'), kickVar(7));
    writeWav(p('k77.wav'), keysVar(2.5)); // between two named pianos' pitches
    writeWav(p('q1.wav'), blip(0.6));
    writeWav(p('q2.wav'), blip(0.55));
    // Exact copy: Snare 03's audio again, as AIFF under another name.
    writeAiffFixture(p('zz copy.aif'), [snareVar(2)], SR);
    // Near copy: a phrase, and the same phrase with 40 ms of leading silence, -6 dB and its last quarter cut.
    const phrase = arpeggio([60, 64, 67, 72, 67, 64], 0.25, 1, SR);
    writeWav(p('phrase.wav'), phrase);
    const edit = new Float32Array(Math.round(0.04 * SR) + Math.round(phrase.length * 0.75));
    for (let i = 0; i < edit.length - Math.round(0.04 * SR); i++) edit[Math.round(0.04 * SR) + i] = phrase[i] * 0.5;
    writeWav(p('phrase edit.wav'), edit);
    return { anonKick: p('a8f3.wav'), anonPiano: p('k77.wav'), q1: p('q1.wav'), q2: p('q2.wav'), aiffCopy: p('zz copy.aif'), phrase: p('phrase.wav'), phraseEdit: p('phrase edit.wav') };
  });
  assert.equal(fx.library.db.samples.counts().failed, 0);
});

after(async () => {
  await fx.library.close();
  rmSync(fx.dir, { recursive: true, force: true });
});

test('cold start on descriptor vectors: an anonymously named kick is labelled kick', async () => {
  const report = await classifyLibrary(fx.library.db, { vectors: 'descriptors' });
  assert.equal(report.vectors, 'descriptors');
  assert.equal(fx.library.db.labels.forSample(id('anonKick')).find((l) => l.source === 'model')?.category, 'kick');
});

// These tests are about the library's own references (file names, user labels); the shipped built-in set has its
// own test (builtin-references.test.ts), so it is left out here to keep the fixture's neighbourhoods its own.
test('cold start (default vectors): an anonymously named kick is labelled kick, with the voting neighbours as evidence', async () => {
  const report = await classifyLibrary(fx.library.db, { builtin: null });
  // The learned embedding is used whenever the shipped model loads.
  assert.equal(report.vectors, existsSync(join(REPO, 'assets/model/model.json')) ? 'embedding' : 'descriptors');
  assert.equal(report.classified, fx.library.db.samples.counts().analysed);
  assert.ok(report.references.filename >= 20, `file names gave references: ${JSON.stringify(report.references)}`);
  const model = fx.library.db.labels.forSample(id('anonKick')).find((l) => l.source === 'model');
  assert.ok(model, 'a model label was written');
  assert.equal(model.category, 'kick');
  const evidence = model.evidence as { neighbours: Array<{ path: string; label: string; distance: number }> };
  assert.ok(evidence.neighbours.length >= 3);
  assert.equal(evidence.neighbours[0].label, 'kick');
  assert.match(evidence.neighbours[0].path, /Kick \d\d\.wav$/);
  // Named sounds are predicted from their neighbours (never from themselves) and agree with their names here.
  for (const role of ['snare2', 'closed hat4', 'piano5']) {
    const l = fx.library.db.labels.forSample(id(role)).find((x) => x.source === 'model');
    assert.equal(l?.category, fx.library.db.labels.forSample(id(role)).find((x) => x.source === 'filename')?.category, role);
  }
  // Character tags from the descriptors.
  const tags = fx.library.db.tags.forSamples([id('closed hat1')]).get(id('closed hat1')) ?? [];
  assert.ok(tags.some((t) => t.source === 'descriptor' && t.name === 'short'), JSON.stringify(tags));
});

test('sub-tags: an anonymous piano note gets "piano" from the named pianos that voted it keys; a name or a correction overrules them', async () => {
  const db = fx.library.db;
  await classifyLibrary(db);
  const modelTags = (role: string) => (db.tags.forSamples([id(role)]).get(id(role)) ?? []).filter((t) => t.source === 'model');
  const p = await predictSample(db, id('anonPiano'));
  assert.equal(p.category, 'keys', JSON.stringify(p.scores));
  const piano = p.subTags.find((t) => t.name === 'piano');
  assert.ok(piano && piano.confidence > 0.3 && piano.confidence <= p.confidence, JSON.stringify(p.subTags));
  assert.deepEqual(modelTags('anonPiano').map((t) => t.name), p.subTags.map((t) => t.name));
  // A named piano already says its kind: the model adds none.
  assert.deepEqual(modelTags('piano2'), []);
  // The user calls the anonymous note a pluck: the model's keys sub-tags go.
  await setUserLabel(db, id('anonPiano'), 'pluck');
  assert.deepEqual(modelTags('anonPiano'), []);
  await setUserLabel(db, id('anonPiano'), null);
  assert.deepEqual(modelTags('anonPiano').map((t) => t.name), p.subTags.map((t) => t.name));
});

test('a user correction changes the next prediction of a neighbouring sound, without retraining', async () => {
  await classifyLibrary(fx.library.db, { builtin: null });
  const before = await predictSample(fx.library.db, id('q1'));
  assert.notEqual(before.category, 'percussion');
  const r = await setUserLabel(fx.library.db, id('q2'), 'percussion');
  assert.ok(r.relabelled >= 1);
  const afterPrediction = await predictSample(fx.library.db, id('q1'));
  assert.equal(afterPrediction.category, 'percussion');
  assert.equal(afterPrediction.neighbours[0].source, 'user');
  // The stored label of the neighbour was updated too, and the user's own label wins for q2.
  assert.equal(fx.library.db.labels.forSample(id('q1')).find((l) => l.source === 'model')?.category, 'percussion');
  assert.equal(fx.library.db.labels.effective(id('q2'))?.category, 'percussion');
  await assert.rejects(setUserLabel(fx.library.db, id('q2'), 'kazoo'), /unknown category 'kazoo'/);
  // Removing the correction brings the old answer back.
  await setUserLabel(fx.library.db, id('q2'), null);
  assert.equal((await predictSample(fx.library.db, id('q1'))).category, before.category);
});

test('a whole-library pass lets the event loop turn between sounds, and a correction made meanwhile survives it', async () => {
  const db = fx.library.db;
  await classifyLibrary(db, { builtin: null });
  assert.notEqual(db.labels.forSample(id('q1')).find((l) => l.source === 'model')?.category, 'percussion');
  let turns = 0;
  let counting = true;
  const turn = (): void => {
    if (!counting) return;
    turns++;
    setImmediate(turn);
  };
  setImmediate(turn);
  let correction: Promise<unknown> | null = null;
  const turnsAt: number[] = [];
  const report = await classifyLibrary(db, {
    builtin: null,
    yieldEveryMs: 0,
    onProgress: (done, total, sampleId) => {
      if (done === 1 || done === total) turnsAt.push(turns);
      // q1 has just been voted with the old references; now the user labels its neighbour q2.
      if (sampleId === id('q1')) correction = setUserLabel(db, id('q2'), 'percussion');
    },
  });
  counting = false;
  await correction;
  assert.ok(correction, 'q1 was voted during the pass');
  assert.ok(turnsAt[1] - turnsAt[0] >= report.classified / 2, `the event loop turned ${turnsAt[1] - turnsAt[0]} times for ${report.classified} sounds`);
  // The pass wrote its labels after the correction: q1's stale vote must not be among them.
  assert.equal(db.labels.forSample(id('q1')).find((l) => l.source === 'model')?.category, 'percussion');
  assert.equal((await predictSample(db, id('q1'))).category, 'percussion');
  await setUserLabel(db, id('q2'), null);
});

test('duplicates: an exact copy in another format (AIFF) and a trimmed, quieter copy are found; unrelated sounds are not', async () => {
  const report = await findDuplicates(fx.library.db);
  assert.deepEqual(report.unreadable, []);
  const exact = report.groups.filter((g) => g.kind === 'exact');
  assert.equal(exact.length, 1);
  assert.deepEqual(exact[0].members.map((m) => m.path).sort(), [fx.paths.snare3, fx.paths.aiffCopy].sort());
  const near = report.groups.filter((g) => g.kind === 'near');
  const phraseGroup = near.find((g) => g.members.some((m) => m.path === fx.paths.phrase));
  assert.ok(phraseGroup, `near groups: ${JSON.stringify(near.map((g) => g.members.map((m) => m.path)))}`);
  assert.deepEqual(phraseGroup.members.map((m) => m.path).sort(), [fx.paths.phrase, fx.paths.phraseEdit].sort());
  assert.ok(phraseGroup.similarity >= 0.9);
  for (const g of near) assert.ok(!g.members.some((m) => m.path === fx.paths.kick1) || !g.members.some((m) => m.path === fx.paths.piano1));
});

test('labels: export and import round-trip; a bad line is reported by number and nothing is written', async () => {
  const db = fx.library.db;
  await setUserLabel(db, id('kick2'), 'kick');
  await setUserLabel(db, id('q1'), 'percussion');
  const csv = exportLabels(db);
  const rows = parseCsv(csv);
  assert.deepEqual(rows[0].fields, ['path', 'label']);
  assert.deepEqual(rows.slice(1).map((r) => r.fields).sort(), [[fx.paths.kick2, 'kick'], [fx.paths.q1, 'percussion']].sort());
  // Clear and re-import: the same user labels come back.
  db.labels.clear(id('kick2'), 'user');
  db.labels.clear(id('q1'), 'user');
  const file = join(fx.dir, 'labels.csv');
  writeFileSync(file, csv);
  const imported = await importLabels(db, file);
  assert.deepEqual({ applied: imported.applied, problems: imported.problems }, { applied: 2, problems: [] });
  assert.equal(exportLabels(db), csv);
  // Relative paths resolve against the roots; an unknown category and an unknown file are rejected by line.
  const bad = join(fx.dir, 'bad.csv');
  writeFileSync(bad, 'path,label\nSnares/Snare 01.wav,snare\nHats/Closed Hat 02.wav,kazoo\n"Keys/Piano 01.wav",keys\nnope.wav,kick\n');
  const refused = await importLabels(db, bad);
  assert.equal(refused.committed, false);
  assert.deepEqual(refused.problems.map((p) => p.line), [3, 5]);
  assert.match(refused.problems[0].message, /unknown category 'kazoo'/);
  assert.match(refused.problems[1].message, /not in the library: nope\.wav/);
  assert.equal(db.labels.forSample(id('snare1')).find((l) => l.source === 'user'), undefined, 'nothing written');
  const partial = await importLabels(db, bad, { partial: true });
  assert.equal(partial.applied, 2);
  assert.equal(db.labels.effective(id('piano1'))?.source, 'user');
});

test('similar: nearest sounds by id and from an external file, with filters and aspect weights', async () => {
  const db = fx.library.db;
  const r = await findSimilar(db, id('kick1'), { k: 4 });
  assert.equal(r.vectors, existsSync(join(REPO, 'assets/model/model.json')) ? 'embedding' : 'descriptors');
  assert.equal(r.results.length, 4);
  const d = await findSimilar(db, id('kick1'), { k: 4, vectors: 'descriptors' });
  assert.equal(d.vectors, 'descriptors');
  assert.ok(d.results.filter((h) => /Kick|a8f3/.test(h.path)).length >= 3, JSON.stringify(d.results.map((h) => h.path)));
  assert.ok(r.results.every((h) => h.id !== id('kick1')));
  assert.ok(r.results.filter((h) => /Kick|a8f3/.test(h.path)).length >= 3, JSON.stringify(r.results.map((h) => h.path)));
  const external = join(fx.dir, 'dropped-snare.wav');
  writeWav(external, snareVar(9));
  const e = await findSimilar(db, external, { k: 3 });
  assert.equal(e.query.id, null);
  assert.ok(e.results.filter((h) => /Snare|zz copy/.test(h.path)).length >= 2, JSON.stringify(e.results.map((h) => h.path)));
  const onlyKeys = await findSimilar(db, id('kick1'), { k: 3, filters: { category: 'keys' } });
  assert.ok(onlyKeys.results.length > 0 && onlyKeys.results.every((h) => h.category === 'keys'));
  const short = await findSimilar(db, id('piano1'), { k: 50, filters: { maxDurationSec: 0.2 } });
  assert.ok(short.results.length > 0 && short.results.every((h) => h.durationSec! <= 0.2));
  const pitchOnly = await findSimilar(db, id('piano1'), { k: 1, weights: { timbre: 0, envelope: 0, pitch: 1 } });
  assert.equal(pitchOnly.vectors, 'descriptors');
  assert.equal(pitchOnly.results.length, 1);
  await assert.rejects(findSimilar(db, join(fx.dir, 'missing.wav')), /no such file/);
  await assert.rejects(findSimilar(db, id('kick1'), { weights: { timbre: -1 } }), /must be a number ≥ 0/);
});

test('the report cross-validates the classifier that labels the library: its space, its built-in references', async () => {
  const db = fx.library.db;
  const shipped = await libraryReport(db, { includeFilenames: true });
  assert.equal(shipped.vectors, 'embedding');
  assert.ok(shipped.builtinReferences > 1000, `built-in references ${shipped.builtinReferences}`);
  assert.match(shipped.note, /voted as the app labels, in the learned embedding with [\d,]+ built-in references/);
  const total = (r: { confusion: number[][] }) => r.confusion.flat().reduce((a, b) => a + b, 0);
  assert.equal(total(shipped), shipped.labelled);
  // Without the built-in references only the library's own labels vote: a different classifier, told apart.
  const ownOnly = await libraryReport(db, { includeFilenames: true, builtin: null });
  assert.equal(ownOnly.builtinReferences, 0);
  assert.doesNotMatch(ownOnly.note, /built-in/);
  const descriptors = await libraryReport(db, { includeFilenames: true, vectors: 'descriptors', builtin: null });
  assert.equal(descriptors.vectors, 'descriptors');
  // A large labelled set is predicted from a seeded sample; every labelled sound still votes.
  const sampled = await libraryReport(db, { includeFilenames: true, maxPredictions: 5 });
  assert.equal(sampled.predicted, 5);
  assert.equal(total(sampled), 5);
  assert.equal(sampled.labelled, shipped.labelled);
  assert.match(sampled.note, /5 of them predicted \(a seeded sample\)/);
  assert.deepEqual((await libraryReport(db, { includeFilenames: true, maxPredictions: 5 })).confusion, sampled.confusion);
});

test('the report scores the user\'s labels while decisively named sounds vote, as they do in the labelling pass', async () => {
  const db = fx.library.db;
  const earlier = db.labels.all('user');
  for (const l of earlier) db.labels.clear(l.sampleId, 'user');
  try {
    // Four user labels; the library's named kicks, snares, hats and pianos are not scored, but they vote.
    const taught: Array<[string, string]> = [['anonKick', 'kick'], ['aiffCopy', 'snare'], ['q1', 'fx'], ['q2', 'fx']];
    for (const [role, category] of taught) db.labels.set(id(role), category, 'user', 1, { by: 'user' });
    const named = db.labels.all('filename').filter((l) => l.confidence >= FILENAME_REFERENCE_CONFIDENCE).length;
    assert.ok(named >= 20, `decisive names ${named}`);
    const r = await libraryReport(db, { includeFilenames: false, builtin: null });
    assert.equal(r.labelled, 4);
    assert.deepEqual(r.sources, { user: 4, filename: 0 });
    assert.match(r.note, new RegExp(` with ${named} decisively named or tagged sounds`));
    // The anonymous kick and the snare's copy are voted by the named ones; only fx labels would say otherwise.
    const hit = (label: string) => r.confusion[r.labels.indexOf(label)][r.labels.indexOf(label)];
    assert.equal(hit('kick'), 1, JSON.stringify(r.confusion));
    assert.equal(hit('snare'), 1, JSON.stringify(r.confusion));
    // One category alone cannot be cross-validated, however many sounds carry it; the error says what is missing.
    for (const [role] of taught) db.labels.set(id(role), 'kick', 'user', 1, { by: 'user' });
    await assert.rejects(libraryReport(db, { includeFilenames: false, builtin: null }), /at least 4 labelled sounds in 2 or more categories \(have 4 in 1\)/);
  } finally {
    for (const [role] of [['anonKick'], ['aiffCopy'], ['q1'], ['q2']]) db.labels.clear(id(role), 'user');
    for (const l of earlier) db.labels.set(l.sampleId, l.category, 'user', l.confidence, { by: 'user' });
  }
});

test('clusters, map, report and embeddings export work on the library', async () => {
  const db = fx.library.db;
  const c = clusterLibrary(db, { k: 4 });
  assert.equal(c.k, 4);
  assert.equal(c.clusters.reduce((s, x) => s + x.size, 0), db.samples.counts().analysed);
  const auto = clusterLibrary(db);
  assert.ok(auto.k >= 2 && auto.silhouette !== null);
  // The map is stored; a second call with no new sounds returns it unchanged.
  const m1 = await libraryMap(db, { worker: false });
  assert.equal(m1.mode, 'full');
  const m2 = await libraryMap(db, { selectedId: id('kick1') });
  assert.equal(m2.mode, 'stored');
  assert.deepEqual(m2.points.map((p) => [p.x, p.y]), m1.points.map((p) => [p.x, p.y]));
  const self = m2.points.find((p) => p.id === id('kick1'))!;
  assert.equal(self.distance, 0);
  const rep = await libraryReport(db, { includeFilenames: true });
  assert.ok(rep.labelled >= 24 && rep.labels.includes('kick'));
  assert.ok(rep.accuracy > 0.7, `accuracy ${rep.accuracy}`);
  const out = join(fx.dir, 'vectors.npy');
  const exp = await exportEmbeddings(db, out);
  const bytes = readFileSync(out);
  assert.equal(bytes.subarray(1, 6).toString('latin1'), 'NUMPY');
  const headerLen = bytes.readUInt16LE(8);
  assert.match(bytes.subarray(10, 10 + headerLen).toString('latin1'), new RegExp(`'shape': \\(${exp.count}, ${exp.dim}\\)`));
  assert.equal(bytes.length, 10 + headerLen + exp.count * exp.dim * 4);
  const ids = JSON.parse(readFileSync(join(fx.dir, 'vectors.ids.json'), 'utf8'));
  assert.equal(ids.ids.length, exp.count);
});
