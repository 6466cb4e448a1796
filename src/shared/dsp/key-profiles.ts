// Key estimation by correlating a chroma vector with rotated major/minor key profiles.
import { keyName } from '../music/keys.js';

/** Krumhansl–Kessler probe-tone profiles (tonic first). */
export const MAJOR_PROFILE = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88];
export const MINOR_PROFILE = [6.33, 2.68, 3.52, 5.38, 2.6, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17];

function pearson(a: ArrayLike<number>, b: ArrayLike<number>, rot: number): number {
  let ma = 0, mb = 0;
  for (let i = 0; i < 12; i++) { ma += a[i]; mb += b[i]; }
  ma /= 12; mb /= 12;
  let num = 0, da = 0, db = 0;
  for (let i = 0; i < 12; i++) {
    const x = a[(i + rot) % 12] - ma;
    const y = b[i] - mb;
    num += x * y; da += x * x; db += y * y;
  }
  return da > 0 && db > 0 ? num / Math.sqrt(da * db) : 0;
}

export interface KeyEstimate {
  tonic: number;
  mode: 'major' | 'minor';
  name: string;
  correlation: number;
  /** Best minus second-best correlation, scaled to 0..1. */
  confidence: number;
}

export function estimateKey(chroma: ArrayLike<number>): KeyEstimate | null {
  const scores: { tonic: number; mode: 'major' | 'minor'; r: number }[] = [];
  for (let t = 0; t < 12; t++) {
    scores.push({ tonic: t, mode: 'major', r: pearson(chroma, MAJOR_PROFILE, t) });
    scores.push({ tonic: t, mode: 'minor', r: pearson(chroma, MINOR_PROFILE, t) });
  }
  scores.sort((x, y) => y.r - x.r);
  const best = scores[0];
  if (!(best.r > 0)) return null;
  const margin = best.r - scores[1].r;
  const confidence = Math.max(0, Math.min(1, margin * 5)) * Math.max(0, best.r);
  return { tonic: best.tonic, mode: best.mode, name: keyName(best.tonic, best.mode), correlation: best.r, confidence };
}
