// Robust per-dimension standardisation and aspect weighting, so no single descriptor (Hz vs. dB vs. ratios)
// dominates distances and the user can ask "similar in timbre" vs "similar in envelope".

export interface Standardiser {
  center: Float32Array;
  scale: Float32Array;
}

/**
 * Fits median and a robust spread (IQR/1.349, falling back to std) per dimension over row-major vectors.
 * Constant dimensions get scale 1 so they contribute nothing instead of NaN.
 */
export function fitStandardiser(data: Float32Array, dim: number): Standardiser {
  const n = Math.floor(data.length / dim);
  if (n === 0) throw new Error('fitStandardiser: no vectors to fit');
  const center = new Float32Array(dim);
  const scale = new Float32Array(dim);
  const col = new Float64Array(n);
  for (let j = 0; j < dim; j++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += col[i] = data[i * dim + j];
    mean /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (col[i] - mean) ** 2;
    const std = Math.sqrt(v / Math.max(1, n - 1));
    col.sort();
    const q = (p: number) => col[Math.min(n - 1, Math.floor(p * (n - 1)))];
    center[j] = q(0.5);
    const iqr = (q(0.75) - q(0.25)) / 1.349;
    scale[j] = iqr > 1e-9 ? iqr : std > 1e-9 ? std : 1;
  }
  return { center, scale };
}

/** Returns standardised copies of the vectors (values clipped to ±8 so outliers cannot swamp a distance). */
export function applyStandardiser(s: Standardiser, data: Float32Array): Float32Array {
  const dim = s.center.length;
  const out = new Float32Array(data.length);
  for (let o = 0; o < data.length; o += dim) {
    for (let j = 0; j < dim; j++) {
      const z = (data[o + j] - s.center[j]) / s.scale[j];
      out[o + j] = z > 8 ? 8 : z < -8 ? -8 : z;
    }
  }
  return out;
}

/** A named slice of the feature vector, e.g. { name: 'timbre', start: 0, length: 40 }. */
export interface AspectSpan {
  name: string;
  start: number;
  length: number;
}

/**
 * Per-dimension weights from aspect weights: each aspect's total weight is spread over its dimensions, so a
 * 40-dim timbre block and a 4-dim pitch block count equally at weight 1. Dimensions in no aspect get `rest`.
 */
export function aspectWeightVector(dim: number, spans: readonly AspectSpan[], weights: Readonly<Record<string, number>>, rest = 0): Float32Array {
  const w = new Float32Array(dim).fill(rest / Math.max(1, dim));
  for (const s of spans) {
    const aw = weights[s.name] ?? 0;
    for (let j = s.start; j < s.start + s.length && j < dim; j++) w[j] = aw / s.length;
  }
  return w;
}
