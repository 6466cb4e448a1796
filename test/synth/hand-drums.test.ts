import { test } from 'node:test';
import assert from 'node:assert/strict';
import { synthesize } from '../../src/main/synth/index.js';
import { bandEnergyFraction, mono, powerSpectrum } from './spectrum.js';

const SR = 44100;

/** The first synthesized percussion sound of `variant` whose name contains `stroke`. */
function stroke(variant: string, name: string): Float32Array {
  for (let seed = 1; seed < 200; seed++) {
    const s = synthesize({ category: 'percussion', variant, seed });
    assert.deepEqual(s.subTags, [variant]);
    if (s.name.includes(name)) return mono(s.channels);
  }
  throw new Error(`no ${variant} ${name} in 200 seeds`);
}

/** Frequencies of the `count` strongest local maxima of the power spectrum between lo and hi Hz. */
function peaks(x: Float32Array, lo: number, hi: number, count: number): number[] {
  const n = 16384;
  const p = powerSpectrum(x, 0, n);
  const hz = SR / n;
  const found: Array<{ f: number; v: number }> = [];
  for (let k = Math.ceil(lo / hz); k < Math.min(p.length - 1, hi / hz); k++) if (p[k] > p[k - 1] && p[k] >= p[k + 1]) found.push({ f: k * hz, v: p[k] });
  return found.sort((a, b) => b.v - a.v).slice(0, count).map((x) => x.f).sort((a, b) => a - b);
}

test('the tabla\'s ringing dayan strokes are nearly harmonic, unlike a plain membrane', () => {
  for (const name of ['Na', 'Tin']) {
    const x = stroke('tabla', name);
    const ps = peaks(x, 150, 3000, 4);
    const f0 = ps[0];
    // Every strong partial sits within 3% of an integer multiple of the lowest one: the loaded-membrane sound.
    for (const f of ps) {
      const ratio = f / f0;
      assert.ok(Math.abs(ratio - Math.round(ratio)) < 0.03 * Math.round(ratio), `tabla ${name}: partials ${ps.map((v) => v.toFixed(0)).join(', ')} Hz`);
    }
  }
});

test('bass strokes sit low, slaps and snaps sit high and end quickly', () => {
  for (const [variant, name] of [['tabla', 'Ghe'], ['djembe', 'Bass'], ['darbuka', 'Doum']] as const) {
    const frac = bandEnergyFraction(stroke(variant, name), SR, 0, 250);
    assert.ok(frac > 0.6, `${variant} ${name}: only ${(frac * 100).toFixed(0)}% of the energy below 250 Hz`);
  }
  for (const [variant, name] of [['djembe', 'Slap'], ['darbuka', 'Tek'], ['snap', 'Snap']] as const) {
    const x = stroke(variant, name);
    const frac = bandEnergyFraction(x, SR, 1000, SR / 2);
    assert.ok(frac > 0.4, `${variant} ${name}: only ${(frac * 100).toFixed(0)}% of the energy above 1 kHz`);
    // Energy after 150 ms is a small share: a crack, not a ringing note.
    let early = 0;
    let late = 0;
    x.forEach((v, i) => (i < SR * 0.15 ? (early += v * v) : (late += v * v)));
    assert.ok(late < 0.2 * early, `${variant} ${name}: ${((100 * late) / (early + late)).toFixed(0)}% of the energy after 150 ms`);
  }
});
