import { test } from 'node:test';
import assert from 'node:assert/strict';
import { synthesize } from '../../src/main/synth/index.js';
import { renderDrumLoop } from '../../src/main/synth/loops.js';
import { finish } from '../../src/main/synth/finish.js';
import { Rng } from '../../src/main/synth/rng.js';
import { mono, onsets } from './spectrum.js';

const SR = 44100;

test('loops last exactly bars × 4 beats at the tempo', () => {
  for (const [category, bpm, bars] of [['kick', 120, 1], ['kick', 120, 2], ['percussion', 95, 4], ['hihat_closed', 174, 2], ['bass', 128, 2], ['keys', 90, 1], ['lead', 140, 4]] as const) {
    const s = synthesize({ category, seed: 3, loop: { bpm, bars, key: 'F# minor' } });
    assert.equal(s.kind, 'loop');
    assert.equal(s.bpm, bpm);
    assert.equal(s.channels[0].length, Math.round((bars * 4 * 60 * SR) / bpm), `${category} ${bpm}bpm ${bars} bars`);
    for (const c of s.channels) assert.ok(c.every((x) => Number.isFinite(x) && Math.abs(x) <= 1));
    assert.match(s.name, new RegExp(`${bpm}bpm`));
    if (category === 'bass' || category === 'keys' || category === 'lead') assert.equal(s.key, 'F# minor');
  }
  // 120 BPM: one bar is exactly two seconds.
  assert.equal(synthesize({ category: 'kick', seed: 1, loop: { bpm: 120, bars: 2 } }).channels[0].length, 4 * SR);
});

test('drum loop onsets fall on the 16th-note grid', () => {
  for (const genre of ['techno', 'dnb', 'house'] as const) {
    for (const seed of [1, 2]) {
      const bpm = genre === 'dnb' ? 172 : 120;
      const r = renderDrumLoop(new Rng(seed), SR, bpm, 2, 'drums', genre);
      const out = finish(r.channels, SR, { stereo: false, width: 0, drive: 1, tiltDb: 0, room: null, noiseFloorDb: null, peak: 0.9, loopFrames: r.loopFrames }, new Rng(seed));
      const step = 60 / bpm / 4;
      // Play the loop twice and read onsets in the second pass, as a DAW would when looping it.
      const one = mono(out);
      const twice = new Float32Array(one.length * 2);
      twice.set(one);
      twice.set(one, one.length);
      const len = one.length / SR;
      const found = onsets(twice, SR).filter((t) => t >= len - 0.004).map((t) => Math.max(0, t - len));
      assert.ok(found.length >= 8, `${genre}/${seed}: only ${found.length} onsets`);
      for (const t of found) {
        const off = Math.abs(t - Math.round(t / step) * step);
        // Allow house swing (≤ 10% of a step) plus detector resolution.
        assert.ok(off < step * 0.1 + 0.006, `${genre}/${seed}: onset at ${t.toFixed(3)}s is ${(off * 1000).toFixed(1)} ms off the grid`);
      }
      // Every genre has a hit on the downbeat of each bar.
      for (const bar of [0, 1]) assert.ok(found.some((t) => Math.abs(t - bar * 16 * step) < 0.01), `${genre}/${seed}: no downbeat in bar ${bar}`);
    }
  }
});

test('loops are seamless: the wrap-around joins like any other sample pair', () => {
  for (const category of ['pad', 'kick', 'strings'] as const) {
    const s = synthesize({ category, seed: 8, loop: { bpm: 100, bars: 1, key: 'C major' } });
    for (const c of s.channels) {
      let maxStep = 0;
      for (let i = 1; i < c.length; i++) maxStep = Math.max(maxStep, Math.abs(c[i] - c[i - 1]));
      const wrap = Math.abs(c[0] - c[c.length - 1]);
      assert.ok(wrap <= maxStep, `${category}: wrap jump ${wrap} exceeds largest in-loop step ${maxStep}`);
    }
  }
});
