// Zero-crossing rate: a cheap noisiness/brightness cue in the time domain.

/** Fraction of adjacent sample pairs in x[from, to) that change sign. */
export function zeroCrossingRate(x: ArrayLike<number>, from: number, to: number): number {
  let n = 0;
  for (let i = from + 1; i < to; i++) if ((x[i - 1] >= 0) !== (x[i] >= 0)) n++;
  return to - from > 1 ? n / (to - from - 1) : 0;
}
