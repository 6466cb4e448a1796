// Small, allocation-light DSP building blocks shared by every synth voice (filters, oscillators, envelopes).
// Kept in one place so the voices read like recipes and stay fast enough to render thousands of sounds.

export const TAU = 2 * Math.PI;

export function midiToHz(midi: number): number {
  return 440 * Math.pow(2, (midi - 69) / 12);
}

export function frames(sr: number, sec: number): number {
  return Math.max(1, Math.round(sr * sec));
}

/** Per-sample multiplier that decays by 60 dB over t60 seconds. */
export function decayCoef(sr: number, t60: number): number {
  return Math.pow(10, -3 / (Math.max(1e-4, t60) * sr));
}

export function dbToGain(db: number): number {
  return Math.pow(10, db / 20);
}

/** RBJ biquad, direct form I; coefficients may be re-set per block for sweeps. */
export class Biquad {
  private b0 = 1;
  private b1 = 0;
  private b2 = 0;
  private a1 = 0;
  private a2 = 0;
  private x1 = 0;
  private x2 = 0;
  private y1 = 0;
  private y2 = 0;

  constructor(private readonly sr: number) {}

  private set(b0: number, b1: number, b2: number, a0: number, a1: number, a2: number): this {
    this.b0 = b0 / a0;
    this.b1 = b1 / a0;
    this.b2 = b2 / a0;
    this.a1 = a1 / a0;
    this.a2 = a2 / a0;
    return this;
  }

  private w(f: number): number {
    return (TAU * Math.min(Math.max(f, 5), this.sr * 0.49)) / this.sr;
  }

  lowpass(f: number, q = 0.707): this {
    const w = this.w(f);
    const c = Math.cos(w);
    const al = Math.sin(w) / (2 * q);
    return this.set((1 - c) / 2, 1 - c, (1 - c) / 2, 1 + al, -2 * c, 1 - al);
  }

  highpass(f: number, q = 0.707): this {
    const w = this.w(f);
    const c = Math.cos(w);
    const al = Math.sin(w) / (2 * q);
    return this.set((1 + c) / 2, -(1 + c), (1 + c) / 2, 1 + al, -2 * c, 1 - al);
  }

  /** Band-pass with 0 dB peak gain. */
  bandpass(f: number, q = 1): this {
    const w = this.w(f);
    const c = Math.cos(w);
    const al = Math.sin(w) / (2 * q);
    return this.set(al, 0, -al, 1 + al, -2 * c, 1 - al);
  }

  peak(f: number, q: number, gainDb: number): this {
    const w = this.w(f);
    const c = Math.cos(w);
    const A = Math.pow(10, gainDb / 40);
    const al = Math.sin(w) / (2 * q);
    return this.set(1 + al * A, -2 * c, 1 - al * A, 1 + al / A, -2 * c, 1 - al / A);
  }

  lowShelf(f: number, gainDb: number): this {
    const w = this.w(f);
    const c = Math.cos(w);
    const A = Math.pow(10, gainDb / 40);
    const al = Math.sin(w) / Math.SQRT2;
    const s = 2 * Math.sqrt(A) * al;
    return this.set(A * (A + 1 - (A - 1) * c + s), 2 * A * (A - 1 - (A + 1) * c), A * (A + 1 - (A - 1) * c - s),
      A + 1 + (A - 1) * c + s, -2 * (A - 1 + (A + 1) * c), A + 1 + (A - 1) * c - s);
  }

  highShelf(f: number, gainDb: number): this {
    const w = this.w(f);
    const c = Math.cos(w);
    const A = Math.pow(10, gainDb / 40);
    const al = Math.sin(w) / Math.SQRT2;
    const s = 2 * Math.sqrt(A) * al;
    return this.set(A * (A + 1 + (A - 1) * c + s), -2 * A * (A - 1 + (A + 1) * c), A * (A + 1 + (A - 1) * c - s),
      A + 1 - (A - 1) * c + s, 2 * (A - 1 - (A + 1) * c), A + 1 - (A - 1) * c - s);
  }

  tick(x: number): number {
    const y = this.b0 * x + this.b1 * this.x1 + this.b2 * this.x2 - this.a1 * this.y1 - this.a2 * this.y2;
    this.x2 = this.x1;
    this.x1 = x;
    this.y2 = this.y1;
    this.y1 = y;
    return y;
  }

  run(buf: Float32Array, from = 0, to = buf.length): Float32Array {
    for (let i = from; i < to; i++) buf[i] = this.tick(buf[i]);
    return buf;
  }
}

/**
 * Zavalishin TPT state-variable filter: stable under fast cutoff modulation, which filter-envelope basses, brass and
 * sweeps need. Outputs low/band/high from one tick.
 */
export class Svf {
  private ic1 = 0;
  private ic2 = 0;
  private g = 0;
  private k = 1;
  lp = 0;
  bp = 0;
  hp = 0;

  constructor(private readonly sr: number) {}

  set(f: number, q: number): this {
    this.g = Math.tan((Math.PI * Math.min(Math.max(f, 10), this.sr * 0.45)) / this.sr);
    this.k = 1 / Math.max(0.3, q);
    return this;
  }

  tick(x: number): void {
    const g = this.g;
    const k = this.k;
    const a1 = 1 / (1 + g * (g + k));
    const v3 = x - this.ic2;
    const v1 = a1 * this.ic1 + g * a1 * v3;
    const v2 = this.ic2 + g * v1;
    this.ic1 = 2 * v1 - this.ic1;
    this.ic2 = 2 * v2 - this.ic2;
    this.lp = v2;
    this.bp = v1;
    this.hp = x - k * v1 - v2;
  }
}

/** Runs an SVF low-pass over buf with cutoff(t) re-evaluated every 16 samples. */
export function sweepLowpass(buf: Float32Array, sr: number, cutoff: (tSec: number) => number, q = 0.8): Float32Array {
  const f = new Svf(sr);
  for (let i = 0; i < buf.length; i++) {
    if ((i & 15) === 0) f.set(cutoff(i / sr), q);
    f.tick(buf[i]);
    buf[i] = f.lp;
  }
  return buf;
}

export function sweepHighpass(buf: Float32Array, sr: number, cutoff: (tSec: number) => number, q = 0.7): Float32Array {
  const f = new Svf(sr);
  for (let i = 0; i < buf.length; i++) {
    if ((i & 15) === 0) f.set(cutoff(i / sr), q);
    f.tick(buf[i]);
    buf[i] = f.hp;
  }
  return buf;
}

export function sweepBandpass(buf: Float32Array, sr: number, cutoff: (tSec: number) => number, q = 2): Float32Array {
  const f = new Svf(sr);
  for (let i = 0; i < buf.length; i++) {
    if ((i & 15) === 0) f.set(cutoff(i / sr), q);
    f.tick(buf[i]);
    buf[i] = f.bp;
  }
  return buf;
}

/** PolyBLEP residual: removes most aliasing from naive saw/square edges at negligible cost. */
export function polyBlep(t: number, dt: number): number {
  if (t < dt) {
    const x = t / dt;
    return x + x - x * x - 1;
  }
  if (t > 1 - dt) {
    const x = (t - 1) / dt;
    return x * x + x + x + 1;
  }
  return 0;
}

/** Band-limited saw oscillator; call with a per-sample phase increment (Hz / sr). */
export class Saw {
  phase: number;
  constructor(phase = 0) {
    this.phase = phase;
  }
  next(dt: number): number {
    const t = this.phase;
    this.phase += dt;
    if (this.phase >= 1) this.phase -= 1;
    return 2 * t - 1 - polyBlep(t, dt);
  }
}

/** Band-limited pulse oscillator with variable width. */
export class Pulse {
  phase: number;
  constructor(phase = 0) {
    this.phase = phase;
  }
  next(dt: number, width = 0.5): number {
    const t = this.phase;
    this.phase += dt;
    if (this.phase >= 1) this.phase -= 1;
    let y = t < width ? 1 : -1;
    y += polyBlep(t, dt);
    let t2 = t + 1 - width;
    if (t2 >= 1) t2 -= 1;
    y -= polyBlep(t2, dt);
    return y;
  }
}

export interface Mode {
  freq: number;
  amp: number;
  /** Seconds to decay 60 dB. */
  t60: number;
  phase?: number;
}

/**
 * Adds exponentially decaying sinusoids using a rotating phasor (one complex multiply per sample), the cheap way to
 * render modal/additive sounds with dozens of partials. Modes above Nyquist are skipped.
 */
export function addModes(out: Float32Array, sr: number, modes: readonly Mode[], start = 0, gain = 1): void {
  for (const m of modes) {
    if (m.freq <= 0 || m.freq >= sr * 0.48 || m.amp === 0) continue;
    const w = (TAU * m.freq) / sr;
    const r = decayCoef(sr, m.t60);
    const cr = Math.cos(w) * r;
    const ci = Math.sin(w) * r;
    let re = Math.cos(m.phase ?? 0) * m.amp * gain;
    let im = Math.sin(m.phase ?? 0) * m.amp * gain;
    const floor = 1e-5 * Math.abs(m.amp * gain);
    for (let i = start; i < out.length; i++) {
      out[i] += im;
      const nre = re * cr - im * ci;
      im = re * ci + im * cr;
      re = nre;
      // Stop once inaudible: most modes die long before the buffer ends.
      if ((i & 255) === 0 && Math.abs(re) + Math.abs(im) < floor) break;
    }
  }
}

/** Smooth soft clipper with unity small-signal gain (drive ≥ 1 adds harmonics). */
export function saturate(buf: Float32Array, drive: number): Float32Array {
  if (drive <= 1.001) return buf;
  const norm = 1 / Math.tanh(drive);
  for (let i = 0; i < buf.length; i++) buf[i] = Math.tanh(buf[i] * drive) * norm;
  return buf;
}

/** Asymmetric clipper: even harmonics like an overdriven tube stage or amp. */
export function distort(buf: Float32Array, drive: number, bias = 0.2): Float32Array {
  const off = Math.tanh(bias * drive);
  for (let i = 0; i < buf.length; i++) buf[i] = Math.tanh((buf[i] + bias) * drive) - off;
  return buf;
}

export function fadeOut(buf: Float32Array, sr: number, sec: number): Float32Array {
  const n = Math.min(buf.length, frames(sr, sec));
  const s = buf.length - n;
  for (let i = 0; i < n; i++) {
    const g = 1 - i / n;
    buf[s + i] *= g * g;
  }
  return buf;
}

export function fadeIn(buf: Float32Array, sr: number, sec: number): Float32Array {
  const n = Math.min(buf.length, frames(sr, sec));
  for (let i = 0; i < n; i++) buf[i] *= i / n;
  return buf;
}

export function peakOf(chs: readonly Float32Array[]): number {
  let p = 0;
  for (const c of chs) for (let i = 0; i < c.length; i++) {
    const a = Math.abs(c[i]);
    if (a > p) p = a;
  }
  return p;
}

export function scale(buf: Float32Array, g: number): Float32Array {
  for (let i = 0; i < buf.length; i++) buf[i] *= g;
  return buf;
}

/** dst[offset + i] += src[i] * gain, clipped to dst's length. */
export function mixInto(dst: Float32Array, src: Float32Array, offset = 0, gain = 1): void {
  const n = Math.min(src.length, dst.length - offset);
  for (let i = Math.max(0, -offset); i < n; i++) dst[offset + i] += src[i] * gain;
}

/** Fills buf with white noise from the rng (bipolar, unit peak). */
export function whiteNoise(buf: Float32Array, rng: { noise(): number }): Float32Array {
  for (let i = 0; i < buf.length; i++) buf[i] = rng.noise();
  return buf;
}

/** Attack–decay envelope: linear attack, exponential decay of t60 seconds. */
export function adEnvelope(n: number, sr: number, attackSec: number, t60: number): Float32Array {
  const env = new Float32Array(n);
  const na = Math.max(1, Math.round(attackSec * sr));
  const k = decayCoef(sr, t60);
  let g = 1;
  for (let i = 0; i < n; i++) {
    if (i < na) env[i] = i / na;
    else {
      env[i] = g;
      g *= k;
    }
  }
  return env;
}

/** ADSR over a note that is released at releaseAt seconds; curved segments like analogue envelopes. */
export function adsr(n: number, sr: number, a: number, d: number, s: number, r: number, releaseAt: number): Float32Array {
  const env = new Float32Array(n);
  const na = Math.max(1, Math.round(a * sr));
  const dk = decayCoef(sr, Math.max(0.005, d));
  const rk = decayCoef(sr, Math.max(0.005, r));
  const rel = Math.round(releaseAt * sr);
  let g = 0;
  for (let i = 0; i < n; i++) {
    if (i >= rel) g *= rk;
    else if (i < na) g = 1 - Math.pow(1 - i / na, 2);
    else g = s + (g - s) * dk;
    env[i] = g;
  }
  return env;
}

export function multiply(buf: Float32Array, env: Float32Array): Float32Array {
  for (let i = 0; i < buf.length; i++) buf[i] *= env[i];
  return buf;
}
