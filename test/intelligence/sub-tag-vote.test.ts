// Sub-tags voted by a prediction's neighbours, and which of them a sample is given as 'model' tags.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { voteSubTags } from '../../src/main/intelligence/sub-tag-vote.js';
import { modelSubTagsToWrite } from '../../src/main/services/model-sub-tags.js';
import { builtinSubTags } from '../../src/main/services/reference-sub-tags.js';

const tagsOf = (m: Record<number, string[]>) => (id: number) => m[id];

test('the winning category\'s informed neighbours vote on its sub-tags, weighted as they voted', () => {
  const n = [
    { id: 1, label: 'cymbal', weight: 1 },
    { id: 2, label: 'cymbal', weight: 0.8 },
    { id: 3, label: 'cymbal', weight: 0.5 },
    { id: -4, label: 'hihat_open', weight: 2 }, // another category: never votes on a cymbal's kind
  ];
  const votes = voteSubTags(n, 'cymbal', tagsOf({ 1: ['ride'], 2: ['ride', 'bell'], 3: ['crash'], [-4]: ['ride'] }));
  // ride: 1.8 of 2.3; bell 0.8 and crash 0.5 fall short of a majority.
  assert.deepEqual(votes.map((v) => v.name), ['ride']);
  assert.ok(Math.abs(votes[0].share - 1.8 / 2.3) < 1e-12);
  // A lower bar lets the minority kinds through, strongest first.
  assert.deepEqual(voteSubTags(n, 'cymbal', tagsOf({ 1: ['ride'], 2: ['ride', 'bell'], 3: ['crash'] }), { minShare: 0.3 }).map((v) => v.name), ['ride', 'bell']);
});

test('no sub-tag when too few neighbours know one, or they hold too little of the vote', () => {
  const n = [
    { id: 1, label: 'percussion', weight: 1 },
    { id: 2, label: 'percussion', weight: 1 },
    { id: 3, label: 'percussion', weight: 1 },
  ];
  // One informed neighbour is not a vote.
  assert.deepEqual(voteSubTags(n, 'percussion', tagsOf({ 1: ['conga'] })), []);
  // Two of three informed: they hold 2/3 of the category's weight, enough.
  assert.deepEqual(voteSubTags(n, 'percussion', tagsOf({ 1: ['conga'], 2: ['conga'] })).map((v) => v.name), ['conga']);
  // With a heavy anonymous neighbour the informed two hold under half the weight.
  const heavy = [...n, { id: 9, label: 'percussion', weight: 5 }];
  assert.deepEqual(voteSubTags(heavy, 'percussion', tagsOf({ 1: ['conga'], 2: ['conga'] })), []);
});

test('model sub-tags are written only for the category shown, and not over a kind the name or the user gave', () => {
  const p = { category: 'cymbal', subTags: [{ name: 'ride', confidence: 0.7 }] };
  assert.deepEqual(modelSubTagsToWrite(p, 'cymbal', []), [{ name: 'ride', confidence: 0.7 }]);
  assert.deepEqual(modelSubTagsToWrite(p, undefined, [{ name: 'dark', source: 'descriptor', confidence: 1 }]), [{ name: 'ride', confidence: 0.7 }]);
  // Shown as a hi-hat (the user or a name says so): a cymbal's kind would be wrong.
  assert.deepEqual(modelSubTagsToWrite(p, 'hihat_open', []), []);
  // The name already told its kind.
  assert.deepEqual(modelSubTagsToWrite(p, 'cymbal', [{ name: 'crash', source: 'filename', confidence: 0.9 }]), []);
  // A user's tag that is a cymbal kind counts; one that is not (a mood) does not.
  assert.deepEqual(modelSubTagsToWrite(p, 'cymbal', [{ name: 'china', source: 'user', confidence: 1 }]), []);
  assert.deepEqual(modelSubTagsToWrite(p, 'cymbal', [{ name: 'favourite', source: 'user', confidence: 1 }]), [{ name: 'ride', confidence: 0.7 }]);
  assert.deepEqual(modelSubTagsToWrite({ category: 'unknown', subTags: p.subTags }, undefined, []), []);
  // Only sure votes become tags: a 0.6 ride stays in the evidence.
  assert.deepEqual(modelSubTagsToWrite({ category: 'cymbal', subTags: [{ name: 'ride', confidence: 0.6 }, { name: 'bell', confidence: 0.75 }] }, 'cymbal', []), [{ name: 'bell', confidence: 0.75 }]);
});

test('built-in references carry the sub-tags of their own file name or synth variant, never of the corpus folders', () => {
  // The corpus keeps harpsichords and e-pianos in its 'piano' folder: only the file name speaks.
  assert.deepEqual(builtinSubTags('fluidr3/piano/006_harpsichord_n60_v110.wav', 'keys'), ['harpsichord']);
  assert.deepEqual(builtinSubTags('musescore/drums/051_ride_cymbal_1_v60.wav', 'cymbal'), ['ride']);
  // A name that reads as another category than the reference's label teaches nothing.
  assert.deepEqual(builtinSubTags('fluidr3/drums/051_ride_cymbal_1_v60.wav', 'hihat_open'), []);
  // Synthesized references: the variant, when it is one of the category's sub-tags.
  assert.deepEqual(builtinSubTags('synth/kick/808-2b3d7167', 'kick'), ['808']);
  assert.deepEqual(builtinSubTags('synth/kick/punchy-2b3d7167', 'kick'), []);
});
