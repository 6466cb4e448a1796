// The name labeller against real-world-style sample names, tricky ones included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { labelFromName, unambiguousCategory } from '../../src/shared/naming/name-labeller.js';
import { tokenize } from '../../src/shared/naming/name-tokens.js';
import { CATEGORIES, DRUM_CATEGORIES, categoryById } from '../../src/shared/taxonomy/categories.js';
import { DECISIVE_FILENAME_CONFIDENCE } from '../../src/main/labelling/fuse-evidence.js';

const CATEGORY_TABLE: [path: string, category: string, subTag?: string][] = [
  ['Kick01.wav', 'kick'],
  ['BD_Heavy_02.wav', 'kick'],
  ['KCK-punchy.aif', 'kick'],
  ['Kik 3.wav', 'kick'],
  ['deepKick_C.wav', 'kick'],
  ['808 Kick Long.wav', 'kick', '808'],
  ['Sub_Kick_01.wav', 'kick', 'sub'],
  ['808_C.wav', 'bass', '808'],
  ['808 Boom 3.wav', 'bass', '808'],
  ['Packs/Trap/808s/Cold 808.wav', 'bass', '808'],
  ['SD_tight.wav', 'snare'],
  ['Snr_Room_04.flac', 'snare'],
  ['snare-rimshot-2.wav', 'snare', 'rimshot'],
  ['Caixa_seca.wav', 'snare'],
  ['caisse claire 02.wav', 'snare'],
  ['Rullante_acustico.wav', 'snare'],
  ['Kleine Trommel.wav', 'snare'],
  ['Clp_Tape.wav', 'clap'],
  ['Clap&Snap.wav', 'clap'],
  ['palmas_flamenco_3.wav', 'clap'],
  ['CH_909.wav', 'hihat_closed'],
  ['OH_909.wav', 'hihat_open'],
  ['HH_Open_02.wav', 'hihat_open'],
  ['HiHat Closed 1.wav', 'hihat_closed'],
  ['hihat-open-long.wav', 'hihat_open'],
  ['Hat_03.wav', 'hihat_closed'],
  ['Drums/Hats/Open/tick 1.wav', 'hihat_open'],
  ['HHOpen1.wav', 'hihat_open'],
  ['Crash_Cymbal_01.wav', 'cymbal', 'crash'],
  ['Ride Bell.wav', 'cymbal', 'ride'],
  ['china.wav', 'cymbal', 'china'],
  ['Becken_hell.wav', 'cymbal'],
  ['Tom_Lo.wav', 'tom'],
  ['FloorTom 2.wav', 'tom'],
  ['Perc_Glass.wav', 'percussion'],
  ['Shaker_loop_120.wav', 'percussion', 'shaker'],
  ['Tambourine hit.wav', 'percussion', 'tambourine'],
  ['Cowbell808.wav', 'percussion', 'cowbell'],
  ['Conga_Hi.wav', 'percussion', 'conga'],
  ['pandeiro_tapa.wav', 'percussion', 'tambourine'],
  ['Bombo Legüero 1.wav', 'kick'],
  ['Grosse Caisse.wav', 'kick'],
  ['cassa_dritta.wav', 'kick'],
  ['Bass Drum 1.wav', 'kick'],
  ['Bass_Reese_Am_174.wav', 'bass', 'reese'],
  ['SubBass_F.wav', 'bass', 'sub'],
  ['Baixo Synth.wav', 'bass'],
  ['Pad_Warm_Cmaj.wav', 'pad'],
  ['Lead_Saw_01.wav', 'lead'],
  ['LD_Screamer.wav', 'lead'],
  ['Pluck_C3.wav', 'pluck'],
  ['PlkBright.wav', 'pluck'],
  ['EP_Rhodes_Chord.wav', 'keys', 'e-piano'],
  ['Pno_Soft_C4.wav', 'keys', 'piano'],
  ['Harpsichord C3.wav', 'keys', 'harpsichord'],
  ['Orgel_Kirche.wav', 'organ'],
  ['Marimba_G4.wav', 'mallet', 'marimba'],
  ['Vibes_Soft.wav', 'mallet', 'vibraphone'],
  ['Gtr_Strum_Em_90bpm.wav', 'guitar'],
  ['Gitarre_Akustik.wav', 'guitar'],
  ['Str_Ensemble_Legato.wav', 'strings'],
  ['Cello_Sustain_C2.wav', 'strings', 'cello'],
  ['Brass_Stab.wav', 'brass'],
  ['Trumpet_C5.wav', 'brass', 'trumpet'],
  ['French Horn.wav', 'brass', 'horn'],
  ['Flute_Breathy_A4.wav', 'woodwind', 'flute'],
  ['Sax_Riff_Gm_100.wav', 'woodwind', 'sax'],
  ['Clarinet C4.wav', 'woodwind', 'clarinet'],
  ['Vox_Chop_01.wav', 'vocal'],
  ['Vocal Phrase - Hey.wav', 'vocal'],
  ['Acapella_Dry_128bpm_Fm.wav', 'vocal'],
  ['voix_femme.wav', 'vocal'],
  ['Stimme_tief.wav', 'vocal'],
  ['FX_Riser_8bar.wav', 'fx', 'riser'],
  ['Uplifter_White.wav', 'fx', 'riser'],
  ['Downlifter 02.wav', 'fx', 'downlifter'],
  ['Impact_Big.wav', 'fx', 'impact'],
  ['SFX_Sweep_Up.wav', 'fx', 'sweep'],
  ['Whoosh_Fast.wav', 'fx', 'sweep'],
  ['Foley_Keys_Jingle.wav', 'fx', 'foley'],
  ['Ambience_Rain.wav', 'fx', 'ambience'],
  ['Samples/Drums/Kicks/Untitled 3.wav', 'kick'],
  ['C:\\Samples\\Snares\\Tight.wav', 'snare'],
  ['my_pack/one_shots/claps/thing_1.wav', 'clap'],
  // Words that name another category than the one they seem to: a closed cymbal is a hi-hat, a reversed cymbal is a
  // riser-like effect, the English horn is a woodwind, and timpani are percussion even in a folder of strings.
  ['Cymbal_Closed_Tight.wav', 'hihat_closed'],
  ['Pedal Cymbal 2.wav', 'hihat_closed'],
  ['drum_cymbal_open.wav', 'hihat_open'],
  ['Reverse Cymbal 4s.wav', 'fx', 'reverse'],
  ['Rev_Crash_02.wav', 'fx', 'reverse'],
  ['Orchestra/Strings/Timpani_Roll_D.wav', 'percussion', 'timpani'],
  ['English Horn A4.wav', 'woodwind', 'english horn'],
  ['Cor Anglais legato.wav', 'woodwind', 'english horn'],
  ['Orch_Hit_Cm.wav', 'fx', 'orchestra hit'],
  ['Applause_Small_Club.wav', 'fx', 'crowd'],
  ['Chromatic Percussion/Celesta C5.wav', 'mallet'],
  ['Chromatic Percussion/Dulcimer A3.wav', 'mallet', 'dulcimer'],
  ['Music Box C6.wav', 'mallet', 'music box'],
  ['SteelDrums_G4.wav', 'mallet', 'steel drum'],
  ['Wind Chimes 02.wav', 'percussion', 'chimes'],
  ['MarkTree_Up.wav', 'percussion', 'chimes'],
  // Instruments from other traditions, filed with their Western family.
  ['guit_e_slide.wav', 'guitar'],
  ['Banjo Roll G.wav', 'guitar', 'banjo'],
  ['Sitar_Drone_C#.wav', 'guitar', 'sitar'],
  ['World/Oud Phrase 3.wav', 'guitar', 'lute'],
  ['Koto_A3.wav', 'pluck', 'zither'],
  ['Fiddle Reel D.wav', 'strings', 'violin'],
  ['Shakuhachi breath C4.wav', 'woodwind', 'flute'],
  ['Ocarina_E5.wav', 'woodwind', 'ocarina'],
  ['Bagpipes Drone.wav', 'woodwind', 'bagpipe'],
  ['Duduk_Long_D.wav', 'woodwind', 'double reed'],
  ['Vibraslap 1.wav', 'percussion', 'vibraslap'],
  ['Vinyl Scratch 04.wav', 'fx', 'scratch'],
  ['TapeStop_Long.wav', 'fx', 'scratch'],
  ['Scratch Vox Verse 2.wav', 'vocal'],
  ['Atmos Pad C.wav', 'pad'],
  ['Pads/Atmos 3.wav', 'pad'],
  ['Vocals/Scratch 02.wav', 'vocal'],
  ['Atmospheric Lead 3.wav', 'lead'],
  ['UI_Blip_03.wav', 'fx', 'blip'],
  ['Vinyl Crackle Loop.wav', 'fx', 'noise'],
];

test('name labeller: category table', () => {
  const failures: string[] = [];
  for (const [path, category, subTag] of CATEGORY_TABLE) {
    const top = labelFromName(path).candidates[0];
    if (!top || top.category !== category) failures.push(`${path}: got ${top?.category ?? 'nothing'}, want ${category}`);
    else if (subTag && !top.subTags.includes(subTag)) failures.push(`${path}: sub-tags ${top.subTags.join(',')} lack ${subTag}`);
  }
  assert.deepEqual(failures, []);
});

test('name labeller: words vendors use for pads and ambiences alike hint at fx but never decide', () => {
  // A decisive name teaches the classifier its category (as a reference for its neighbours) and outweighs embedded
  // metadata; "Atmos Chords" is as often a pad as an ambience, so it must not.
  for (const path of ['ATMOS CHORDS F#m 130BPM 28.wav', 'Texture 03.wav', 'Atmosphere_Dark_01.wav']) {
    const top = labelFromName(path).candidates[0];
    assert.equal(top?.category, 'fx', path);
    assert.ok(top.confidence < DECISIVE_FILENAME_CONFIDENCE, `${path}: ${top.confidence}`);
  }
  assert.ok(labelFromName('Ambience_Rain.wav').candidates[0].confidence >= DECISIVE_FILENAME_CONFIDENCE);
});

test('name labeller: names that say nothing stay unlabelled', () => {
  for (const path of ['Untitled 3.wav', 'Sample_0042.wav', 'override.wav', 'custom_atom.wav', 'sunrise_tape.wav', 'Recording (2).wav', 'what.wav']) {
    assert.deepEqual(labelFromName(path).candidates, [], path);
  }
});

test('name labeller: file name outweighs folder, conflicts lower confidence', () => {
  const r = labelFromName('Drums/Kicks/Snare_Tight.wav');
  assert.equal(r.candidates[0].category, 'snare');
  assert.ok(r.candidates[0].confidence < labelFromName('Snare_Tight.wav').candidates[0].confidence);
  const folderOnly = labelFromName('Kicks/Untitled.wav').candidates[0];
  const fileOnly = labelFromName('Kick.wav').candidates[0];
  assert.ok(folderOnly.confidence < fileOnly.confidence);
  assert.ok(fileOnly.confidence >= 0.85);
  const conflict = labelFromName('Kick_Snare_Layer.wav').candidates;
  assert.ok(conflict[0].confidence < 0.5);
  assert.ok(conflict[0].evidence.length > 0 && conflict[0].evidence[0].includes('(file)'));
  assert.equal(unambiguousCategory(labelFromName('Kick_Snare_Layer.wav')), null);
  assert.equal(unambiguousCategory(labelFromName('Kick 01.wav')), 'kick');
});

test('name labeller: the user root never votes', () => {
  const r = labelFromName('/home/bass/Music/Samples/Untitled.wav', { root: '/home/bass/Music' });
  assert.deepEqual(r.candidates, []);
});

test('name labeller: bpm, key, note and kind', () => {
  const cases: [string, number | null, string | null, string | null, string | null][] = [
    ['Loop_128bpm_Am.wav', 128, 'A minor', null, 'loop'],
    ['Drum Loop 128 BPM.wav', 128, null, null, 'loop'],
    ['Bass Loop_C#maj_90.wav', 90, 'C# major', null, 'loop'],
    ['Gtr_Loop_F#m_110.wav', 110, 'F# minor', null, 'loop'],
    ['Keys_A min_85bpm.wav', 85, 'A minor', null, 'loop'],
    ['Pad_Bbm.wav', null, 'Bb minor', null, null],
    ['bpm92_Groove.wav', 92, null, null, 'loop'],
    ['Pluck_C3.wav', null, null, 'C3', null],
    ['Kick_128.wav', null, null, null, null],
    ['Snare One Shot 3.wav', null, null, null, 'oneshot'],
    ['Loops/Top_120_Dm.wav', 120, 'D minor', null, 'loop'],
    ['Ambient_Pad_Eb.wav', null, 'Eb major', null, null],
    ['Kick A.wav', null, null, null, null],
    ['808 Loop 140.wav', 140, null, null, 'loop'],
  ];
  for (const [path, bpm, key, note, kind] of cases) {
    const r = labelFromName(path);
    assert.equal(r.bpm?.value ?? null, bpm, `${path} bpm`);
    assert.equal(r.key?.value ?? null, key, `${path} key`);
    assert.equal(r.note?.value.note ?? null, note, `${path} note`);
    assert.equal(r.kind?.value ?? null, kind, `${path} kind`);
  }
  assert.equal(labelFromName('Pluck_C3.wav').note?.value.midi, 48);
});

test('tokenizer splits camelCase, glued digits and separators', () => {
  assert.deepEqual(tokenize('HHOpen01_deepKick-808Bass.v2'), ['hh', 'open', '01', 'deep', 'kick', '808', 'bass', 'v', '2']);
});

test('taxonomy: ids, groups and GM notes', () => {
  assert.equal(DRUM_CATEGORIES.length, 8);
  for (const id of DRUM_CATEGORIES) assert.equal(categoryById(id).group, 'drums');
  assert.equal(categoryById('kick').gmNote, 36);
  assert.equal(categoryById('hihat_open').gmNote, 46);
  assert.ok(categoryById('cymbal').subTags.includes('ride'));
  assert.equal(new Set(CATEGORIES.map((c) => c.id)).size, CATEGORIES.length);
  assert.ok(CATEGORIES.some((c) => c.id === 'unknown'));
});

test('name labeller: kind words become the chosen category\'s sub-tags, and only its own', () => {
  const sub = (path: string) => labelFromName(path).candidates[0]?.subTags ?? [];
  assert.deepEqual(sub('Snr 909 07.aif'), ['909']);
  assert.deepEqual(sub('Tom_High_31.aif'), ['high']);
  assert.deepEqual(sub('Drums/Toms/Lo Tom 2.wav'), ['low']);
  assert.deepEqual(sub('Kick Acoustic 08.wav'), ['acoustic']);
  assert.deepEqual(sub('Nylon Guitar C3.wav'), ['nylon']);
  // "Elec" is an electronic snare and an electric bass: whichever its category has.
  assert.deepEqual(sub('Snare Elec 03.wav'), ['electronic']);
  assert.deepEqual(sub('Bass Elec E1.wav'), ['electric']);
  // Not a kind this category has: a "low" pad or a "high" kick stays without.
  assert.deepEqual(sub('Low End Pad.wav'), []);
  assert.deepEqual(sub('Kick High 2.wav'), []);
  // A kind word in a folder that named nothing does not reach the file's category.
  assert.deepEqual(sub('Acoustic Set/Snares/Snare 4.wav').includes('acoustic'), false);
});
