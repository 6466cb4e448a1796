// analyseSource end to end on synthesized audio: kinds, tempo, key, pitch, `only`, determinism, failures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseSource, analyzerPlan, ANALYZER_VERSIONS, FEATURE_VECTOR_LAYOUT, FEATURE_VECTOR_LENGTH, FEATURE_ASPECT_RANGES } from '../../src/main/analysis/analyse-source.js';
import { sourceFromPcm, type AudioSource } from '../../src/main/decode/audio-source.js';
import { ANALYZER_IDS } from '../../src/shared/model/analysis.js';
import { arpeggio, clickTrack, drumLoop, kick, note, sine, snare, whiteNoise } from '../support/signals.js';

const SR = 44100;
const stereo = (x: Float32Array) => [x, x.slice()];

test('a 0.5 s decaying hit is a one-shot with a short attack', async () => {
  const r = await analyseSource(sourceFromPcm(stereo(kick(0.5, SR)), SR));
  assert.equal(r.envelope?.kind, 'oneshot');
  assert.ok(r.envelope!.attackSec < 0.01, `attack ${r.envelope!.attackSec}`);
  assert.ok(r.envelope!.decaySec < 0.4);
  assert.ok(r.envelope!.kindReason.length > 0);
  assert.equal(r.rhythm?.bpm, null);
});

test('a 4-bar 120 BPM drum loop is a loop at 120 BPM, 16 beats', async () => {
  const r = await analyseSource(sourceFromPcm(stereo(drumLoop(120, 4, SR)), SR));
  assert.equal(r.envelope?.kind, 'loop');
  assert.ok(Math.abs(r.rhythm!.bpm! - 120) < 0.5, `${r.rhythm!.bpm}`);
  assert.equal(r.rhythm?.beats, 16);
  assert.equal(r.key?.key, null, 'drums have no key');
  assert.equal(r.pitch?.note, null, 'drums have no pitch');
});

test('a 2-bar 95 BPM drum loop at 48 kHz is a loop at 95 BPM', async () => {
  const r = await analyseSource(sourceFromPcm([drumLoop(95, 2, 48000)], 48000));
  assert.equal(r.envelope?.kind, 'loop');
  assert.ok(Math.abs(r.rhythm!.bpm! - 95) < 0.5, `${r.rhythm!.bpm}`);
});

for (const bpm of [120, 90, 174]) {
  test(`a ${bpm} BPM click track reads ${bpm} BPM`, async () => {
    const r = await analyseSource(sourceFromPcm([clickTrack(bpm, 10.3, SR)], SR), { only: ['rhythm'] });
    assert.ok(r.rhythm?.bpm && Math.abs(r.rhythm.bpm - bpm) < 1, `${r.rhythm?.bpm}`);
  });
}

test('the acid loop flag wins over the audio', async () => {
  const r = await analyseSource(sourceFromPcm(stereo(kick(0.5, SR)), SR, { metadata: { loop: true } }));
  assert.equal(r.envelope?.kind, 'loop');
  assert.match(r.envelope!.kindReason, /metadata/);
  const s = await analyseSource(sourceFromPcm(stereo(drumLoop(120, 4, SR)), SR, { metadata: { loop: false } }), { only: ['envelope'] });
  assert.equal(s.envelope?.kind, 'oneshot');
});

test('tonal one-shots get a note; noise and snares do not', async () => {
  const a = await analyseSource(sourceFromPcm([note(440, 1, SR)], SR), { only: ['pitch'] });
  assert.equal(a.pitch?.note, 'A4');
  assert.ok(Math.abs(a.pitch!.cents!) < 5);
  const c = await analyseSource(sourceFromPcm([sine(261.63, 1, SR)], SR), { only: ['pitch'] });
  assert.equal(c.pitch?.note, 'C4');
  const bass = await analyseSource(sourceFromPcm([note(32.7, 1.5, SR, 0.5, 1, 6)], SR), { only: ['pitch'] });
  assert.equal(bass.pitch?.note, 'C1');
  for (const x of [whiteNoise(1, SR), snare(0.4, SR)]) {
    const r = await analyseSource(sourceFromPcm([x], SR), { only: ['pitch', 'spectral'] });
    assert.equal(r.pitch?.f0Hz, null);
    assert.ok(r.spectral!.tonality < 0.3, `tonality ${r.spectral!.tonality}`);
  }
  const s = await analyseSource(sourceFromPcm([sine(440, 1, SR)], SR), { only: ['spectral'] });
  assert.ok(s.spectral!.tonality > 0.8);
});

test('a C-major arpeggio loop is C major, an A-minor one A minor', async () => {
  const c = await analyseSource(sourceFromPcm([arpeggio([60, 64, 67, 72, 67, 64], 0.25, 4, SR)], SR), { only: ['key'] });
  assert.equal(c.key?.key, 'C major');
  const a = await analyseSource(sourceFromPcm([arpeggio([57, 60, 64, 69, 64, 60], 0.25, 4, SR)], SR), { only: ['key'] });
  assert.equal(a.key?.key, 'A minor');
  assert.equal(a.key?.chroma.length, 12);
});

test('`only` runs just what was asked plus its dependencies', async () => {
  const r = await analyseSource(sourceFromPcm([sine(440, 1, SR)], SR), { only: ['loudness'] });
  assert.deepEqual(Object.keys(r), ['loudness']);
  const k = await analyseSource(sourceFromPcm([sine(440, 1, SR)], SR), { only: ['rhythm'] });
  assert.deepEqual(Object.keys(k).sort(), ['envelope', 'rhythm']);
  assert.deepEqual(analyzerPlan(['vector']).slice(-1), ['vector']);
  assert.equal(analyzerPlan().length, ANALYZER_IDS.length);
  assert.throws(() => analyzerPlan(['bogus' as never]), /unknown analyzer 'bogus'/);
  for (const id of ANALYZER_IDS) assert.ok(ANALYZER_VERSIONS[id] >= 1);
});

test('results are deterministic and the vector matches its layout', async () => {
  const x = drumLoop(128, 1, SR);
  const a = await analyseSource(sourceFromPcm(stereo(x), SR));
  const b = await analyseSource(sourceFromPcm(stereo(x), SR));
  assert.deepEqual(a, b);
  assert.equal(a.vector!.values.length, FEATURE_VECTOR_LENGTH);
  assert.ok(FEATURE_VECTOR_LENGTH >= 64 && FEATURE_VECTOR_LENGTH <= 128);
  assert.ok(a.vector!.values.every(Number.isFinite));
  assert.equal(new Set(FEATURE_VECTOR_LAYOUT.map((d) => d.name)).size, FEATURE_VECTOR_LENGTH);
  assert.equal(FEATURE_ASPECT_RANGES.pitch[1], FEATURE_VECTOR_LENGTH);
  // Different sounds give different vectors.
  const c = await analyseSource(sourceFromPcm(stereo(note(220, 1, SR)), SR), { only: ['vector'] });
  assert.notDeepEqual(Array.from(c.vector!.values), Array.from(a.vector!.values));
});

test('silence and empty files analyse without NaNs', async () => {
  for (const x of [new Float32Array(SR), new Float32Array(0)]) {
    const r = await analyseSource(sourceFromPcm([x], SR));
    assert.equal(r.pitch?.f0Hz, null);
    assert.equal(r.loudness?.lufs, -120);
    assert.ok(r.vector!.values.every(Number.isFinite));
    assert.equal(r.fingerprint?.frames, x.length);
  }
});

test('a decoder error mid-stream propagates unchanged', async () => {
  const err = Object.assign(new Error('truncated data chunk'), { name: 'AudioDecodeError' });
  const src: AudioSource = {
    ...sourceFromPcm([sine(440, 1, SR)], SR),
    async *blocks() {
      yield [sine(440, 0.1, SR)];
      throw err;
    },
  };
  await assert.rejects(analyseSource(src), (e) => e === err);
});

test('a block with the wrong channel count is reported clearly', async () => {
  const src: AudioSource = { ...sourceFromPcm([sine(440, 1, SR)], SR), async *blocks() { yield [sine(440, 0.1, SR), sine(440, 0.1, SR)]; } };
  await assert.rejects(analyseSource(src), /2 channels, header says 1/);
});

test('a slow-attack pad has a long attack and a high sustain', async () => {
  const x = sine(220, 3, SR, 0.5);
  for (let i = 0; i < x.length; i++) x[i] *= Math.min(1, i / (0.4 * SR)) * Math.min(1, (x.length - i) / (0.05 * SR));
  const r = await analyseSource(sourceFromPcm([x], SR), { only: ['envelope'] });
  // 10 % → 90 % of a 400 ms linear ramp is 320 ms.
  assert.ok(Math.abs(r.envelope!.attackSec - 0.32) < 0.03, `attack ${r.envelope!.attackSec}`);
  assert.ok(r.envelope!.sustainLevel > 0.8, `sustain ${r.envelope!.sustainLevel}`);
  assert.ok(Math.abs(r.envelope!.effectiveDurationSec - 3) < 0.05);
});

test('smpl loop points spanning the file mark a loop; a short sustain loop does not', async () => {
  const x = note(220, 2, SR, 0.4, 3);
  const whole = await analyseSource(sourceFromPcm([x], SR, { metadata: { loopPoints: [{ start: 0, end: x.length - 1 }] } }), { only: ['envelope'] });
  assert.equal(whole.envelope?.kind, 'loop');
  const sustain = await analyseSource(sourceFromPcm([x], SR, { metadata: { loopPoints: [{ start: 30000, end: 40000 }] } }), { only: ['envelope'] });
  assert.equal(sustain.envelope?.kind, 'oneshot');
});
