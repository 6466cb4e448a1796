// Reusable sound sources used by several families: pitch-swept sines, noise bursts, metallic square clusters,
// Karplus–Strong strings, detuned unison oscillators.
import { Biquad, Pulse, Saw, TAU, decayCoef, frames } from './dsp.js';
import type { Rng } from './rng.js';

/** Sine whose frequency follows f(t) (Hz), amplitude env(t) applied by the caller. */
export function sweptSine(n: number, sr: number, f: (t: number) => number, phase0 = 0): Float32Array {
  const out = new Float32Array(n);
  let ph = phase0;
  let inc = 0;
  for (let i = 0; i < n; i++) {
    if ((i & 7) === 0) inc = (TAU * f(i / sr)) / sr;
    out[i] = Math.sin(ph);
    ph += inc;
    if (ph > TAU) ph -= TAU;
  }
  return out;
}

/** Exponentially decaying noise burst with linear attack, optionally band-shaped. */
export function noiseBurst(n: number, sr: number, rng: Rng, attackSec: number, t60: number): Float32Array {
  const out = new Float32Array(n);
  const na = Math.max(1, Math.round(attackSec * sr));
  const k = decayCoef(sr, t60);
  let g = 1;
  for (let i = 0; i < n; i++) {
    let e;
    if (i < na) e = i / na;
    else {
      e = g;
      g *= k;
      if (g < 1e-5) break;
    }
    out[i] = rng.noise() * e;
  }
  return out;
}

/** 808-style metallic source: six detuned square waves at inharmonic ratios, the basis of hats, cymbals, cowbells. */
export function metallicCluster(n: number, sr: number, baseHz: number, rng: Rng, ratios?: readonly number[]): Float32Array {
  const rs = ratios ?? [1, 1.4826, 1.8005, 2.5462, 2.6304, 3.8968];
  const oscs = rs.map(() => new Pulse(rng.next()));
  const incs = rs.map((r) => (baseHz * r * rng.range(0.985, 1.015)) / sr);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < oscs.length; k++) s += oscs[k].next(incs[k]);
    out[i] = s / oscs.length;
  }
  return out;
}

/** FM metallic source: carrier and modulator at an inharmonic ratio with high index, a cheaper bell/hat colour. */
export function fmMetal(n: number, sr: number, carrierHz: number, ratio: number, index: number, indexT60: number): Float32Array {
  const out = new Float32Array(n);
  const k = decayCoef(sr, indexT60);
  let idx = index;
  let pc = 0;
  let pm = 0;
  const ic = (TAU * carrierHz) / sr;
  const im = (TAU * carrierHz * ratio) / sr;
  for (let i = 0; i < n; i++) {
    out[i] = Math.sin(pc + idx * Math.sin(pm));
    pc += ic;
    pm += im;
    if (pc > TAU) pc -= TAU;
    if (pm > TAU) pm -= TAU;
    idx *= k;
  }
  return out;
}

export interface KsOptions {
  /** Seconds for the string to decay 60 dB at the fundamental. */
  t60: number;
  /** 0..1: loss-filter brightness (1 = bright steel, 0.2 = dull nylon / palm mute). */
  brightness: number;
  /** Relative pluck position 0..0.5 (comb notch on the excitation). */
  pluckPos: number;
  /** Excitation low-pass cutoff (finger vs pick), Hz. */
  excitationHz: number;
}

/**
 * Karplus–Strong string with a fractional all-pass tuner, so notes are in tune even at high pitch, and a
 * frequency-dependent loss filter set from t60.
 */
export function karplusStrong(n: number, sr: number, hz: number, rng: Rng, o: KsOptions): Float32Array {
  const out = new Float32Array(n);
  // Loop delay = period minus the half-sample group delay of the averaging loss filter.
  const period = sr / hz;
  const total = period - 0.5;
  const N = Math.max(2, Math.floor(total - 0.1));
  const frac = total - N;
  const apC = (1 - frac) / (1 + frac);
  const buf = new Float32Array(N);
  // Excitation: shaped noise with a pluck-position comb.
  const exc = new Float32Array(N);
  for (let i = 0; i < N; i++) exc[i] = rng.noise();
  const lp = new Biquad(sr).lowpass(Math.min(o.excitationHz, sr * 0.45), 0.6);
  for (let pass = 0; pass < 2; pass++) for (let i = 0; i < N; i++) exc[i] = lp.tick(exc[i]);
  const d = Math.max(1, Math.round(o.pluckPos * N));
  let mean = 0;
  for (let i = 0; i < N; i++) {
    buf[i] = exc[i] - (i >= d ? exc[i - d] : 0);
    mean += buf[i];
  }
  mean /= N;
  for (let i = 0; i < N; i++) buf[i] -= mean;
  // Per-period gain so the fundamental decays 60 dB in t60.
  const g = Math.pow(10, -3 / (o.t60 * hz));
  const b = 0.5 * Math.min(1, Math.max(0.02, o.brightness));
  let p = 0;
  let prev = 0;
  let apX = 0;
  let apY = 0;
  for (let i = 0; i < n; i++) {
    const x = buf[p];
    // Loss filter: one-zero low-pass mixing between "all through" and "averaged".
    const y = g * ((1 - b) * x + b * prev);
    prev = x;
    // Fractional delay all-pass.
    const ap = apC * y + apX - apC * apY;
    apX = y;
    apY = ap;
    buf[p] = ap;
    out[i] = x;
    if (++p >= N) p = 0;
  }
  return out;
}

/** N detuned band-limited saws summed into L/R with spread, with optional vibrato. The base of supersaws, strings, pads. */
export function unisonSaws(n: number, sr: number, hz: (t: number) => number, voices: number, detuneCents: number, spread: number, rng: Rng): Float32Array[] {
  const L = new Float32Array(n);
  const R = new Float32Array(n);
  const saws: Saw[] = [];
  const ratios: number[] = [];
  const pans: number[] = [];
  for (let v = 0; v < voices; v++) {
    saws.push(new Saw(rng.next()));
    const pos = voices === 1 ? 0 : (v / (voices - 1)) * 2 - 1;
    ratios.push(Math.pow(2, (pos * detuneCents + rng.range(-2, 2)) / 1200));
    pans.push(pos * spread);
  }
  const norm = 1 / Math.sqrt(voices);
  let f = hz(0);
  for (let i = 0; i < n; i++) {
    if ((i & 15) === 0) f = hz(i / sr);
    let l = 0;
    let r = 0;
    for (let v = 0; v < voices; v++) {
      const s = saws[v].next((f * ratios[v]) / sr);
      l += s * (1 - pans[v]);
      r += s * (1 + pans[v]);
    }
    L[i] = l * norm * 0.5;
    R[i] = r * norm * 0.5;
  }
  return [L, R];
}

/** Vibrato that fades in after `delay` seconds, as players do. Returns a frequency multiplier function. */
export function vibrato(rateHz: number, depthCents: number, delay: number, fadeSec: number, phase = 0): (t: number) => number {
  return (t) => {
    const amt = t < delay ? 0 : Math.min(1, (t - delay) / Math.max(0.01, fadeSec));
    return Math.pow(2, (amt * depthCents * Math.sin(TAU * rateHz * t + phase)) / 1200);
  };
}

/** Buffer of the requested seconds. */
export function alloc(sr: number, sec: number): Float32Array {
  return new Float32Array(frames(sr, sec));
}
