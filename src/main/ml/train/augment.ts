// Training-time augmentation on raw audio, so the embedding ignores what a producer would: level, small detuning,
// EQ colour, where the file starts, a noise floor and room sound — and the processing sample packs apply
// (saturation, band-limiting), because real packs are rarely as clean as a soundfont render.
import type { Rng } from './rng.js';
import { gaussian, uniform } from './rng.js';

/** Resamples by `ratio` (>1 raises pitch and shortens) with linear interpolation. */
export function pitchShift(x: Float32Array, semitones: number): Float32Array {
  const ratio = 2 ** (semitones / 12);
  const n = Math.max(1, Math.floor(x.length / ratio));
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const p = i * ratio;
    const k = Math.floor(p);
    const f = p - k;
    y[i] = (x[k] ?? 0) * (1 - f) + (x[k + 1] ?? 0) * f;
  }
  return y;
}

/** Tilts the spectrum around ~1 kHz: positive `amount` brightens, negative darkens (one-pole split, −1..1). */
export function eqTilt(x: Float32Array, sampleRate: number, amount: number): Float32Array {
  const a = Math.exp((-2 * Math.PI * 1000) / sampleRate);
  const y = new Float32Array(x.length);
  let lp = 0;
  for (let i = 0; i < x.length; i++) {
    lp = (1 - a) * x[i] + a * lp;
    const hp = x[i] - lp;
    y[i] = lp * (1 - amount) + hp * (1 + amount);
  }
  return y;
}

/** A small Schroeder reverb (4 combs, 2 allpasses) mixed in at `wet`; `size` 0..1 scales decay. */
export function reverb(x: Float32Array, sampleRate: number, wet: number, size: number): Float32Array {
  const tail = Math.round(sampleRate * 0.3);
  const len = x.length + tail;
  const input = new Float32Array(len);
  input.set(x);
  const combs = [0.0297, 0.0371, 0.0411, 0.0437].map((s) => Math.round(s * sampleRate));
  const g = 0.7 + 0.25 * size;
  const out = new Float32Array(len);
  for (const d of combs) {
    const buf = new Float32Array(d);
    for (let i = 0, k = 0; i < len; i++, k = (k + 1) % d) {
      const v = buf[k];
      buf[k] = input[i] + v * g;
      out[i] += v / combs.length;
    }
  }
  for (const d of [0.005, 0.0017].map((s) => Math.round(s * sampleRate))) {
    const buf = new Float32Array(d);
    for (let i = 0, k = 0; i < len; i++, k = (k + 1) % d) {
      const v = buf[k];
      const u = out[i] + 0.5 * v;
      buf[k] = u;
      out[i] = v - 0.5 * u;
    }
  }
  for (let i = 0; i < len; i++) out[i] = input[i] * (1 - wet) + out[i] * wet;
  return out;
}

/** tanh saturation at `drive` (≥1), level-compensated so only the colour changes. */
export function saturate(x: Float32Array, drive: number): Float32Array {
  const y = new Float32Array(x.length);
  const norm = 1 / Math.tanh(drive);
  for (let i = 0; i < x.length; i++) y[i] = Math.tanh(drive * x[i]) * norm;
  return y;
}

/** Band-limits with a one-pole high-pass at `lowHz` and two cascaded one-pole low-passes at `highHz`. */
export function bandLimit(x: Float32Array, sampleRate: number, lowHz: number, highHz: number): Float32Array {
  const ah = Math.exp((-2 * Math.PI * lowHz) / sampleRate);
  const al = Math.exp((-2 * Math.PI * Math.min(highHz, sampleRate * 0.45)) / sampleRate);
  const y = new Float32Array(x.length);
  let hpLp = 0;
  let l1 = 0;
  let l2 = 0;
  for (let i = 0; i < x.length; i++) {
    hpLp = (1 - ah) * x[i] + ah * hpLp;
    l1 = (1 - al) * (x[i] - hpLp) + al * l1;
    l2 = (1 - al) * l1 + al * l2;
    y[i] = l2;
  }
  return y;
}

export interface AugmentOptions {
  /** Probability of each effect; 1 forces all (tests). */
  p?: number;
  /** Also saturate and band-limit, like processed sample packs (off by default: the shipped model trained without). */
  production?: boolean;
}

/** One random augmentation of `x`; never returns the input array itself. */
export function augment(x: Float32Array, sampleRate: number, rng: Rng, opts: AugmentOptions = {}): Float32Array {
  const p = opts.p ?? 0.5;
  let y: Float32Array = x.slice();
  if (rng() < p) y = pitchShift(y, uniform(rng, -2, 2));
  if (rng() < p) y = eqTilt(y, sampleRate, uniform(rng, -0.6, 0.6));
  if (opts.production && rng() < p * 0.4) {
    let peak = 0;
    for (let i = 0; i < y.length; i++) peak = Math.max(peak, Math.abs(y[i]));
    if (peak > 0) y = saturate(y.map((v) => v / peak), uniform(rng, 1.5, 6));
  }
  if (opts.production && rng() < p * 0.4) y = bandLimit(y, sampleRate, uniform(rng, 20, 150), uniform(rng, 3000, 16000));
  if (rng() < p * 0.6) y = reverb(y, sampleRate, uniform(rng, 0.1, 0.35), rng());
  if (rng() < p) {
    // Time offset: a little leading silence or a few ms clipped off the front.
    const shift = Math.round(uniform(rng, -0.01, 0.04) * sampleRate);
    if (shift > 0) {
      const z = new Float32Array(y.length + shift);
      z.set(y, shift);
      y = z;
    } else {
      y = y.slice(-shift);
    }
  }
  let peak = 0;
  for (let i = 0; i < y.length; i++) peak = Math.max(peak, Math.abs(y[i]));
  if (rng() < p && peak > 0) {
    const level = peak * 10 ** (uniform(rng, -70, -35) / 20);
    for (let i = 0; i < y.length; i++) y[i] += level * gaussian(rng);
  }
  const gain = 10 ** (uniform(rng, -12, 6) / 20);
  for (let i = 0; i < y.length; i++) y[i] *= gain;
  return y;
}
