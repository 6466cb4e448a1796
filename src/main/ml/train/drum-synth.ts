// Synthesized training sounds for the classes the soundfonts barely cover (a GM kit has 2 kicks and 2 snares):
// 808/909-style kicks, snares, claps, hats, cymbals and toms with randomised parameters.
import type { Rng } from './rng.js';
import { gaussian, uniform } from './rng.js';

export type SynthDrum = 'kick' | 'snare' | 'clap' | 'hihat_closed' | 'hihat_open' | 'cymbal' | 'tom';
export const SYNTH_DRUMS: readonly SynthDrum[] = ['kick', 'snare', 'clap', 'hihat_closed', 'hihat_open', 'cymbal', 'tom'];

const TAU = 2 * Math.PI;

/** Pitched body with an exponential pitch drop (kicks, toms, the snare's shell). */
function body(out: Float32Array, sr: number, f0: number, f1: number, pitchTau: number, ampTau: number, gain: number): void {
  let phase = 0;
  for (let i = 0; i < out.length; i++) {
    const t = i / sr;
    const f = f1 + (f0 - f1) * Math.exp(-t / pitchTau);
    phase += (TAU * f) / sr;
    out[i] += gain * Math.sin(phase) * Math.exp(-t / ampTau);
  }
}

/** Filtered noise burst: a one-pole high-pass at `hpHz` (0 = none) and a band emphasis by two-pole resonance. */
function noise(out: Float32Array, sr: number, rng: Rng, hpHz: number, ampTau: number, gain: number, start = 0, attack = 0.0005): void {
  const a = hpHz > 0 ? Math.exp((-TAU * hpHz) / sr) : 0;
  let lp = 0;
  for (let i = start; i < out.length; i++) {
    const t = (i - start) / sr;
    const n = gaussian(rng);
    lp = (1 - a) * n + a * lp;
    const v = hpHz > 0 ? n - lp : n;
    out[i] += gain * v * Math.min(1, t / attack) * Math.exp(-t / ampTau);
  }
}

/** Sum of detuned square waves, the classic metallic source for hats and cymbals. */
function metal(out: Float32Array, sr: number, rng: Rng, ampTau: number, gain: number): void {
  const base = uniform(rng, 300, 600);
  const ratios = [1, 1.342, 1.2312, 1.6532, 1.9523, 2.1523];
  const ph = ratios.map(() => rng());
  const a = Math.exp((-TAU * 6000) / sr);
  let lp = 0;
  for (let i = 0; i < out.length; i++) {
    let s = 0;
    for (let r = 0; r < ratios.length; r++) {
      ph[r] = (ph[r] + (base * ratios[r]) / sr) % 1;
      s += ph[r] < 0.5 ? 1 : -1;
    }
    lp = (1 - a) * s + a * lp;
    out[i] += (gain * (s - lp) * Math.exp(-i / sr / ampTau)) / ratios.length;
  }
}

/** One randomised drum hit, `seconds` long, peak-normalised to a random level. */
export function synthDrum(kind: SynthDrum, sr: number, rng: Rng, seconds = 1.5): Float32Array {
  const out = new Float32Array(Math.round(seconds * sr));
  switch (kind) {
    case 'kick':
      body(out, sr, uniform(rng, 90, 250), uniform(rng, 38, 65), uniform(rng, 0.01, 0.06), uniform(rng, 0.08, 0.6), 1);
      noise(out, sr, rng, 2000, uniform(rng, 0.002, 0.01), uniform(rng, 0.05, 0.4));
      break;
    case 'snare':
      body(out, sr, uniform(rng, 250, 400), uniform(rng, 160, 220), 0.02, uniform(rng, 0.03, 0.1), uniform(rng, 0.3, 0.9));
      noise(out, sr, rng, uniform(rng, 800, 3000), uniform(rng, 0.06, 0.25), uniform(rng, 0.5, 1));
      break;
    case 'clap': {
      const gap = uniform(rng, 0.007, 0.014);
      const hp = uniform(rng, 700, 1500);
      for (let k = 0; k < 3; k++) noise(out, sr, rng, hp, 0.006, 0.8, Math.round(k * gap * sr));
      noise(out, sr, rng, hp, uniform(rng, 0.08, 0.25), 0.7, Math.round(3 * gap * sr));
      break;
    }
    case 'hihat_closed':
      metal(out, sr, rng, uniform(rng, 0.015, 0.06), 1);
      noise(out, sr, rng, 7000, uniform(rng, 0.01, 0.05), uniform(rng, 0.2, 0.6));
      break;
    case 'hihat_open':
      metal(out, sr, rng, uniform(rng, 0.2, 0.6), 1);
      noise(out, sr, rng, 7000, uniform(rng, 0.15, 0.5), uniform(rng, 0.2, 0.6));
      break;
    case 'cymbal':
      metal(out, sr, rng, uniform(rng, 0.8, 2), 0.7);
      noise(out, sr, rng, uniform(rng, 3000, 5000), uniform(rng, 0.6, 2), uniform(rng, 0.4, 0.8), 0, 0.002);
      break;
    case 'tom':
      body(out, sr, uniform(rng, 120, 300), uniform(rng, 70, 200), 0.08, uniform(rng, 0.15, 0.5), 1);
      noise(out, sr, rng, 1500, 0.01, 0.2);
      break;
  }
  let peak = 0;
  for (let i = 0; i < out.length; i++) peak = Math.max(peak, Math.abs(out[i]));
  const level = 10 ** (uniform(rng, -12, -1) / 20) / (peak || 1);
  for (let i = 0; i < out.length; i++) out[i] *= level;
  return out;
}
