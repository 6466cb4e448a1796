// The metadata labeller on the tags real sample files carry, junk included, and the fusion rule that weighs its
// verdict against the acoustic vote and the file name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EmbeddedMetadata } from '../../src/shared/model/audio.js';
import { labelFromMetadata } from '../../src/shared/naming/metadata-labeller.js';
import { cleanGenreTag, cleanKeywordTag, cleanMetadataText, genreWords } from '../../src/shared/naming/metadata-junk.js';
import { metadataTexts } from '../../src/shared/naming/metadata-texts.js';
import { tokenize } from '../../src/shared/naming/name-tokens.js';
import { fuseMetadata, MIN_METADATA_CONFIDENCE } from '../../src/main/labelling/fuse-evidence.js';

const top = (meta: EmbeddedMetadata, path?: string) => labelFromMetadata(meta, { path }).candidates[0];

test('a title or a comment that names the sound is strong evidence', () => {
  const kick = top({ title: 'Kick 03' });
  assert.equal(kick?.category, 'kick');
  assert.ok(kick.confidence >= 0.85, `title "Kick 03": ${kick.confidence}`);
  assert.deepEqual(kick.evidence, ['title "Kick 03"']);

  const bass = top({ comment: '808 sub bass' });
  assert.equal(bass?.category, 'bass');
  assert.ok(bass.confidence >= 0.8, `comment "808 sub bass": ${bass.confidence}`);
  assert.deepEqual(new Set(bass.subTags), new Set(['808', 'sub']));
  assert.deepEqual(bass.evidence, ['comment "808 sub bass"']);

  // The same vocabulary and rules as file names: open hats, glued words, other languages, vendor fields.
  assert.equal(top({ title: 'Hat Open 02' })?.category, 'hihat_open');
  assert.equal(top({ title: 'deepkick_04' })?.category, 'kick');
  assert.equal(top({ title: 'Caixa seca' })?.category, 'snare');
  assert.equal(top({ raw: { 'VORBIS.CATEGORY': 'Drums; Snare' } })?.category, 'snare');
  assert.equal(top({ raw: { 'ID3.TXXX:INSTRUMENT': 'Rhodes' } })?.category, 'keys');
  assert.equal(top({ raw: { 'INFO.IKEY': 'shaker; loop; dry' } })?.category, 'percussion');
  assert.equal(top({ raw: { 'ID3.TIT1': 'Pads' } })?.category, 'pad');
  // A vendor's category field outranks a passing word in the comment.
  const mixed = labelFromMetadata({ comment: 'layered with a snare', raw: { 'VORBIS.CATEGORY': 'Clap' } }).candidates;
  assert.equal(mixed[0].category, 'clap');
  assert.equal(mixed[1].category, 'snare');
  assert.ok(mixed[0].confidence > mixed[1].confidence);
});

test('long comments are quoted around the word that matched', () => {
  const c = top({ comment: 'Recorded in a large wooden room with two ribbon mics and a little tape saturation: a deep punchy kick, tuned low' });
  assert.equal(c?.category, 'kick');
  assert.equal(c.evidence.length, 1);
  assert.match(c.evidence[0], /^comment "…[^…]*punchy kick, tuned low"$/);
  assert.ok(c.evidence[0].length <= 'comment ""'.length + 52, c.evidence[0]);
});

test('genre alone is weak, music-style genres say nothing, and genre never argues with the title', () => {
  assert.equal(top({ genre: 'Drum & Bass' }), undefined, '"Drum & Bass" is a style, not a drum or a bass');
  assert.equal(top({ genre: 'Hip-Hop' }), undefined);
  assert.equal(top({ genre: 'Bass House' }), undefined);
  assert.equal(top({ genre: 'Vocal' }), undefined, 'ID3 genre 28 is a style');
  const drums = top({ genre: 'Kicks' });
  assert.equal(drums?.category, 'kick');
  assert.ok(drums.confidence < MIN_METADATA_CONFIDENCE, `genre-only evidence stays under the labelling bar: ${drums.confidence}`);
  // A genre naming another category does not dilute the title.
  assert.equal(top({ title: 'Snare 02', genre: 'Percussion' })?.confidence, top({ title: 'Snare 02' })?.confidence);
  // ...but supports it when it agrees.
  assert.ok(top({ title: 'Kik', genre: 'Kicks' })!.confidence > top({ title: 'Kik' })!.confidence);
  assert.deepEqual(genreWords(tokenize('Drum & Bass')), []);
  assert.deepEqual(genreWords(tokenize('Techno Kicks')), ['techno', 'kicks']);
});

test('junk metadata is ignored: placeholders, encoders, DAWs, copyright lines, credits, repeats of the file name', () => {
  const junk: EmbeddedMetadata[] = [
    { title: 'Track 01' },
    { title: 'Audio 1-03' },
    { title: 'Untitled' },
    { title: 'FL Studio 20' }, // "fl" is a flute abbreviation in file names
    { title: 'Logic Pro X', comment: 'Ableton Live 11.2' },
    { comment: 'Encoded with LAME 3.100' },
    { comment: '(c) 2019 Bass Factory. All rights reserved. www.bassfactory.com' },
    { comment: ' 00000A2B 00000B1C 0000F00D 0000BEEF' },
    { title: 'DJ Kick', artist: 'DJ Kick' },
    { description: 'Snare Sounds Ltd', originator: 'Snare Sounds Ltd' },
    { title: 'Kick 01' },
    { genre: 'Other' },
  ];
  for (const meta of junk) {
    const l = labelFromMetadata(meta, { path: '/packs/x/Kick 01.wav' });
    assert.deepEqual(l.candidates, [], JSON.stringify(meta));
  }
  const ignored = labelFromMetadata({ title: 'Track 01', comment: '© 2021 Vendor', software: 'Lavf58.76.100' }).ignored;
  assert.deepEqual(ignored.map((i) => [i.field, i.reason]), [['title', 'placeholder'], ['comment', 'copyright, link or credit']]);
  // A notice in one clause does not sink the description next to it.
  assert.equal(top({ comment: 'Deep punchy kick - (c) 2021 Vendor, www.vendor.com' })?.category, 'kick');
  assert.deepEqual(cleanMetadataText('Made in FL Studio 20').clauses, [['made', 'in']]);
  assert.equal(cleanMetadataText('808').ignored, undefined, 'drum-machine numbers are words');
});

test('genres and keywords become tags when clean', () => {
  const l = labelFromMetadata({ genre: 'Drum & Bass', raw: { 'VORBIS.KEYWORDS': 'Dark; punchy; analog warmth; www.x.com; 0001; a very long keyword sentence here' } });
  const names = l.tags.map((t) => t.name);
  assert.deepEqual(names, ['genre:Drum & Bass', 'dark', 'punchy', 'analog warmth']);
  assert.equal(cleanGenreTag('(12)'), null);
  assert.equal(cleanGenreTag('Other'), null);
  assert.equal(cleanGenreTag('Hip-Hop'), 'Hip-Hop');
  assert.equal(cleanKeywordTag('Logic Pro'), null);
  // The top candidate's sub-tags are tags too, as from file names.
  assert.deepEqual(labelFromMetadata({ title: '808 Kick' }).tags.map((t) => t.name), ['808']);
});

test('metadataTexts reads typed fields and the raw vendor fields, once each', () => {
  const texts = metadataTexts({
    title: 'Kick 03', comment: 'dry', genre: 'House', artist: 'Someone',
    raw: { 'INFO.INAM': 'Kick 03', 'INFO.IKEY': 'kick; dry', 'ID3.TXXX:CATEGORY': 'Kick', 'ACID.rootNote': '60', 'VORBIS.SUBCATEGORY': 'Kick; Acoustic', 'ID3.COMM:iTunNORM': '0000 0000' },
  });
  assert.deepEqual(texts, [
    { field: 'title', text: 'Kick 03' }, { field: 'comment', text: 'dry' }, { field: 'genre', text: 'House' },
    { field: 'keywords', text: 'kick' }, { field: 'keywords', text: 'dry' }, { field: 'category', text: 'Kick' }, { field: 'category', text: 'Acoustic' },
  ]);
});

test('fusion: strong metadata beats a weak or even a unanimous acoustic guess; a unanimous vote beats weak metadata', () => {
  const kick = labelFromMetadata({ title: 'Kick 03' }).candidates;
  const unanimousSnare = { category: 'snare', confidence: 1, scores: { snare: 1 } };
  const split = { category: 'snare', confidence: 0.5, scores: { snare: 0.5, kick: 0.3, tom: 0.2 } };
  const strong = fuseMetadata({ metadata: kick, acoustic: unanimousSnare })!;
  assert.equal(strong.decides, true);
  assert.equal(strong.category, 'kick');
  assert.ok(strong.confidence < kick[0].confidence, 'disagreement lowers the confidence');
  assert.match(strong.reason, /stronger than the sound model's snare/);
  const agreeing = fuseMetadata({ metadata: kick, acoustic: { category: 'kick', confidence: 0.9, scores: { kick: 0.9, tom: 0.1 } } })!;
  assert.ok(agreeing.decides && agreeing.confidence > kick[0].confidence, 'agreement raises it');
  assert.match(agreeing.reason, /agrees \(90%\)/);

  const weak = labelFromMetadata({ album: 'Kick Collection' }).candidates;
  assert.ok(weak[0].confidence >= MIN_METADATA_CONFIDENCE && weak[0].confidence < 0.7, `album-only evidence is weak: ${weak[0].confidence}`);
  const lost = fuseMetadata({ metadata: weak, acoustic: unanimousSnare })!;
  assert.equal(lost.decides, false);
  assert.match(lost.reason, /sound model says snare/);
  // Weak metadata still decides a split vote it is part of, and stands alone when there is no vote at all.
  assert.equal(fuseMetadata({ metadata: weak, acoustic: split })!.decides, true);
  assert.equal(fuseMetadata({ metadata: weak })!.decides, true);
  assert.equal(fuseMetadata({ metadata: weak, acoustic: { ...unanimousSnare, category: 'unknown', rejected: true } })!.decides, true, 'a rejected vote barely counts');
  assert.equal(fuseMetadata({ metadata: [] }), null);
});

test('fusion: a decisive file name is never overruled; a weak one is one more expert', () => {
  const kick = labelFromMetadata({ title: 'Kick 03' }).candidates;
  const v = fuseMetadata({ metadata: kick, filename: { category: 'snare', confidence: 0.9 } })!;
  assert.equal(v.decides, false);
  assert.match(v.reason, /file name says snare/);
  assert.equal(fuseMetadata({ metadata: kick, filename: { category: 'kick', confidence: 0.9 } })!.decides, false, 'nothing to add to a decisive name');
  assert.equal(fuseMetadata({ metadata: kick, filename: { category: 'bass', confidence: 0.45 } })!.decides, true);
  const weak = labelFromMetadata({ album: 'Kick Collection' }).candidates;
  // A weak name and a split vote both for snare outweigh weak metadata.
  assert.equal(fuseMetadata({ metadata: weak, filename: { category: 'snare', confidence: 0.6 }, acoustic: { category: 'snare', confidence: 0.6, scores: { snare: 0.6, kick: 0.4 } } })!.decides, false);
});
