// The "production" stage every sound passes through: saturation, EQ tilt, stereo image, room, noise floor, trim
// and level — the variation real sample packs have that raw oscillators lack.
import { Biquad, dbToGain, fadeOut, frames, peakOf, saturate, scale } from './dsp.js';
import { applyRoom, widen } from './room.js';
import type { RoomOptions } from './room.js';
import type { Rng } from './rng.js';

export interface FinishOptions {
  stereo: boolean;
  /** Side level for mono sources widened to stereo (0 = centred). */
  width: number;
  drive: number;
  /** dB per decade-ish: positive brightens, negative darkens. */
  tiltDb: number;
  room: RoomOptions | null;
  /** Noise floor relative to peak, dB (e.g. -80); null for none. */
  noiseFloorDb: number | null;
  /** Final peak level in (0, 1]. */
  peak: number;
  /** Loops: exact output length; anything past it wraps onto the start so the loop is seamless. */
  loopFrames?: number;
  /** One-shots: longest allowed output in frames. */
  maxFrames?: number;
}

export function finish(input: Float32Array[], sr: number, o: FinishOptions, rng: Rng): Float32Array[] {
  let chs = input;
  if (o.drive > 1) for (const c of chs) saturate(c, o.drive);
  if (Math.abs(o.tiltDb) > 0.1) {
    for (const c of chs) {
      new Biquad(sr).lowShelf(300, -o.tiltDb / 2).run(c);
      new Biquad(sr).highShelf(3000, o.tiltDb / 2).run(c);
    }
  }
  if (o.stereo && chs.length === 1) chs = o.width > 0.01 ? widen(chs[0], sr, o.width, rng.range(0.7, 1.4)) : [chs[0], Float32Array.from(chs[0])];
  if (!o.stereo && chs.length === 2) {
    const m = new Float32Array(chs[0].length);
    for (let i = 0; i < m.length; i++) m[i] = 0.5 * (chs[0][i] + chs[1][i]);
    chs = [m];
  }
  if (o.room) {
    const tail = o.loopFrames ? frames(sr, o.room.rt60 * 1.2) : frames(sr, Math.min(o.room.rt60, 2.5));
    const wet = applyRoom(chs, sr, o.room, tail);
    chs = o.stereo ? wet : [wet[0].map((x, i) => 0.5 * (x + wet[1][i]))];
  }
  if (o.loopFrames) chs = chs.map((c) => foldToLength(c, o.loopFrames!));
  const peak = peakOf(chs);
  if (peak === 0 || !Number.isFinite(peak)) return chs;
  if (o.noiseFloorDb !== null) {
    const amp = peak * dbToGain(o.noiseFloorDb);
    for (const c of chs) for (let i = 0; i < c.length; i++) c[i] += amp * rng.noise();
  }
  if (!o.loopFrames) chs = trimTail(chs, sr, peak, o.maxFrames);
  const g = o.peak / peakOf(chs);
  for (const c of chs) scale(c, g);
  return chs;
}

/** Periodic steady state of a one-period render: adds everything past `n` back onto the start (wrapping as often as needed). */
export function foldToLength(c: Float32Array, n: number): Float32Array {
  if (c.length === n) return c;
  const out = new Float32Array(n);
  for (let i = 0; i < c.length; i++) out[i % n] += c[i];
  return out;
}

/** Cuts the tail once it stays below -70 dB of the peak, then fades the last few ms so nothing clicks. */
function trimTail(chs: Float32Array[], sr: number, peak: number, maxFrames?: number): Float32Array[] {
  const thr = peak * dbToGain(-70);
  let end = 0;
  for (const c of chs) for (let i = c.length - 1; i > end; i--) if (Math.abs(c[i]) > thr) {
    end = i;
    break;
  }
  let n = Math.min(chs[0].length, end + frames(sr, 0.01));
  if (maxFrames) n = Math.min(n, maxFrames);
  n = Math.max(n, frames(sr, 0.03));
  return chs.map((c) => fadeOut(c.slice(0, n), sr, Math.min(0.02, n / sr / 4)));
}
