// Spectral-flux onset strength from log-mel frames: the rise of band energies between frames, which marks hits.

export class OnsetFlux {
  private readonly prev: Float32Array;
  private primed = false;

  constructor(readonly bands: number) {
    this.prev = new Float32Array(bands);
  }

  /** Onset strength of this frame: mean positive dB increase over bands (0 for the first frame). */
  next(melDb: Float32Array): number {
    let acc = 0;
    const prev = this.prev;
    for (let b = 0; b < this.bands; b++) {
      // Clamp at -80 dB so rising out of numerical silence does not look like a huge onset.
      const v = melDb[b] > -80 ? melDb[b] : -80;
      const d = v - prev[b];
      if (d > 0) acc += d;
      prev[b] = v;
    }
    if (!this.primed) {
      this.primed = true;
      return 0;
    }
    return acc / this.bands;
  }
}

/** Onset frame indices: local maxima of the strength envelope above an adaptive threshold. */
export function pickOnsets(env: Float32Array, n: number, minGapFrames = 3): number[] {
  let max = 0;
  for (let i = 0; i < n; i++) if (env[i] > max) max = env[i];
  if (max <= 0) return [];
  const out: number[] = [];
  let last = -minGapFrames;
  for (let i = 0; i < n; i++) {
    let local = 0;
    const lo = Math.max(0, i - 8), hi = Math.min(n, i + 9);
    for (let j = lo; j < hi; j++) local += env[j];
    local /= hi - lo;
    const v = env[i];
    if (v >= 0.1 * max && v > local * 1.5 && (i === 0 || v >= env[i - 1]) && (i + 1 >= n || v > env[i + 1]) && i - last >= minGapFrames) {
      out.push(i);
      last = i;
    }
  }
  return out;
}
