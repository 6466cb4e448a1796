// Stereo room/reverb and widening. An 8-line feedback delay network gives dense, natural tails cheaply; an
// all-pass decorrelator widens mono sources while staying mono-compatible.
import { Biquad, decayCoef } from './dsp.js';

const BASE_DELAYS_MS = [29.7, 37.1, 41.1, 43.7, 47.9, 53.3, 59.1, 67.7];

export interface RoomOptions {
  rt60: number;
  /** Wet level relative to dry, 0..1. */
  mix: number;
  /** Scales delay lengths: 0.3 small booth … 1.5 hall. */
  size: number;
  /** High-frequency damping: 0 bright plate … 1 dark room. */
  damping: number;
  predelayMs: number;
}

/** Returns wet+dry stereo of input length + tailFrames. */
export function applyRoom(input: Float32Array[], sr: number, o: RoomOptions, tailFrames: number): Float32Array[] {
  const n = input[0].length + tailFrames;
  const outL = new Float32Array(n);
  const outR = new Float32Array(n);
  const inL = input[0];
  const inR = input[1] ?? input[0];
  const N = 8;
  const lens = BASE_DELAYS_MS.map((ms) => Math.max(8, Math.round((ms * o.size * sr) / 1000)));
  const lines = lens.map((l) => new Float32Array(l));
  const idx = new Int32Array(N);
  const gains = lens.map((l) => Math.pow(decayCoef(sr, o.rt60), l));
  const damp = Math.min(0.9, Math.max(0, o.damping)) * 0.7;
  const lpState = new Float64Array(N);
  const pre = Math.max(0, Math.round((o.predelayMs * sr) / 1000));
  const preBuf = new Float32Array(pre + 1);
  let preIdx = 0;
  const v = new Float64Array(N);
  const wet = o.mix;
  const inLen = inL.length;
  // Keep the early tail from sounding boxy: high-pass the reverb send a little.
  const sendHp = new Biquad(sr).highpass(120, 0.6);
  for (let i = 0; i < n; i++) {
    const dryL = i < inLen ? inL[i] : 0;
    const dryR = i < inLen ? inR[i] : 0;
    preBuf[preIdx] = sendHp.tick((dryL + dryR) * 0.5);
    preIdx = preIdx === pre ? 0 : preIdx + 1;
    const x = preBuf[preIdx];
    for (let k = 0; k < N; k++) {
      const s = lines[k][idx[k]];
      lpState[k] = s + damp * (lpState[k] - s);
      v[k] = lpState[k] * gains[k];
    }
    // Fast Walsh–Hadamard mixing (orthogonal after the 1/sqrt(8) scale): energy-preserving feedback.
    for (let h = 1; h < N; h <<= 1) {
      for (let a = 0; a < N; a += h << 1) {
        for (let b = a; b < a + h; b++) {
          const p = v[b];
          const q = v[b + h];
          v[b] = p + q;
          v[b + h] = p - q;
        }
      }
    }
    const sc = 0.35355339;
    let wl = 0;
    let wr = 0;
    for (let k = 0; k < N; k++) {
      const y = v[k] * sc;
      lines[k][idx[k]] = y + x * (k & 1 ? 0.5 : -0.5);
      if (++idx[k] >= lens[k]) idx[k] = 0;
      if (k < 4) wl += y * (k & 1 ? -1 : 1);
      else wr += y * (k & 1 ? -1 : 1);
    }
    outL[i] = dryL + wet * wl * 0.7;
    outR[i] = dryR + wet * wr * 0.7;
  }
  return [outL, outR];
}

/**
 * Widens a mono signal by adding an all-pass-decorrelated side channel: L = x + w·d, R = x − w·d, so the mono sum is
 * exactly the original.
 */
export function widen(mono: Float32Array, sr: number, width: number, seedMs = 1): Float32Array[] {
  const d = Float32Array.from(mono);
  const delays = [3.1 * seedMs, 7.7 * seedMs, 12.3 * seedMs].map((ms) => Math.max(2, Math.round((ms * sr) / 1000)));
  for (const D of delays) {
    const buf = new Float32Array(D);
    let p = 0;
    const g = 0.6;
    for (let i = 0; i < d.length; i++) {
      const delayed = buf[p];
      const inp = d[i] + g * delayed;
      d[i] = delayed - g * inp;
      buf[p] = inp;
      if (++p >= D) p = 0;
    }
  }
  // Keep the low end mono, as mastering engineers do.
  new Biquad(sr).highpass(180, 0.7).run(d);
  const L = new Float32Array(mono.length);
  const R = new Float32Array(mono.length);
  for (let i = 0; i < mono.length; i++) {
    L[i] = mono[i] + width * d[i];
    R[i] = mono[i] - width * d[i];
  }
  return [L, R];
}
