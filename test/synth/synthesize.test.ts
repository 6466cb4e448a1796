import { test } from 'node:test';
import assert from 'node:assert/strict';
import { synthesize, listVariants, randomSpec, SYNTH_CATEGORIES } from '../../src/main/synth/index.js';
import { bandEnergyFraction, fundamentalHz, mono } from './spectrum.js';

const SR = 44100;

test('same spec gives bit-identical audio; different seeds differ', () => {
  for (const category of ['kick', 'snare', 'keys', 'pad', 'fx'] as const) {
    const a = synthesize({ category, seed: 11 });
    const b = synthesize({ category, seed: 11 });
    assert.equal(a.name, b.name);
    assert.equal(a.channels.length, b.channels.length);
    for (let c = 0; c < a.channels.length; c++) assert.deepEqual(a.channels[c], b.channels[c]);
    const d = synthesize({ category, seed: 12 });
    const same = d.channels[0].length === a.channels[0].length && d.channels[0].every((x, i) => x === a.channels[0][i]);
    assert.equal(same, false, `${category}: seeds 11 and 12 rendered the same audio`);
  }
});

test('every category and variant renders finite, audible, unclipped audio of sensible length', () => {
  for (const category of SYNTH_CATEGORIES) {
    for (const variant of listVariants(category)) {
      for (const seed of [1, 2]) {
        const s = synthesize({ category, variant, seed, durationSec: 1 });
        const label = `${category}/${variant}/${seed}`;
        assert.equal(s.category, category);
        assert.equal(s.kind, 'oneshot');
        assert.equal(s.sampleRate, SR);
        assert.ok(s.channels.length === 1 || s.channels.length === 2, label);
        const n = s.channels[0].length;
        assert.ok(n >= SR * 0.03 && n <= SR * 5, `${label}: length ${n / SR}s`);
        let peak = 0;
        let energy = 0;
        for (const c of s.channels) {
          assert.equal(c.length, n);
          for (const x of c) {
            assert.ok(Number.isFinite(x), `${label}: non-finite sample`);
            peak = Math.max(peak, Math.abs(x));
            energy += x * x;
          }
        }
        assert.ok(peak <= 1, `${label}: peak ${peak}`);
        assert.ok(peak > 0.3, `${label}: too quiet (peak ${peak})`);
        assert.ok(Math.sqrt(energy / (n * s.channels.length)) > 0.005, `${label}: near-silent`);
        assert.ok(s.name.length > 3 && !/undefined|NaN/.test(s.name), `${label}: name '${s.name}'`);
      }
    }
  }
});

test('kicks keep most energy below 150 Hz; closed hats above 5 kHz', () => {
  for (const variant of listVariants('kick')) {
    for (const seed of [1, 2, 3]) {
      const s = synthesize({ category: 'kick', variant, seed });
      const frac = bandEnergyFraction(mono(s.channels), SR, 0, 150);
      assert.ok(frac > 0.5, `kick ${variant}/${seed}: only ${(frac * 100).toFixed(0)}% below 150 Hz`);
    }
  }
  for (const variant of listVariants('hihat_closed')) {
    for (const seed of [1, 2, 3]) {
      const s = synthesize({ category: 'hihat_closed', variant, seed });
      const frac = bandEnergyFraction(mono(s.channels), SR, 5000, SR / 2);
      assert.ok(frac > 0.7, `hat ${variant}/${seed}: only ${(frac * 100).toFixed(0)}% above 5 kHz`);
    }
  }
});

test('a tonal note at MIDI 69 has its fundamental near 440 Hz', () => {
  const cases: [Parameters<typeof synthesize>[0]['category'], string][] = [
    ['keys', 'piano'], ['keys', 'e-piano'], ['organ', 'pipe'], ['mallet', 'marimba'], ['mallet', 'vibraphone'], ['guitar', 'acoustic'],
    ['pluck', 'harp'], ['strings', 'ensemble'], ['strings', 'violin'], ['brass', 'trumpet'], ['woodwind', 'flute'], ['woodwind', 'clarinet'],
    ['lead', 'saw'], ['lead', 'supersaw'], ['pad', 'warm'], ['vocal', 'aah'], ['bass', 'sub'], ['bass', 'saw'],
  ];
  for (const [category, variant] of cases) {
    const s = synthesize({ category, variant, seed: 5, midi: 69, durationSec: 1.5 });
    assert.equal(s.midi, 69);
    const f0 = fundamentalHz(mono(s.channels), SR, Math.round(SR * 0.3));
    assert.ok(Math.abs(1200 * Math.log2(f0 / 440)) < 35, `${category}/${variant}: fundamental ${f0.toFixed(1)} Hz`);
  }
});

test('bad specs fail with specific messages', () => {
  assert.throws(() => synthesize({ category: 'kick', variant: 'banjo', seed: 1 }), /'kick' has no variant 'banjo'/);
  assert.throws(() => synthesize({ category: 'nope' as 'kick', seed: 1 }), /unknown category 'nope'/);
  assert.throws(() => synthesize({ category: 'kick', seed: 1, loop: { bpm: 0, bars: 1 } }), /bpm/);
  assert.throws(() => synthesize({ category: 'bass', seed: 1, loop: { bpm: 120, bars: 1, key: 'H major' } }), /cannot read key 'H major'/);
  assert.throws(() => synthesize({ category: 'keys', seed: 1, velocity: 2 }), /velocity/);
});

test('randomSpec is deterministic, honours categories, and mixes in loops at loopShare', () => {
  assert.deepEqual(randomSpec(9), randomSpec(9));
  const specs = Array.from({ length: 400 }, (_, i) => randomSpec(i, { loopShare: 0.25 }));
  const cats = new Set(specs.map((s) => s.category));
  assert.ok(cats.size >= 18, `only ${cats.size} categories drawn`);
  const loops = specs.filter((s) => s.loop).length;
  assert.ok(loops > 60 && loops < 140, `${loops} loops of 400 at loopShare 0.25`);
  const only = Array.from({ length: 50 }, (_, i) => randomSpec(i, { categories: ['snare', 'pad'] }));
  assert.ok(only.every((s) => s.category === 'snare' || s.category === 'pad'));
});
