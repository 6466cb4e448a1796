// Embedded metadata as label evidence, end to end: real WAV/FLAC/MP3/Ogg files with tags and anonymous names are
// scanned, analysed and classified; the tags decide the label where they are strong and clean, junk tags do not,
// a confident acoustic vote beats weak tags, and a decisive file name beats them all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EmbeddedMetadata } from '../../src/shared/model/audio.js';
import { encodeWav } from '../../src/main/encode/wav-writer.js';
import { classifyLibrary, setUserLabel, type ClassifyReport } from '../../src/main/services/classify.js';
import { labelViews } from '../../src/main/api/views-from-store.js';
import { encodeWithTool } from '../support/audio-fixtures.js';
import { rng } from '../support/signals.js';
import { SR, buildFixtureLibrary, hatVar, kickVar, snareVar, type FixtureLibrary } from './fixture-library.js';

function writeTaggedWav(path: string, x: Float32Array, metadata: EmbeddedMetadata): void {
  writeFileSync(path, encodeWav([x], SR, { bitDepth: 16, metadata }));
}

/** WAV → FLAC/MP3/Ogg with the standard encoder's own tag options; the WAV is removed so only the target is scanned. */
function writeTagged(path: string, x: Float32Array, format: 'flac' | 'mp3' | 'ogg', tags: Record<string, string>): void {
  const wav = `${path}.src.wav`;
  writeFileSync(wav, encodeWav([x], SR, { bitDepth: 16 }));
  encodeWithTool(wav, format, path, { tags });
  unlinkSync(wav);
}

/** A low sine with a soft attack: a sub-bass note. */
function subBass(seconds: number, hz: number): Float32Array {
  const x = new Float32Array(Math.round(seconds * SR));
  for (let n = 0; n < x.length; n++) x[n] = 0.7 * Math.sin((2 * Math.PI * hz * n) / SR) * Math.min(1, n / (0.01 * SR)) * Math.exp((-n / SR) * 1.5);
  return x;
}

/** Band-limited noise in short grains: a shaker. */
function shaker(seed: number): Float32Array {
  const r = rng(seed);
  const x = new Float32Array(Math.round(0.25 * SR));
  let prev = 0;
  for (let n = 0; n < x.length; n++) {
    const t = n / SR;
    const w = 2 * r() - 1;
    x[n] = 0.3 * (w - prev) * (0.6 + 0.4 * Math.sin(2 * Math.PI * 24 * t)) * Math.exp(-t * 9);
    prev = w;
  }
  return x;
}

let fx: FixtureLibrary;
let report: ClassifyReport;
const id = (role: string) => fx.library.db.samples.byPath(fx.paths[role])!.id;
const labels = (role: string) => fx.library.db.labels.forSample(id(role));
const effective = (role: string) => fx.library.db.labels.effective(id(role));
const tagNames = (role: string) => (fx.library.db.tags.forSamples([id(role)]).get(id(role)) ?? []).filter((t) => t.source === 'metadata').map((t) => t.name);

before(async () => {
  fx = await buildFixtureLibrary((dir) => {
    const p = (name: string) => join(dir, name);
    writeTaggedWav(p('0x41a.wav'), kickVar(8), { title: 'Kick 03' });
    writeTagged(p('rec_0193.flac'), subBass(1.2, 49), 'flac', { COMMENT: '808 sub bass' });
    writeTagged(p('b7c2e.mp3'), shaker(5), 'mp3', { TITLE: 'Shaker 04', GENRE: 'Drum & Bass' });
    writeTagged(p('take 7.ogg'), snareVar(7), 'ogg', { CATEGORY: 'Snare', KEYWORDS: 'dark; punchy; www.vendor.com' });
    // WAV INFO keywords (IKEY) naming a category the library has no other example of.
    writeTaggedWav(p('x77.wav'), hatVar(8), { raw: { 'INFO.IKEY': 'open hat; metallic; bright' } });
    // Junk everywhere: a placeholder title, a copyright comment, the DAW, a genre with "bass" in it.
    writeTaggedWav(p('f9e1.wav'), kickVar(9), { title: 'Track 01', comment: '(c) 2020 Bass Boutique. www.bassboutique.com', software: 'Logic Pro X', genre: 'Drum & Bass' });
    writeTagged(p('zq88.mp3'), subBass(1, 55), 'mp3', { TITLE: 'Audio 1', COMMENT: 'Encoded with FL Studio 20' });
    // Weak tags (an album name) against a clear acoustic kick.
    writeTaggedWav(p('k-2931.wav'), kickVar(10), { album: 'Snare Collection' });
    // A decisive file name against the tags.
    writeTaggedWav(p('Snare 09.wav'), snareVar(9), { title: 'Kick 01' });
    return {
      wavTitle: p('0x41a.wav'), wavKeywords: p('x77.wav'), flacComment: p('rec_0193.flac'), mp3Title: p('b7c2e.mp3'), oggCategory: p('take 7.ogg'),
      junkWav: p('f9e1.wav'), junkMp3: p('zq88.mp3'), weakAlbum: p('k-2931.wav'), namedSnare: p('Snare 09.wav'),
    };
  });
  assert.equal(fx.library.db.samples.counts().failed, 0);
  report = await classifyLibrary(fx.library.db, { builtin: null });
});

after(async () => {
  await fx.library.close();
  rmSync(fx.dir, { recursive: true, force: true });
});

test('a WAV title decides the label of an anonymously named file, with the title as the reason', () => {
  const l = effective('wavTitle');
  assert.equal(l?.source, 'metadata');
  assert.equal(l?.category, 'kick');
  const ev = l?.evidence as { tokens: string[]; reason: string };
  assert.deepEqual(ev.tokens, ['title "Kick 03"']);
  assert.match(ev.reason, /sound model agrees/);
  assert.ok(l!.confidence >= 0.9, `agreement with the sound model raises the confidence: ${l!.confidence}`);
  assert.ok(report.metadataLabelled >= 4, JSON.stringify(report));
  // Decisive tags teach the classifier like a decisive file name does.
  assert.ok(report.references.metadata >= 3, JSON.stringify(report.references));
});

test('FLAC comment, MP3 title and Ogg vendor category decide their labels; tags carry sub-tags, genre and keywords', () => {
  assert.deepEqual([effective('flacComment')?.source, effective('flacComment')?.category], ['metadata', 'bass']);
  assert.deepEqual((effective('flacComment')?.evidence as { tokens: string[] }).tokens, ['comment "808 sub bass"']);
  assert.deepEqual(new Set(tagNames('flacComment')), new Set(['808', 'sub']));

  assert.deepEqual([effective('mp3Title')?.source, effective('mp3Title')?.category], ['metadata', 'percussion']);
  assert.deepEqual((effective('mp3Title')?.evidence as { tokens: string[] }).tokens, ['title "Shaker 04"'], 'the genre "Drum & Bass" is not evidence');
  assert.deepEqual(new Set(tagNames('mp3Title')), new Set(['genre:Drum & Bass', 'shaker']));

  assert.deepEqual([effective('oggCategory')?.source, effective('oggCategory')?.category], ['metadata', 'snare']);
  assert.deepEqual(new Set(tagNames('oggCategory')), new Set(['dark', 'punchy']), 'a link is not a keyword');
});

test('WAV INFO keywords survive the encoder, decide a category the sound model has never seen, and become tags', () => {
  assert.equal(fx.library.db.samples.detail(id('wavKeywords'))?.metadata.raw?.['INFO.IKEY'], 'open hat; metallic; bright');
  const l = effective('wavKeywords');
  assert.deepEqual([l?.source, l?.category], ['metadata', 'hihat_open']);
  assert.deepEqual((l?.evidence as { tokens: string[] }).tokens, ['keywords "open hat"']);
  // The only hats the sound model knows are closed ones: the strong keyword outweighs its vote, at a lower confidence.
  assert.equal(labels('wavKeywords').find((x) => x.source === 'model')?.category, 'hihat_closed');
  assert.match((l?.evidence as { reason: string }).reason, /stronger than the sound model's hihat_closed/);
  assert.ok(l!.confidence < 0.84, `disagreement costs confidence: ${l!.confidence}`);
  assert.deepEqual(new Set(tagNames('wavKeywords')), new Set(['open hat', 'metallic', 'bright']));
});

test('junk metadata decides nothing: the sound model labels those files', () => {
  for (const role of ['junkWav', 'junkMp3']) {
    assert.equal(labels(role).find((l) => l.source === 'metadata'), undefined, role);
    assert.equal(effective(role)?.source, 'model', role);
  }
  assert.equal(effective('junkWav')?.category, 'kick');
  // The genre is still a clean tag; nothing else from the junk is.
  assert.deepEqual(tagNames('junkWav'), ['genre:Drum & Bass']);
  assert.deepEqual(tagNames('junkMp3'), []);
});

test('a confident acoustic vote beats weak metadata; a decisive file name beats strong metadata', () => {
  const model = labels('weakAlbum').find((l) => l.source === 'model');
  assert.equal(model?.category, 'kick');
  assert.equal(labels('weakAlbum').find((l) => l.source === 'metadata'), undefined, 'album "Snare Collection" is outweighed');
  assert.equal(effective('weakAlbum')?.category, 'kick');

  assert.equal(labels('namedSnare').find((l) => l.source === 'metadata'), undefined);
  assert.deepEqual([effective('namedSnare')?.source, effective('namedSnare')?.category], ['filename', 'snare']);
});

test('the UI contract shows metadata evidence as readable text, and a user correction still wins and can be undone', async () => {
  const views = labelViews(labels('wavTitle'), (n) => fx.library.db.samples.get(n)?.name ?? String(n));
  const meta = views.find((v) => v.source === 'metadata');
  assert.deepEqual(meta?.tokens, ['title "Kick 03"']);
  assert.ok(meta!.neighbours.length > 0 && meta!.neighbours[0].category === 'kick', 'the agreeing neighbours are shown as corroboration');

  await setUserLabel(fx.library.db, id('mp3Title'), 'clap');
  assert.deepEqual([effective('mp3Title')?.source, effective('mp3Title')?.category], ['user', 'clap']);
  await setUserLabel(fx.library.db, id('mp3Title'), null);
  assert.deepEqual([effective('mp3Title')?.source, effective('mp3Title')?.category], ['metadata', 'percussion']);
});

test('re-classifying is stable and removes metadata labels and tags whose files lost their tags', async () => {
  const again = await classifyLibrary(fx.library.db, { builtin: null });
  assert.equal(again.metadataLabelled, report.metadataLabelled);
  // The file is re-tagged with junk only; a rescan re-analyses it and the old metadata evidence goes away.
  writeTaggedWav(fx.paths.wavTitle, kickVar(8), { title: 'Untitled', genre: 'Other' });
  await fx.library.scan();
  await fx.library.analyse({ workers: 1 });
  await classifyLibrary(fx.library.db, { builtin: null });
  assert.equal(labels('wavTitle').find((l) => l.source === 'metadata'), undefined);
  assert.equal(effective('wavTitle')?.source, 'model');
  assert.deepEqual(tagNames('wavTitle'), []);
});
