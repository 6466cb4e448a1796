// UCS (Universal Category System) as label evidence: the CatID table, the mapping onto our taxonomy, UCS file names
// read confidently without misfiring on ordinary sample names, and UCS fields in tags, scored on the labellers' scale.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UCS_ROWS } from '../../src/shared/naming/ucs-categories.js';
import { isUcsCategory, parseUcsName, ucsByCatId, ucsByNames, ucsTarget } from '../../src/shared/naming/ucs.js';
import { labelFromName } from '../../src/shared/naming/name-labeller.js';
import { labelFromMetadata } from '../../src/shared/naming/metadata-labeller.js';
import { fuseMetadata } from '../../src/main/labelling/fuse-evidence.js';
import { CATEGORY_IDS } from '../../src/shared/taxonomy/categories.js';

test('the UCS table: unique CatIDs, looked up by id (UCS case or all capitals) and by names in any case', () => {
  const ids = UCS_ROWS.flatMap(([, subs]) => subs.split('; ').map((p) => p.split(' ')[0]!));
  assert.equal(new Set(ids).size, ids.length);
  assert.ok(ids.length > 600, `${ids.length} CatIDs`);
  assert.deepEqual(ucsByCatId('WHSH'), { catId: 'WHSH', category: 'SWOOSHES', subCategory: 'WHOOSH' });
  assert.equal(ucsByCatId('AMBFORST')?.catId, 'AMBForst', 'all-capitals spelling of a mixed-case id');
  assert.equal(ucsByCatId('whsh'), undefined);
  assert.equal(ucsByCatId('Kick'), undefined);
  assert.equal(ucsByNames('Ambience', ' forest ')?.catId, 'AMBForst');
  assert.equal(ucsByNames('FOOD & DRINK', 'cooking')?.catId, 'FOODCook');
  assert.ok(isUcsCategory('vehicles') && !isUcsCategory('Drums'));
});

test('UCS categories map onto our taxonomy: effects with the right sub-tag, instruments and voices where UCS says so', () => {
  const cases: Array<[string, string, string | null, string?]> = [
    ['SWOOSHES', 'WHOOSH', 'fx', 'sweep'], ['SWOOSHES', 'SWISH', 'fx', 'sweep'], ['FIRE', 'WHOOSH', 'fx', 'sweep'],
    ['EXPLOSIONS', 'REAL', 'fx', 'impact'], ['GLASS', 'BREAK', 'fx', 'impact'], ['METAL', 'IMPACT', 'fx', 'impact'],
    ['DESIGNED', 'RISER', 'fx', 'riser'], ['DESIGNED', 'BASS DIVE', 'fx', 'downlifter'], ['USER INTERFACE', 'GLITCH', 'fx', 'glitch'],
    ['AMBIENCE', 'FOREST', 'fx', 'ambience'], ['RAIN', 'GENERAL', 'fx', 'ambience'],
    ['FOLEY', 'FEET', 'fx', 'foley'], ['FOOTSTEPS', 'HUMAN', 'fx', 'foley'], ['CLOTH', 'MOVEMENT', 'fx', 'foley'],
    ['VEHICLES', 'CAR', 'fx'], ['BELLS', 'DOORBELL', 'fx'],
    ['VOICES', 'FEMALE', 'vocal'], ['HUMAN', 'BREATH', 'vocal'], ['MUSICAL', 'CHORAL', 'vocal', 'choir'],
    ['MUSICAL', 'PERCUSSION', 'percussion'], ['MUSICAL', 'SHAKEN', 'percussion', 'shaker'], ['MUSICAL', 'PERCUSSION TUNED', 'mallet'],
    ['MUSICAL', 'KEYED', 'keys'], ['MUSICAL', 'STRINGED', 'strings'], ['MUSICAL', 'BRASS', 'brass'], ['MUSICAL', 'WOODWIND', 'woodwind'],
    ['MUSICAL', 'PLUCKED', 'guitar'], ['MUSICAL', 'BELLS', 'mallet', 'bells'],
    ['MUSICAL', 'SYNTHESIZED', null], ['MUSICAL', 'LOOP', null], ['ARCHIVED', 'MIX', null], ['Drums', 'Kicks', null],
  ];
  for (const [cat, sub, category, subTag] of cases) {
    const target = ucsTarget(cat, sub);
    assert.equal(target?.category ?? null, category, `${cat}/${sub}`);
    if (subTag) assert.equal(target?.subTag, subTag, `${cat}/${sub}`);
  }
  // Every row maps to a real category id (or deliberately to nothing).
  for (const [cat, subs] of UCS_ROWS) {
    for (const pair of subs.split('; ')) {
      const t = ucsTarget(cat, pair.slice(pair.indexOf(' ') + 1));
      if (t) assert.ok((CATEGORY_IDS as readonly string[]).includes(t.category), `${cat} ${pair}`);
    }
  }
});

test('UCS file names are recognised with their blocks; ordinary sample names never are', () => {
  const whoosh = parseUcsName('WHSH_Fast Pass Heavy_JD_MyLib');
  assert.deepEqual(whoosh && { ...whoosh, entry: whoosh.entry.catId }, { entry: 'WHSH', fxName: 'Fast Pass Heavy', creatorId: 'JD', sourceId: 'MyLib' });
  assert.equal(parseUcsName('DOORWood-Barn_Creaky Open Close_AB_Farm')?.userCategory, 'Barn');
  assert.equal(parseUcsName('AMBForst_Forest (ID 0100)_BSB')?.entry.subCategory, 'FOREST', 'three blocks are enough for a distinctive id');
  assert.equal(parseUcsName('AMBFORST_Forest Dawn_BSB_Lib')?.entry.catId, 'AMBForst');
  assert.equal(parseUcsName('RAIN_Light On Roof_JD_Storms')?.entry.category, 'RAIN');
  assert.equal(parseUcsName('GLASBrk_Bottle Smash_JD_Kitchen_take2')?.sourceId, 'Kitchen');
  for (const name of [
    'Kick_01_Hard', '808_Bass_C', 'Snare_Tight_02', 'Hat_Open_01_Bright', 'Bass_Reese_Dark_01', 'Pad_Warm_C_Major',
    'RAIN_Heavy_JD', 'MIX_Final_v2', 'TEST_tone_440_sine', 'whsh_fast_jd_lib', 'Whsh_Fast_JD_Lib', 'WHSHX_Fast_JD_Lib',
    'AMBForst__JD_Lib', 'AMBForst_Forest', 'AMBForst_ _JD', 'WHSH Fast Pass JD MyLib', 'Vocal_Chop_Cm_120',
  ]) {
    assert.equal(parseUcsName(name), null, name);
  }
});

test('a UCS CatID in a file name is strong evidence: fx with its sub-tag, above a single clear word, explained', () => {
  const ucs = labelFromName('/lib/SFX/WHSH_Fast Pass Heavy_JD_MyLib.wav', { root: '/lib' });
  const top = ucs.candidates[0]!;
  assert.equal(top.category, 'fx');
  assert.deepEqual(top.subTags, ['sweep']);
  assert.deepEqual(top.evidence, ['sfx (folder)', 'UCS WHSH = SWOOSHES / WHOOSH (file)']);
  assert.equal(ucs.ucs?.entry.catId, 'WHSH');
  const word = labelFromName('/lib/Kick 01.wav', { root: '/lib' }).candidates[0]!;
  const alone = labelFromName('/lib/AMBForst_Dawn Chorus_JD_Field.wav', { root: '/lib' }).candidates[0]!;
  assert.ok(alone.confidence > word.confidence && alone.confidence < 0.99, `${alone.confidence} vs ${word.confidence}`);
  assert.deepEqual([alone.category, alone.subTags], ['fx', ['ambience']]);
  assert.equal(labelFromName('/lib/AMBForst_Dawn Chorus_JD_Field.wav').candidates.length, 1, 'a bird "chorus" is no choir: words never contradict the CatID');
});

test('in a UCS name only the FXName describes the sound: creator and library never vote, a finer drum word wins', () => {
  const kick = labelFromName('MUSCPerc_Kick Deep Round_JD_Snare Library.wav');
  assert.equal(kick.candidates[0]?.category, 'kick');
  assert.ok(kick.candidates[0]!.evidence.includes('UCS MUSCPerc = MUSICAL / PERCUSSION (file)'), 'the broad class supports the finer word');
  assert.ok(!kick.candidates.some((c) => c.category === 'snare'), 'the library name "Snare Library" is no evidence');
  assert.equal(labelFromName('MUSCPerc_Big Taiko Hit_JD_Drums.wav').candidates[0]?.category, 'percussion');
  // MUSICAL/LOOP names no instrument but says loop; the tempo in the FXName still reads.
  const loop = labelFromName('MUSCLoop_Funk Groove 96bpm_JD_Lib.wav');
  assert.equal(loop.kind?.value, 'loop');
  assert.equal(loop.bpm?.value, 96);
  assert.deepEqual(loop.candidates, []);
  // An ordinary name is untouched.
  const plain = labelFromName('Kick_01_Hard.wav');
  assert.equal(plain.ucs, undefined);
  assert.deepEqual([plain.candidates[0]?.category, plain.candidates[0]?.confidence], ['kick', 0.9]);
});

test('UCS fields in tags decide the metadata label, read once, with the CatID as the reason', () => {
  const forest = labelFromMetadata({ catId: 'AMBForst', category: 'AMBIENCE', subCategory: 'FOREST', keywords: 'birds, dawn' });
  assert.equal(forest.candidates.length, 1);
  assert.deepEqual([forest.candidates[0]?.category, forest.candidates[0]?.evidence], ['fx', ['catId "AMBForst" (UCS AMBIENCE / FOREST)']]);
  assert.ok(forest.candidates[0]!.confidence >= 0.9, String(forest.candidates[0]!.confidence));
  assert.deepEqual(forest.tags.map((x) => x.name).sort(), ['ambience', 'birds', 'dawn']);

  assert.deepEqual(labelFromMetadata({ catId: 'AMBForst', title: 'Dawn Chorus' }).candidates.map((c) => c.category), ['fx']);
  // Names without a CatID; a doorbell is an effect, not a mallet, though "bells" is an instrument word.
  const door = labelFromMetadata({ category: 'Bells', subCategory: 'Doorbell' });
  assert.deepEqual(door.candidates.map((c) => [c.category, c.evidence]), [['fx', ['category "BELLS / DOORBELL" (UCS)']]]);
  // A broad UCS class lends its weight to the title's finer word.
  const kick = labelFromMetadata({ category: 'MUSICAL', subCategory: 'PERCUSSION', title: 'Kick 03' });
  assert.equal(kick.candidates[0]?.category, 'kick');
  assert.deepEqual(kick.candidates[0]?.evidence, ['title "Kick 03"', 'category "MUSICAL / PERCUSSION" (UCS)']);
  assert.ok(kick.candidates[0]!.confidence > labelFromMetadata({ title: 'Kick 03' }).candidates[0]!.confidence);
  // "MUSCPerc" is a code, not the word "perc" read twice.
  const perc = labelFromMetadata({ catId: 'MUSCPerc' });
  assert.deepEqual(perc.candidates.map((c) => [c.category, c.evidence.length]), [['percussion', 1]]);
  // A vendor category that is no UCS category still reads as words; so does a UCS category name on its own, since
  // sample packs file mallets under "Bells" and woodwinds under "Wind".
  assert.equal(labelFromMetadata({ category: 'Snare' }).candidates[0]?.category, 'snare');
  assert.deepEqual(labelFromMetadata({ category: 'Bells', title: 'Tubular C4' }).candidates.map((c) => c.category), ['mallet']);
  assert.deepEqual(labelFromMetadata({ category: 'Wind', title: 'Flute Legato' }).candidates.map((c) => c.category), ['woodwind']);
});

test('fusion keeps its contract: a UCS-named file is decisive over tags, UCS tags outweigh an anonymous name', () => {
  const named = labelFromName('WHSH_Air Pass_JD_Lib.wav').candidates[0]!;
  const tags = labelFromMetadata({ title: 'Kick 01' });
  const verdict = fuseMetadata({ metadata: tags.candidates, filename: { category: named.category, confidence: named.confidence } });
  assert.equal(verdict?.decides, false);
  assert.match(verdict!.reason, /file name says fx/);
  const ucsTags = labelFromMetadata({ catId: 'WHSH' });
  const anon = labelFromName('take_0931.wav').candidates[0] ?? null;
  const v2 = fuseMetadata({ metadata: ucsTags.candidates, filename: anon, acoustic: { category: 'kick', confidence: 0.9, scores: { kick: 0.9, snare: 0.1 } } });
  assert.deepEqual([v2?.decides, v2?.category], [true, 'fx']);
});
