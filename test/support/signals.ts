// Synthesized test signals (no third-party audio): tones, noise, clicks, drum hits and loops, arpeggios.
import { mulberry32 } from '../../src/shared/random/mulberry32.js';
import { Resampler } from '../../src/shared/dsp/resample.js';

/** Deterministic PRNG so "random" fixtures are reproducible. */
export const rng = (seed = 1): (() => number) => mulberry32(seed);

export function sine(hz: number, sec: number, sr: number, amp = 0.5, phase = 0): Float32Array {
  const n = Math.round(sec * sr);
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = amp * Math.sin(phase + (2 * Math.PI * hz * i) / sr);
  return x;
}

export function whiteNoise(sec: number, sr: number, amp = 0.3, seed = 7): Float32Array {
  const r = rng(seed);
  const x = new Float32Array(Math.round(sec * sr));
  for (let i = 0; i < x.length; i++) x[i] = amp * (2 * r() - 1);
  return x;
}

/** A harmonic note with exponential decay (plucked-string-like). */
export function note(hz: number, sec: number, sr: number, amp = 0.4, decay = 3, harmonics = 4): Float32Array {
  const x = new Float32Array(Math.round(sec * sr));
  for (let i = 0; i < x.length; i++) {
    const t = i / sr;
    let v = 0;
    for (let h = 1; h <= harmonics; h++) v += Math.sin(2 * Math.PI * hz * h * t) / h;
    // 5 ms attack avoids a click.
    x[i] = amp * v * Math.exp(-decay * t) * Math.min(1, t / 0.005);
  }
  return x;
}

/** A synthetic kick: pitch sweep 150→50 Hz with a fast exponential decay. */
export function kick(sec: number, sr: number, amp = 0.9): Float32Array {
  const x = new Float32Array(Math.round(sec * sr));
  let phase = 0;
  for (let i = 0; i < x.length; i++) {
    const t = i / sr;
    const f = 50 + 100 * Math.exp(-t * 30);
    phase += (2 * Math.PI * f) / sr;
    x[i] = amp * Math.sin(phase) * Math.exp(-t * 8);
  }
  return x;
}

export function snare(sec: number, sr: number, amp = 0.6, seed = 3): Float32Array {
  const r = rng(seed);
  const x = new Float32Array(Math.round(sec * sr));
  for (let i = 0; i < x.length; i++) {
    const t = i / sr;
    x[i] = amp * ((2 * r() - 1) * 0.7 + 0.3 * Math.sin(2 * Math.PI * 190 * t)) * Math.exp(-t * 18);
  }
  return x;
}

export function hat(sec: number, sr: number, amp = 0.25, seed = 5): Float32Array {
  const r = rng(seed);
  const x = new Float32Array(Math.round(sec * sr));
  let prev = 0;
  for (let i = 0; i < x.length; i++) {
    const w = 2 * r() - 1;
    // First difference makes the noise bright.
    x[i] = amp * (w - prev) * Math.exp((-i / sr) * 60);
    prev = w;
  }
  return x;
}

/** Mixes `src` into `dst` at frame `at` (clipped at the end). */
export function mixAt(dst: Float32Array, src: Float32Array, at: number, gain = 1): void {
  for (let i = 0; i < src.length && at + i < dst.length; i++) if (at + i >= 0) dst[at + i] += gain * src[i];
}

/** Click track: short decaying 2 kHz blips at the given tempo. */
export function clickTrack(bpm: number, sec: number, sr: number): Float32Array {
  const x = new Float32Array(Math.round(sec * sr));
  const blip = new Float32Array(Math.round(0.01 * sr));
  for (let i = 0; i < blip.length; i++) blip[i] = 0.8 * Math.sin((2 * Math.PI * 2000 * i) / sr) * Math.exp(-i / (0.002 * sr));
  for (let b = 0; ; b++) {
    const at = Math.round((b * 60 * sr) / bpm);
    if (at >= x.length) break;
    mixAt(x, blip, at);
  }
  return x;
}

/** A bars-long 4/4 drum loop: kick on 1 and 3, snare on 2 and 4, closed hats on eighths. */
export function drumLoop(bpm: number, bars: number, sr: number): Float32Array {
  const beat = (60 * sr) / bpm;
  const x = new Float32Array(Math.round(bars * 4 * beat));
  const k = kick(0.4, sr), s = snare(0.3, sr), h = hat(0.08, sr);
  for (let b = 0; b < bars * 4; b++) {
    const at = Math.round(b * beat);
    if (b % 2 === 0) mixAt(x, k, at);
    else mixAt(x, s, at);
    mixAt(x, h, at);
    mixAt(x, h, Math.round(at + beat / 2), 0.7);
  }
  return x;
}

/** Repeated arpeggio of MIDI notes, one note per step, rich in harmonics. */
export function arpeggio(midis: number[], stepSec: number, repeats: number, sr: number): Float32Array {
  const step = Math.round(stepSec * sr);
  const x = new Float32Array(step * midis.length * repeats);
  let i = 0;
  for (let r = 0; r < repeats; r++) {
    for (const m of midis) {
      mixAt(x, note(440 * Math.pow(2, (m - 69) / 12), stepSec * 1.5, sr, 0.3, 2, 3), i * step);
      i++;
    }
  }
  return x;
}

/** A whole signal through the band-limited resampler, as a converter or a DAW export would make a copy. */
export function convertRate(x: Float32Array, from: number, to: number): Float32Array {
  const r = new Resampler(from, to);
  const out = new Float32Array(r.maxOutput(x.length) + 8192);
  let n = r.process(x, x.length, out);
  n += r.flush(out.subarray(n));
  return out.slice(0, n);
}
