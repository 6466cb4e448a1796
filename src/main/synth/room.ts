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
  const lens = BASE_DELAYS_MS.map((ms) => Math.max(8, Math.round((ms * o.size * sr) / 1000)));
  const lines = lens.map((l) => new Float32Array(l));
  const gains = lens.map((l) => Math.pow(decayCoef(sr, o.rt60), l));
  const damp = Math.min(0.9, Math.max(0, o.damping)) * 0.7;
  const pre = Math.max(0, Math.round((o.predelayMs * sr) / 1000));
  const preBuf = new Float32Array(pre + 1);
  let preIdx = 0;
  const wet = o.mix * 0.7 * 0.35355339;
  const inLen = inL.length;
  // Keep the early tail from sounding boxy: high-pass the reverb send a little.
  const sendHp = new Biquad(sr).highpass(120, 0.6);
  const [l0, l1, l2, l3, l4, l5, l6, l7] = lines;
  const [n0, n1, n2, n3, n4, n5, n6, n7] = lens;
  const [g0, g1, g2, g3, g4, g5, g6, g7] = gains;
  let [i0, i1, i2, i3, i4, i5, i6, i7] = [0, 0, 0, 0, 0, 0, 0, 0];
  let [s0, s1, s2, s3, s4, s5, s6, s7] = [0, 0, 0, 0, 0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    const dryL = i < inLen ? inL[i] : 0;
    const dryR = i < inLen ? inR[i] : 0;
    preBuf[preIdx] = sendHp.tick((dryL + dryR) * 0.5);
    preIdx = preIdx === pre ? 0 : preIdx + 1;
    const x = preBuf[preIdx] * 0.5;
    // Damped line outputs.
    s0 = l0[i0] + damp * (s0 - l0[i0]);
    s1 = l1[i1] + damp * (s1 - l1[i1]);
    s2 = l2[i2] + damp * (s2 - l2[i2]);
    s3 = l3[i3] + damp * (s3 - l3[i3]);
    s4 = l4[i4] + damp * (s4 - l4[i4]);
    s5 = l5[i5] + damp * (s5 - l5[i5]);
    s6 = l6[i6] + damp * (s6 - l6[i6]);
    s7 = l7[i7] + damp * (s7 - l7[i7]);
    const v0 = s0 * g0, v1 = s1 * g1, v2 = s2 * g2, v3 = s3 * g3, v4 = s4 * g4, v5 = s5 * g5, v6 = s6 * g6, v7 = s7 * g7;
    // 8-point Walsh–Hadamard mix (orthogonal after 1/sqrt(8)): energy-preserving feedback.
    const a0 = v0 + v1, a1 = v0 - v1, a2 = v2 + v3, a3 = v2 - v3, a4 = v4 + v5, a5 = v4 - v5, a6 = v6 + v7, a7 = v6 - v7;
    const b0 = a0 + a2, b1 = a1 + a3, b2 = a0 - a2, b3 = a1 - a3, b4 = a4 + a6, b5 = a5 + a7, b6 = a4 - a6, b7 = a5 - a7;
    const sc = 0.35355339;
    const y0 = (b0 + b4) * sc, y1 = (b1 + b5) * sc, y2 = (b2 + b6) * sc, y3 = (b3 + b7) * sc;
    const y4 = (b0 - b4) * sc, y5 = (b1 - b5) * sc, y6 = (b2 - b6) * sc, y7 = (b3 - b7) * sc;
    l0[i0] = y0 - x; l1[i1] = y1 + x; l2[i2] = y2 - x; l3[i3] = y3 + x;
    l4[i4] = y4 - x; l5[i5] = y5 + x; l6[i6] = y6 - x; l7[i7] = y7 + x;
    if (++i0 >= n0) i0 = 0;
    if (++i1 >= n1) i1 = 0;
    if (++i2 >= n2) i2 = 0;
    if (++i3 >= n3) i3 = 0;
    if (++i4 >= n4) i4 = 0;
    if (++i5 >= n5) i5 = 0;
    if (++i6 >= n6) i6 = 0;
    if (++i7 >= n7) i7 = 0;
    outL[i] = dryL + wet * (y0 - y1 + y2 - y3);
    outR[i] = dryR + wet * (y4 - y5 + y6 - y7);
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
