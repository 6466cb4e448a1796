// The UI's calls over a real analysed library, bound to the intelligence services: predictions carry their voting
// neighbours, a correction re-labels neighbours at once (and says so), similar search honours weights, filters and
// outside files, duplicates find exact and near copies, the map is stored and extended, the report cross-validates.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildFixtureLibrary, kickVar, snareVar, writeWav, SR, type FixtureLibrary } from '../services/fixture-library.js';
import { writeAiffFixture } from '../support/audio-fixtures.js';
import { arpeggio } from '../support/signals.js';
import { classifyLibrary } from '../../src/main/services/index.js';
import { noteNameToMidi } from '../../src/shared/music/notes.js';
import { createApi, type CoreApi } from '../../src/main/api/create-api.js';

function blip(gain: number): Float32Array {
  const x = new Float32Array(Math.round(0.12 * SR));
  for (let n = 0; n < x.length; n++) x[n] = gain * Math.sin((2 * Math.PI * 1250 * n) / SR) * Math.exp((-n / SR) * 40);
  return x;
}

let fx: FixtureLibrary;
let api: CoreApi;
const events: Array<{ event: string; payload: unknown }> = [];
const id = (role: string) => fx.library.db.samples.byPath(fx.paths[role])!.id;

before(async () => {
  fx = await buildFixtureLibrary((dir) => {
    const p = (name: string) => join(dir, name);
    writeWav(p('a8f3.wav'), kickVar(7));
    writeWav(p('q1.wav'), blip(0.6));
    writeWav(p('q2.wav'), blip(0.55));
    writeAiffFixture(p('zz copy.aif'), [snareVar(2)], SR);
    const phrase = arpeggio([60, 64, 67, 72, 67, 64], 0.25, 1, SR);
    writeWav(p('phrase.wav'), phrase);
    const edit = new Float32Array(Math.round(0.04 * SR) + Math.round(phrase.length * 0.75));
    for (let i = 0; i < edit.length - Math.round(0.04 * SR); i++) edit[Math.round(0.04 * SR) + i] = phrase[i] * 0.5;
    writeWav(p('phrase edit.wav'), edit);
    return { anonKick: p('a8f3.wav'), q1: p('q1.wav'), q2: p('q2.wav'), aiffCopy: p('zz copy.aif'), phrase: p('phrase.wav'), phraseEdit: p('phrase edit.wav') };
  });
  api = createApi(fx.library, { autoAnalyse: false });
  api.onEvent((event, payload) => events.push({ event, payload }));
  // What the app's library does after each analysis run; the API refreshes every row when it hears of it.
  fx.library.events.emit('classified', await classifyLibrary(fx.library.db));
});

after(async () => {
  api.close();
  await fx.library.close();
  rmSync(fx.dir, { recursive: true, force: true });
});

test('a prediction shows its voting neighbours as the why; every source is listed', async () => {
  assert.ok(events.some((e) => e.event === 'library-changed' && (e.payload as { what: string }).what === 'samples'), 'a labelling run refreshes the rows');
  const d = await api.call('samples.detail', { id: id('anonKick') });
  assert.equal(d.label?.name, 'kick');
  assert.equal(d.label?.source, 'model');
  assert.ok(d.label!.neighbours.length >= 3, 'the voting neighbours come with the label');
  assert.match(d.label!.neighbours.find((n) => n.source !== 'builtin')?.name ?? '', /^Kick \d\d\.wav$/, 'the nearest library sound that voted is a kick');
  assert.equal(d.label!.neighbours[0].category, 'kick');
  assert.equal(d.sample.category?.name, 'kick');
  for (const n of d.label!.neighbours) {
    if (n.source === 'builtin') assert.ok(n.id < 0 && n.name.startsWith('built-in: '), 'built-in references are named, never confused with library sounds');
    else assert.ok(fx.library.db.samples.get(n.id), `neighbour ${n.id} is a library sound`);
  }
  // A named kick: the file name outranks the model, and both opinions are shown, strongest first.
  const named = await api.call('samples.detail', { id: id('kick2') });
  assert.deepEqual(named.labels.map((l) => l.source), ['filename', 'model']);
});

test('a correction re-labels the neighbours at once and announces them; clearing it brings the old answer back', async () => {
  const before = (await api.call('samples.detail', { id: id('q1') })).label!;
  // Teach the blips something the model did not already think they are.
  const taught = before.name === 'percussion' ? 'mallet' : 'percussion';
  events.length = 0;
  const { rows } = await api.call('labels.set', { ids: [id('q2')], category: taught });
  assert.deepEqual(rows.map((r) => [r.id, r.category?.name, r.category?.source]), [[id('q2'), taught, 'user']]);
  const announced = events.filter((e) => e.event === 'samples-changed').flatMap((e) => (e.payload as { ids: number[] }).ids);
  assert.ok(announced.includes(id('q1')), 'the neighbour whose label changed is announced to the UI');
  const after = (await api.call('samples.detail', { id: id('q1') })).label!;
  assert.equal(after.name, taught);
  assert.equal(after.neighbours[0].id, id('q2'), 'the corrected sound now votes first');
  assert.equal(after.neighbours[0].source, 'user');
  const [row] = (await api.call('samples.rows', { ids: [id('q1')] })).rows;
  assert.equal(row.category?.name, taught, 'the table row is fresh too');

  await api.call('labels.clearUser', { ids: [id('q2')] });
  assert.equal((await api.call('samples.detail', { id: id('q1') })).label?.name, before.name);
  // Accepting makes the shown label the user's.
  await api.call('labels.accept', { ids: [id('anonKick')] });
  assert.deepEqual(fx.library.db.labels.effective(id('anonKick'))?.source, 'user');
  // "None of these": overrides the model without teaching it a class; clearing it hands back to the model.
  await api.call('labels.set', { ids: [id('q1')], category: 'unknown' });
  assert.deepEqual(fx.library.db.labels.effective(id('q1')), { ...fx.library.db.labels.effective(id('q1'))!, category: 'unknown', source: 'user' });
  assert.equal(fx.library.db.labels.forSample(id('q1')).find((l) => l.source === 'model')?.category, before.name, 'the model still says what it thinks');
  await api.call('labels.clearUser', { ids: [id('q1')] });
  assert.equal(fx.library.db.labels.effective(id('q1'))?.source, 'model');
});

test('similar: the best space by default, aspect weights and filters on request, an outside file by its sound', async () => {
  const kick = id('kick3');
  const plain = await api.call('similar.query', { sampleId: kick, k: 5, weights: { timbre: 1, envelope: 1, pitch: 1 } });
  assert.equal(plain.space, 'embedding', 'equal weights state no preference: the learned embedding is searched');
  assert.ok(plain.hits.slice(0, 4).every((h) => /kick|a8f3/i.test(h.row.name)), plain.hits.map((h) => h.row.name).join(', '));
  assert.ok(!plain.hits.some((h) => h.row.id === kick), 'the query is not its own neighbour');
  const timbre = await api.call('similar.query', { sampleId: kick, k: 30, weights: { timbre: 1, envelope: 0, pitch: 0 } });
  const pitch = await api.call('similar.query', { sampleId: kick, k: 30, weights: { timbre: 0, envelope: 0, pitch: 1 } });
  assert.equal(timbre.space, 'descriptors');
  assert.notDeepEqual(timbre.hits.map((h) => h.row.id), pitch.hits.map((h) => h.row.id));
  const twoKinds = await api.call('similar.query', { sampleId: kick, k: 40, filters: { categories: ['snare', 'hihat_closed'] } });
  assert.ok(twoKinds.hits.length >= 10, `got ${twoKinds.hits.length}`);
  assert.ok(twoKinds.hits.every((h) => ['snare', 'hihat_closed'].includes(h.row.category?.name ?? '')), 'only the chosen categories');
  assert.ok(twoKinds.hits.every((h, i) => i === 0 || h.distance >= twoKinds.hits[i - 1].distance), 'merged nearest first');
  const short = await api.call('similar.query', { sampleId: kick, k: 10, filters: { durationMax: 0.2 } });
  assert.ok(short.hits.length > 0 && short.hits.every((h) => (h.row.durationSec ?? 1) <= 0.2));
  // Pitch window: the piano notes are 3 semitones apart, so ±3 around one keeps its neighbours and nothing unpitched.
  const piano = fx.library.db.samples.get(id('piano1'))!;
  const midi = noteNameToMidi(piano.note ?? '');
  assert.ok(midi !== null, `piano1 has a detected note (${piano.note})`);
  const anyPitch = await api.call('similar.query', { sampleId: piano.id, k: 40 });
  const inWindow = (note: string | null) => note !== null && Math.abs(noteNameToMidi(note)! - midi!) <= 3;
  assert.ok(anyPitch.hits.some((h) => !inWindow(h.row.note)), 'unfiltered results include other pitches and unpitched sounds');
  const near = await api.call('similar.query', { sampleId: piano.id, k: 40, filters: { midiMin: midi! - 3, midiMax: midi! + 3 } });
  assert.ok(near.hits.length >= 1, 'the neighbouring notes are found');
  assert.ok(near.hits.every((h) => inWindow(h.row.note)), near.hits.map((h) => `${h.row.name} ${h.row.note}`).join(', '));
  await assert.rejects(api.call('similar.query', { sampleId: kick, k: 5, weights: { timbre: 0, envelope: 0, pitch: 0 } }), /at least one of the timbre/);

  const count = fx.library.db.samples.counts().indexed;
  const outside = join(fx.dir, 'outside.wav');
  writeWav(outside, kickVar(11));
  const byFile = await api.call('similar.query', { upload: { name: 'Mystery.wav', base64: readFileSync(outside).toString('base64') }, k: 5 });
  assert.deepEqual(byFile.query, { id: null, name: 'Mystery.wav' });
  assert.match(byFile.hits[0].row.name, /^Kick|a8f3/);
  await assert.rejects(api.call('similar.query', { upload: { name: 'broken.wav', base64: 'UklGRgAAAABXQVZF' }, k: 5 }), /could not analyse 'broken\.wav'/);
  assert.equal(fx.library.db.samples.counts().indexed, count, 'a searched file is never added to the library');
});

test('duplicates: the exact copy in another format and the trimmed quieter copy', async () => {
  const { sets } = await api.call('duplicates.list', {});
  const names = (kind: string) => sets.filter((s) => s.kind === kind).map((s) => s.rows.map((r) => r.name).sort());
  assert.deepEqual(names('exact'), [['Snare 03.wav', 'zz copy.aif']]);
  assert.ok(names('near').some((g) => g.join() === 'phrase edit.wav,phrase.wav'), JSON.stringify(names('near')));
});

test('the map is stored and extended, coloured by cluster and by distance to the selection', async () => {
  const analysed = fx.library.db.samples.counts().analysed;
  const first = await api.call('map.points', {});
  assert.equal(first.count, analysed);
  assert.ok(first.x.every((v) => v >= -1 && v <= 1) && first.y.every((v) => v >= -1 && v <= 1));
  assert.ok(first.clusters >= 2 && first.cluster.every((c) => c >= 0 && c < first.clusters));
  assert.ok(first.categories.includes('kick'));
  const again = await api.call('map.points', {});
  assert.deepEqual(again.x, first.x, 'the stored layout is reused, points stay where the user learnt them');
  const kick = id('kick1');
  const d = await api.call('map.distances', { id: kick });
  const dist = new Map(d.ids.map((x, i) => [x, d.distance[i]]));
  assert.equal(dist.get(kick), 0);
  assert.ok(dist.get(id('kick2'))! < dist.get(id('piano4'))!, 'a kick is nearer a kick than a piano note');
  const g = await api.call('groups.create', { name: 'First cluster', fromCluster: first.cluster[0] });
  assert.equal(g.size, first.cluster.filter((c) => c === first.cluster[0]).length);

  // A new sound joins the stored map; the old points keep their arrangement (the view only rescales to fit).
  writeWav(join(fx.samples, 'Unsorted', 'late kick.wav'), kickVar(13));
  await fx.library.scan();
  await fx.library.analyse({ workers: 1 });
  const grown = await api.call('map.points', {});
  assert.equal(grown.count, analysed + 1);
  const at = (m: typeof first, sid: number) => {
    const i = m.ids.indexOf(sid);
    return [m.x[i], m.y[i]];
  };
  const gap = (m: typeof first, a: number, b: number) => Math.hypot(at(m, a)[0] - at(m, b)[0], at(m, a)[1] - at(m, b)[1]);
  const [a, b, c] = [id('kick1'), id('snare1'), id('piano1')];
  assert.ok(Math.abs(gap(grown, a, b) / gap(grown, a, c) - gap(first, a, b) / gap(first, a, c)) < 0.01, 'old points did not move relative to each other');
});

test('the report cross-validates the labelled sounds into a confusion matrix', async () => {
  const r = await api.call('report.get', {});
  assert.ok(r.labelled >= 24, `labelled ${r.labelled}`);
  for (const c of ['kick', 'snare', 'hihat_closed']) assert.ok(r.classes.includes(c), r.classes.join());
  assert.equal(r.matrix.length, r.classes.length);
  assert.ok(r.matrix.every((row) => row.length === r.classes.length));
  const total = r.matrix.flat().reduce((a, b) => a + b, 0);
  assert.equal(total, r.labelled);
  assert.ok(r.macroF1 > 0.5, `macro-F1 ${r.macroF1}`);
  assert.match(r.note, /cross-validation/);
});
