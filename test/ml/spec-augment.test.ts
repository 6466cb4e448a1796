import { test } from 'node:test';
import assert from 'node:assert/strict';
import { specAugment } from '../../src/main/ml/train/spec-augment.js';
import { makeRng } from '../../src/main/ml/train/rng.js';

const FRAMES = 64;
const BANDS = 64;
const patch = (): Float32Array => new Float32Array(FRAMES * BANDS).fill(0.5);

/** Which bands are blank in every frame, and which frames are blank in every band. */
function blanks(p: Float32Array): { bands: number[]; frames: number[] } {
  const bands: number[] = [];
  const frames: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let all = true;
    for (let f = 0; f < FRAMES && all; f++) all = p[f * BANDS + b] === -1;
    if (all) bands.push(b);
  }
  for (let f = 0; f < FRAMES; f++) if (p.subarray(f * BANDS, (f + 1) * BANDS).every((v) => v === -1)) frames.push(f);
  return { bands, frames };
}

test('band masks blank whole mel bands across every frame, and nothing else', () => {
  let masked = 0;
  for (let seed = 1; seed <= 20; seed++) {
    const p = patch();
    specAugment(p, FRAMES, BANDS, makeRng(seed), { bandMasks: 1, maxBands: 8, frameMasks: 0, maxFrames: 0 });
    const { bands, frames } = blanks(p);
    assert.equal(frames.length, 0);
    assert.ok(bands.length <= 8, `at most 8 bands (got ${bands.length})`);
    // One mask is one contiguous run of bands.
    for (let i = 1; i < bands.length; i++) assert.equal(bands[i], bands[i - 1] + 1);
    assert.equal(p.filter((v) => v === -1).length, bands.length * FRAMES, 'only the masked bands change');
    assert.equal(p.filter((v) => v === 0.5).length, (BANDS - bands.length) * FRAMES);
    masked += bands.length;
  }
  assert.ok(masked > 20, `masks have width (total ${masked} bands over 20 patches)`);
});

test('frame masks blank whole frames, contiguous, within the patch', () => {
  const p = patch();
  specAugment(p, FRAMES, BANDS, makeRng(3), { bandMasks: 0, maxBands: 0, frameMasks: 1, maxFrames: 64 });
  const { frames } = blanks(p);
  assert.ok(frames.length > 0 && frames.length <= FRAMES);
  for (let i = 1; i < frames.length; i++) assert.equal(frames[i], frames[i - 1] + 1);
  assert.equal(p.filter((v) => v === -1).length, frames.length * BANDS);
});

test('the same seed masks the same cells; a patch of the wrong size is refused', () => {
  const a = patch();
  const b = patch();
  specAugment(a, FRAMES, BANDS, makeRng(11));
  specAugment(b, FRAMES, BANDS, makeRng(11));
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, patch(), 'the default masks change the patch');
  assert.throws(() => specAugment(new Float32Array(10), FRAMES, BANDS, makeRng(1)), /expected 64×64/);
});
