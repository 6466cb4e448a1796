// Pitch-class energy from spectral peaks at 10-cent resolution, so tuning can be estimated and folded out
// before the 12-bin chroma is formed.

/** Bins per semitone in the fine pitch-class histogram. */
const FINE = 10;

export class ChromaAccumulator {
  /** 120 bins: pitch class × 10-cent steps, relative to A440 equal temperament (bin 0 = C). */
  readonly fine = new Float64Array(12 * FINE);
  private readonly loBin: number;
  private readonly hiBin: number;

  constructor(readonly fftSize: number, readonly sampleRate: number, minHz = 60, maxHz = 2500) {
    const binHz = sampleRate / fftSize;
    this.loBin = Math.max(2, Math.floor(minHz / binHz));
    this.hiBin = Math.min(fftSize / 2 - 2, Math.ceil(maxHz / binHz));
  }

  /** Adds the spectral peaks of one power-spectrum frame. */
  add(power: Float32Array): void {
    let max = 0;
    for (let k = this.loBin; k <= this.hiBin; k++) if (power[k] > max) max = power[k];
    if (max <= 1e-12) return;
    const floor = max * 1e-3;
    const binHz = this.sampleRate / this.fftSize;
    for (let k = this.loBin; k <= this.hiBin; k++) {
      const p = power[k];
      if (p < floor || p < power[k - 1] || p <= power[k + 1]) continue;
      // Parabolic interpolation on log power for the true peak frequency.
      const a = Math.log(power[k - 1] + 1e-20), b = Math.log(p), c = Math.log(power[k + 1] + 1e-20);
      const den = a - 2 * b + c;
      const shift = den < 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (a - c)) / den)) : 0;
      const hz = (k + shift) * binHz;
      const midi = 69 + 12 * Math.log2(hz / 440);
      let idx = Math.round(midi * FINE) % (12 * FINE);
      if (idx < 0) idx += 12 * FINE;
      // Magnitude (not power) weighting keeps one loud partial from dominating the profile.
      this.fine[idx] += Math.sqrt(p);
    }
  }

  /**
   * How tightly peaks sit on one tuning grid, 0..1 (length of the mean deviation vector): near 1 for notes,
   * low for pitch sweeps (kicks, risers) and noise, whose partials land anywhere between semitones.
   */
  tuningConcentration(): number {
    let s = 0, c = 0, total = 0;
    for (let i = 0; i < this.fine.length; i++) {
      const ang = (2 * Math.PI * (i % FINE)) / FINE;
      s += this.fine[i] * Math.sin(ang);
      c += this.fine[i] * Math.cos(ang);
      total += this.fine[i];
    }
    return total > 0 ? Math.hypot(s, c) / total : 0;
  }

  /** Tuning offset in cents (−50..50) from the circular mean of peak deviations. */
  tuningCents(): number {
    let s = 0, c = 0;
    for (let i = 0; i < this.fine.length; i++) {
      const ang = (2 * Math.PI * (i % FINE)) / FINE;
      s += this.fine[i] * Math.sin(ang);
      c += this.fine[i] * Math.cos(ang);
    }
    if (s === 0 && c === 0) return 0;
    return (Math.atan2(s, c) / (2 * Math.PI)) * 100;
  }

  /** 12-bin chroma (C..B) after removing the tuning offset, normalised to max 1 (all zeros if silent). */
  chroma(tuning = this.tuningCents()): number[] {
    const out = new Array<number>(12).fill(0);
    const shift = Math.round(tuning / (100 / FINE));
    const n = 12 * FINE;
    for (let i = 0; i < n; i++) {
      let j = i - shift;
      j = ((j % n) + n) % n;
      // Fine bin j centred on pitch class round(j/FINE), within ±50 cents.
      const pc = Math.round(j / FINE) % 12;
      out[pc] += this.fine[i];
    }
    const max = Math.max(...out);
    return max > 0 ? out.map((v) => v / max) : out;
  }
}
