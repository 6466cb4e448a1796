// Streaming polyphase windowed-sinc resampler (rational ratio, Kaiser window), so analysis runs at one rate
// whatever the file's rate, without aliasing and without holding the whole file.
import { kaiser } from './window.js';

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Most phases we tabulate; rare rate pairs with a huge L use the nearest tabulated phase (error < 1/2048 sample). */
const MAX_PHASES = 1024;

/** Filter designs by ratio and parameters: designing costs more than resampling a one-shot. */
const DESIGNS = new Map<string, Float32Array>();

export interface ResamplerOptions {
  /** Filter half-length in output-rate periods; more = sharper transition, more cost. */
  halfWidth?: number;
  /** Cutoff as a fraction of the lower Nyquist. */
  cutoff?: number;
  /** Kaiser beta (≈6 gives ~60 dB stopband). */
  beta?: number;
}

export class Resampler {
  readonly inRate: number;
  readonly outRate: number;
  private readonly up: number;
  private readonly down: number;
  private readonly phases: number;
  private readonly taps: number;
  /** phases × taps coefficients; tap j of phase p multiplies input[base + j]. */
  private readonly table: Float32Array;
  private readonly left: number;
  private buf: Float32Array;
  private bufLen: number;
  /** Integer input index (into buf) and fractional numerator (0..up-1) of the next output's time. */
  private pos: number;
  private frac = 0;

  constructor(inRate: number, outRate: number, opts: ResamplerOptions = {}) {
    if (!(inRate > 0 && outRate > 0)) throw new Error(`invalid resampling rates ${inRate} → ${outRate}`);
    this.inRate = inRate;
    this.outRate = outRate;
    const g = gcd(Math.round(inRate), Math.round(outRate));
    this.up = Math.round(outRate) / g;
    this.down = Math.round(inRate) / g;
    this.phases = Math.min(this.up, MAX_PHASES);
    const ratio = this.up / this.down;
    const halfWidth = opts.halfWidth ?? 6;
    const cutoff = opts.cutoff ?? 0.85;
    const beta = opts.beta ?? 6;
    // Cutoff in cycles per input sample; half-length in input samples.
    const fc = 0.5 * Math.min(1, ratio) * cutoff;
    const half = Math.ceil(halfWidth * Math.max(1, 1 / ratio));
    // Integer decimation uses an odd, symmetric kernel so the inner loop can fold it (half the multiplies).
    this.taps = this.up === 1 ? 2 * half + 1 : 2 * half;
    this.left = this.up === 1 ? half : half - 1;
    const key = `${this.up}/${this.down}:${halfWidth}:${cutoff}:${beta}`;
    const cached = DESIGNS.get(key);
    this.table = cached ?? new Float32Array(this.phases * this.taps);
    if (!cached) DESIGNS.set(key, this.table);
    for (let p = 0; !cached && p < this.phases; p++) {
      const offset = p / this.phases;
      let sum = 0;
      for (let j = 0; j < this.taps; j++) {
        // Input sample base+j sits at distance (j - left - offset) from the output time.
        const x = j - this.left - offset;
        const sinc = x === 0 ? 1 : Math.sin(2 * Math.PI * fc * x) / (2 * Math.PI * fc * x);
        const v = 2 * fc * sinc * kaiser(x / (half + 1), beta);
        this.table[p * this.taps + j] = v;
        sum += v;
      }
      // Unity DC gain per phase avoids a phase-dependent ripple.
      for (let j = 0; j < this.taps; j++) this.table[p * this.taps + j] /= sum;
    }
    // Sized by the first block (a one-shot is usually one block), so short files allocate once.
    this.buf = new Float32Array(this.taps);
    // Prime with zeros so the first output is centred on input sample 0.
    this.bufLen = this.left;
    this.pos = 0;
  }

  /** Upper bound of outputs produced for `frames` more inputs. */
  maxOutput(frames: number): number {
    return Math.ceil(((frames + this.taps) * this.up) / this.down) + 2;
  }

  /** Feeds input[0..n) and writes resampled samples into out; returns how many were written. */
  process(input: Float32Array, n: number, out: Float32Array): number {
    if (this.bufLen + n > this.buf.length) {
      const bigger = new Float32Array(Math.max(this.buf.length === this.taps ? 0 : this.buf.length * 2, this.bufLen + n + this.taps));
      bigger.set(this.buf.subarray(0, this.bufLen));
      this.buf = bigger;
    }
    this.buf.set(input.subarray(0, n), this.bufLen);
    this.bufLen += n;
    return this.drain(out, false);
  }

  /** Flushes the filter tail with zeros; call once at the end. */
  flush(out: Float32Array): number {
    const pad = this.taps;
    if (this.bufLen + pad > this.buf.length) {
      const bigger = new Float32Array(this.bufLen + pad);
      bigger.set(this.buf.subarray(0, this.bufLen));
      this.buf = bigger;
    }
    this.buf.fill(0, this.bufLen, this.bufLen + pad);
    const realEnd = this.bufLen - this.left;
    this.bufLen += pad;
    return this.drain(out, true, realEnd);
  }

  private drain(out: Float32Array, final: boolean, realEnd = 0): number {
    const taps = this.taps;
    const table = this.table;
    const buf = this.buf;
    const up = this.up;
    const phases = this.phases;
    const stepInt = Math.floor(this.down / up);
    const stepFrac = this.down % up;
    // Outputs past the true end of the input are only filter ringing; stop there.
    const limit = final ? Math.min(this.bufLen - taps, realEnd - 1) : this.bufLen - taps;
    let pos = this.pos;
    let frac = this.frac;
    let w = 0;
    if (up === 1 && this.left === 12) {
      w = decimate25(table, buf, pos, limit, stepInt, out);
      pos += w * stepInt;
    } else if (up === 1) {
      w = decimateSymmetric(table, buf, taps, this.left, pos, limit, stepInt, out);
      pos += w * stepInt;
    } else {
      const at = POS_FRAC;
      at[0] = pos;
      at[1] = frac;
      w = polyphase(table, taps, phases, up, stepInt, stepFrac, buf, limit, at, out);
      pos = at[0];
      frac = at[1];
    }
    // Keep only what future outputs need.
    const keep = this.bufLen - pos;
    if (keep > 0) {
      buf.copyWithin(0, pos, this.bufLen);
      this.bufLen = keep;
      this.pos = 0;
    } else {
      this.bufLen = 0;
      this.pos = -keep;
    }
    this.frac = frac;
    return w;
  }
}

// The inner loops live in plain functions over typed arrays: V8 optimises them once and keeps them, where the same
// loops inside the stateful drain() kept being deoptimised (on-stack replacement on every new resampler).

/** The default 2:1 kernel (25 symmetric taps) unrolled with its coefficients in registers; returns outputs written. */
function decimate25(table: Float32Array, buf: Float32Array, pos: number, limit: number, step: number, out: Float32Array): number {
  const c0 = table[0], c1 = table[1], c2 = table[2], c3 = table[3], c4 = table[4], c5 = table[5];
  const c6 = table[6], c7 = table[7], c8 = table[8], c9 = table[9], c10 = table[10], c11 = table[11], cm = table[12];
  let w = 0;
  for (let p = pos; p <= limit; p += step) {
    const a = c0 * (buf[p] + buf[p + 24]) + c1 * (buf[p + 1] + buf[p + 23]) + c2 * (buf[p + 2] + buf[p + 22]) + c3 * (buf[p + 3] + buf[p + 21]);
    const b = c4 * (buf[p + 4] + buf[p + 20]) + c5 * (buf[p + 5] + buf[p + 19]) + c6 * (buf[p + 6] + buf[p + 18]) + c7 * (buf[p + 7] + buf[p + 17]);
    const c = c8 * (buf[p + 8] + buf[p + 16]) + c9 * (buf[p + 9] + buf[p + 15]) + c10 * (buf[p + 10] + buf[p + 14]) + c11 * (buf[p + 11] + buf[p + 13]);
    out[w++] = cm * buf[p + 12] + a + b + c;
  }
  return w;
}

/** Any odd symmetric kernel (integer decimation), folded so each coefficient multiplies a pair of samples. */
function decimateSymmetric(table: Float32Array, buf: Float32Array, taps: number, mid: number, pos: number, limit: number, step: number, out: Float32Array): number {
  const centre = table[mid];
  let w = 0;
  for (let p = pos; p <= limit; p += step) {
    // Two accumulators break the add dependency chain.
    let acc0 = centre * buf[p + mid];
    let acc1 = 0;
    let j = 0;
    for (let k = p + taps - 1; j + 1 < mid; j += 2, k -= 2) {
      acc0 += table[j] * (buf[p + j] + buf[k]);
      acc1 += table[j + 1] * (buf[p + j + 1] + buf[k - 1]);
    }
    if (j < mid) acc0 += table[j] * (buf[p + j] + buf[p + taps - 1 - j]);
    out[w++] = acc0 + acc1;
  }
  return w;
}

/** In/out position of the rational path: [input index, fractional numerator]. */
const POS_FRAC = new Int32Array(2);

/** General rational ratio: one tabulated phase per output; advances at[0..1] and returns outputs written. */
function polyphase(table: Float32Array, taps: number, phases: number, up: number, stepInt: number, stepFrac: number, buf: Float32Array, limit: number, at: Int32Array, out: Float32Array): number {
  let pos = at[0], frac = at[1];
  let w = 0;
  while (pos <= limit) {
    const row = (phases === up ? frac : Math.floor((frac * phases) / up)) * taps;
    // Two accumulators halve the add dependency chain (taps is even on this path).
    let acc0 = 0, acc1 = 0;
    let j = 0;
    for (; j + 1 < taps; j += 2) {
      acc0 += table[row + j] * buf[pos + j];
      acc1 += table[row + j + 1] * buf[pos + j + 1];
    }
    if (j < taps) acc0 += table[row + j] * buf[pos + j];
    out[w++] = acc0 + acc1;
    pos += stepInt;
    frac += stepFrac;
    if (frac >= up) {
      frac -= up;
      pos++;
    }
  }
  at[0] = pos;
  at[1] = frac;
  return w;
}
