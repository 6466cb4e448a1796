// End to end through a real scanned library: a UCS-named file, an anonymous WAV carrying an iXML/ASWG UCS category,
// an MP3 with an ID3v2.4 multi-genre tag and an ordinary underscore-named kick are scanned, analysed and classified;
// each is labelled by the right evidence, and the evidence says why.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeWav } from '../../src/main/encode/wav-writer.js';
import { classifyLibrary, type ClassifyReport } from '../../src/main/services/classify.js';
import { encodeWithTool } from '../support/audio-fixtures.js';
import { rng } from '../support/signals.js';
import { appendRiffChunk, id3TextFrame, id3v2Tag } from '../support/tag-bytes.js';
import { SR, buildFixtureLibrary, kickVar, type FixtureLibrary } from '../services/fixture-library.js';

/** Noise through a resonator sweeping up then down: a whoosh. */
function whoosh(seed: number): Float32Array {
  const r = rng(seed);
  const x = new Float32Array(Math.round(0.9 * SR));
  let y1 = 0, y2 = 0;
  for (let n = 0; n < x.length; n++) {
    const t = n / x.length;
    const f = 300 + 3500 * Math.sin(Math.PI * t);
    const w = (2 * Math.PI * f) / SR, rad = 0.97;
    const y = (2 * r() - 1) * 0.05 + 2 * rad * Math.cos(w) * y1 - rad * rad * y2;
    y2 = y1; y1 = y;
    x[n] = 0.5 * y * Math.sin(Math.PI * t) ** 2;
  }
  return x;
}

/** A quiet noise bed with short high chirps: a forest at dawn. */
function forest(seed: number): Float32Array {
  const r = rng(seed);
  const x = new Float32Array(Math.round(1.5 * SR));
  let lp = 0;
  for (let n = 0; n < x.length; n++) {
    lp += 0.05 * (2 * r() - 1 - lp);
    const t = n / SR;
    const chirp = (t % 0.37) < 0.06 ? 0.15 * Math.sin(2 * Math.PI * (3200 + 9000 * (t % 0.37)) * t) : 0;
    x[n] = 0.3 * lp + chirp;
  }
  return x;
}

const FOREST_IXML = `<?xml version="1.0" encoding="UTF-8"?><BWFXML><IXML_VERSION>2.10</IXML_VERSION>
<ASWG><category>AMBIENCE</category><subCategory>FOREST</subCategory><catId>AMBForst</catId><fxName>Dawn Chorus</fxName></ASWG>
<USER><KEYWORDS>birds, morning, forest</KEYWORDS><LIBRARY>Field Kit</LIBRARY></USER><TAKE>7</TAKE></BWFXML>`;

let fx: FixtureLibrary;
let report: ClassifyReport;
const id = (role: string) => fx.library.db.samples.byPath(fx.paths[role]!)!.id;
const effective = (role: string) => fx.library.db.labels.effective(id(role));
const tagsOf = (role: string, source: string) => (fx.library.db.tags.forSamples([id(role)]).get(id(role)) ?? []).filter((t) => t.source === source).map((t) => t.name);

before(async () => {
  fx = await buildFixtureLibrary((dir) => {
    const p = (name: string) => join(dir, name);
    writeFileSync(p('WHSH_Air Pass Fast_SNT_Synthetics.wav'), encodeWav([whoosh(3)], SR, { bitDepth: 16 }));
    writeFileSync(p('take_0931.wav'), appendRiffChunk(encodeWav([forest(4)], SR, { bitDepth: 16 }), 'iXML', Buffer.from(FOREST_IXML)));
    writeFileSync(p('Kick_01_Hard.wav'), encodeWav([kickVar(11)], SR, { bitDepth: 16 }));
    // An MP3 whose ID3v2.4 tag (our own bytes, in front of lame's frames) lists two genres.
    writeFileSync(p('src.wav'), encodeWav([kickVar(12)], SR, { bitDepth: 16 }));
    encodeWithTool(p('src.wav'), 'mp3', p('plain.tmp'));
    const tag = id3v2Tag(4, [id3TextFrame(4, 'TIT2', 'Shaker 04'), id3TextFrame(4, 'TCON', 'Techno\0House')]);
    writeFileSync(p('rec_77.mp3'), Buffer.concat([tag, readFileSync(p('plain.tmp'))]));
    unlinkSync(p('src.wav'));
    unlinkSync(p('plain.tmp'));
    return { ucsName: p('WHSH_Air Pass Fast_SNT_Synthetics.wav'), ixml: p('take_0931.wav'), plainKick: p('Kick_01_Hard.wav'), genres: p('rec_77.mp3') };
  });
  assert.equal(fx.library.db.samples.counts().failed, 0);
  report = await classifyLibrary(fx.library.db, { builtin: null, vectors: 'descriptors' });
});

after(async () => {
  await fx.library.close();
  rmSync(fx.dir, { recursive: true, force: true });
});

test('a UCS-named file is labelled by its CatID at index time, with the CatID as the evidence', () => {
  const l = effective('ucsName');
  assert.deepEqual([l?.source, l?.category], ['filename', 'fx']);
  assert.deepEqual((l?.evidence as { tokens: string[] }).tokens, ['UCS WHSH = SWOOSHES / WHOOSH (file)']);
  assert.ok(l!.confidence >= 0.9, String(l!.confidence));
  assert.deepEqual(tagsOf('ucsName', 'filename'), ['sweep']);
  // The creator/source blocks ("SNT", "Synthetics") are not words about the sound.
  assert.ok(!JSON.stringify(l?.evidence).includes('synth'));
});

test('an anonymous WAV with an iXML/ASWG UCS category is labelled by it, says why, and carries its keywords', () => {
  const detail = fx.library.db.samples.detail(id('ixml'))!.metadata;
  assert.deepEqual([detail.category, detail.subCategory, detail.catId, detail.title, detail.library], ['AMBIENCE', 'FOREST', 'AMBForst', 'Dawn Chorus', 'Field Kit']);
  assert.equal(detail.raw?.['IXML.TAKE'], '7');
  const l = effective('ixml');
  assert.deepEqual([l?.source, l?.category], ['metadata', 'fx']);
  const ev = l?.evidence as { tokens: string[]; reason: string };
  assert.deepEqual(ev.tokens, ['catId "AMBForst" (UCS AMBIENCE / FOREST)']);
  assert.ok(ev.reason.length > 0);
  assert.deepEqual(new Set(tagsOf('ixml', 'metadata')), new Set(['ambience', 'birds', 'morning', 'forest']));
  assert.ok(report.metadataLabelled >= 2, JSON.stringify(report));
});

test('an ID3v2.4 genre list becomes one genre tag per genre; an ordinary underscore name stays an ordinary name', () => {
  assert.deepEqual(new Set(tagsOf('genres', 'metadata')), new Set(['genre:Techno', 'genre:House', 'shaker']));
  assert.deepEqual([effective('genres')?.source, effective('genres')?.category], ['metadata', 'percussion']);
  const kick = effective('plainKick');
  assert.deepEqual([kick?.source, kick?.category], ['filename', 'kick']);
  assert.ok(!JSON.stringify(kick?.evidence).includes('UCS'));
});
