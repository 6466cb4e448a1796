// Tempo from an onset-strength envelope: autocorrelation scored by a harmonic comb and a log-normal prior
// around producer tempos, which settles most double/half-tempo ambiguities.

export interface TempoEstimate {
  bpm: number;
  /** Normalised autocorrelation at the beat period, 0..1: how strongly the onsets repeat. */
  periodicity: number;
  /** Margin of the winner over the best non-octave-related rival, 0..1. */
  confidence: number;
}

export interface TempoOptions {
  minBpm?: number;
  maxBpm?: number;
  /** Centre of the preference prior (BPM) and its width in octaves. */
  preferBpm?: number;
  preferOctaves?: number;
}

/** Tempo ratios that count as the same metrical family (octaves, triplet feels). */
const RELATED = [0.5, 1, 2, 1 / 3, 3, 2 / 3, 1.5];

function interp(acf: Float64Array, lag: number): number {
  const i = Math.floor(lag);
  if (i + 1 >= acf.length) return 0;
  const f = lag - i;
  return acf[i] * (1 - f) + acf[i + 1] * f;
}

/** Estimates the tempo of env[0..n) sampled at frameRate Hz; null when there is no usable periodicity. */
export function estimateTempo(env: Float32Array, n: number, frameRate: number, opts: TempoOptions = {}): TempoEstimate | null {
  const minBpm = opts.minBpm ?? 50;
  const maxBpm = opts.maxBpm ?? 220;
  const prefer = opts.preferBpm ?? 120;
  const sigma = opts.preferOctaves ?? 1;
  const maxLag = Math.min(n - 1, Math.ceil((4 * 60 * frameRate) / minBpm) + 2);
  if (n < 8 || maxLag < 4) return null;
  // Remove the slowly varying level so loudness swells do not read as periodicity.
  const x = new Float64Array(n);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += env[i];
  mean /= n;
  for (let i = 0; i < n; i++) x[i] = Math.max(0, env[i] - mean);
  const acf = new Float64Array(maxLag + 2);
  for (let lag = 0; lag <= maxLag; lag++) {
    let s = 0;
    for (let i = lag; i < n; i++) s += x[i] * x[i - lag];
    // Unbiased: divide by the overlap so long lags are not penalised for short loops.
    acf[lag] = s / (n - lag);
  }
  if (acf[0] <= 0) return null;
  const a0 = acf[0];
  for (let lag = 0; lag <= maxLag; lag++) acf[lag] /= a0;

  const comb = (bpm: number): number => {
    const lag = (60 * frameRate) / bpm;
    let s = 0;
    let wsum = 0;
    for (let h = 1; h <= 4; h++) {
      if (h * lag > maxLag) break;
      s += interp(acf, h * lag) / h;
      wsum += 1 / h;
    }
    return wsum > 0 ? s / wsum : 0;
  };
  let bestScore = -Infinity;
  let bestBpm = 0;
  const step = 0.05;
  const scores: number[] = [];
  for (let bpm = minBpm; bpm <= maxBpm + 1e-9; bpm += step) {
    const o = Math.log2(bpm / prefer) / sigma;
    const score = comb(bpm) * Math.exp(-0.5 * o * o);
    scores.push(score);
    if (score > bestScore) {
      bestScore = score;
      bestBpm = bpm;
    }
  }
  if (!(bestScore > 0)) return null;
  // The prior picks the metrical level; the exact period comes from the centres of mass of the ACF peaks at its
  // multiples (onsets quantised to frames spread each peak over neighbouring lags in proportion to the true lag).
  const lag0 = (60 * frameRate) / bestBpm;
  let num = 0, den = 0;
  for (let h = 1; h <= 8; h++) {
    const target = Math.round(h * lag0);
    if (target + 2 > maxLag) break;
    let m = target;
    for (let l = target - 1; l <= target + 1; l++) if (acf[l] > acf[m]) m = l;
    let mass = 0, moment = 0;
    for (let l = m - 1; l <= m + 1; l++) {
      const v = Math.max(0, acf[l]);
      mass += v;
      moment += v * l;
    }
    if (mass <= 0) continue;
    const period = moment / mass / h;
    if (Math.abs(period / lag0 - 1) > 0.05) continue;
    num += period * h * h;
    den += h * h;
  }
  if (den > 0) bestBpm = (60 * frameRate) / (num / den);
  // Rival: the best score not within 4% of the winner or its octave relatives.
  let rival = 0;
  for (let j = 0; j < scores.length; j++) {
    if (!(scores[j] > rival)) continue;
    const r = (minBpm + j * step) / bestBpm;
    let related = false;
    for (let q = 0; q < RELATED.length && !related; q++) related = Math.abs(r / RELATED[q] - 1) < 0.04;
    if (!related) rival = scores[j];
  }
  const periodicity = Math.max(0, Math.min(1, interp(acf, (60 * frameRate) / bestBpm)));
  const confidence = Math.max(0, Math.min(1, (bestScore - rival) / bestScore)) * Math.min(1, periodicity * 2);
  return { bpm: bestBpm, periodicity, confidence };
}
