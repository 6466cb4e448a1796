// Shared analysis front end: mono downmix → anti-aliased resampling to one analysis rate → one STFT whose
// spectra every spectral analyzer reuses, plus a capped mono capture and onset envelope (bounded memory).
import { MAX_BLOCK_FRAMES } from '../decode/audio-source.js';
import { RealFft } from '../../shared/dsp/fft.js';
import { hann } from '../../shared/dsp/window.js';
import { Resampler } from '../../shared/dsp/resample.js';
import { MelFilterbank } from '../../shared/dsp/mel.js';
import { powerToDb } from '../../shared/dsp/mfcc.js';
import { OnsetFlux } from '../../shared/dsp/onset-flux.js';
import { DecimatingMinMax } from './decimating-levels.js';
import { sharedTable } from './shared-tables.js';

export const ANALYSIS_RATE = 22050;
export const FFT_SIZE = 1024;
export const HOP = 512;
export const MEL_BANDS = 40;
/** Seconds of audio the tempo/key/pitch/envelope analyses look at. */
export const CAPTURE_SEC = 60;
/** Frames whose RMS is below this (-80 dBFS) count as silence. */
export const SILENT_RMS = 1e-4;

export interface SpectralFrame {
  index: number;
  /** Unwindowed analysis-rate samples of the frame. */
  time: Float32Array;
  /** Power spectrum scaled so a full-scale sine peaks near 1; FFT_SIZE/2+1 bins. */
  power: Float32Array;
  mag: Float32Array;
  melDb: Float32Array;
  rms: number;
}

export type FrameListener = (frame: SpectralFrame) => void;

/** Downmix scratch: every use is synchronous within one block, so analyses in one process can share it. */
let monoScratch: Float32Array | null = null;

/** Native-rate mono mix (mean of the channels) of block[·][0..n), in a buffer reused until the next call. */
export function downmix(block: Float32Array[], n: number): Float32Array {
  const ch = block.length;
  if (ch === 1) return block[0];
  const mono = (monoScratch ??= new Float32Array(MAX_BLOCK_FRAMES));
  const g = 1 / ch;
  const a = block[0];
  if (ch === 2) {
    const b = block[1];
    for (let i = 0; i < n; i++) mono[i] = a[i] * g + b[i] * g;
    return mono;
  }
  for (let i = 0; i < n; i++) mono[i] = a[i] * g;
  for (let c = 1; c < ch; c++) {
    const b = block[c];
    for (let i = 0; i < n; i++) mono[i] += b[i] * g;
  }
  return mono;
}

export class FrontEnd {
  readonly rate = ANALYSIS_RATE;
  readonly binHz = ANALYSIS_RATE / FFT_SIZE;
  readonly frameRate = ANALYSIS_RATE / HOP;
  readonly mel = sharedTable('mel', () => new MelFilterbank(MEL_BANDS, FFT_SIZE, ANALYSIS_RATE, 30, 11025));
  /** Analysis-rate mono of the first CAPTURE_SEC seconds. */
  capture: Float32Array;
  captureLen = 0;
  /** Onset strength per frame for the first CAPTURE_SEC seconds. */
  readonly onsetEnv: Float32Array;
  onsetLen = 0;
  /** Peak level of the whole analysis-rate signal, in buckets that coarsen as needed. */
  readonly coarse = new DecimatingMinMax(256, 8192);
  /** Total analysis-rate samples seen. */
  samples = 0;
  framesEmitted = 0;

  private readonly listeners: FrameListener[] = [];
  private readonly resampler: Resampler | null;
  private readonly resampled: Float32Array;
  private pending: Float32Array;
  private pendingLen = 0;
  private readonly fft = sharedTable('stft-fft', () => new RealFft(FFT_SIZE));
  private readonly window = sharedTable('stft-window', () => hann(FFT_SIZE));
  private readonly frame: SpectralFrame;
  private readonly melE = new Float32Array(MEL_BANDS);
  private readonly flux = new OnsetFlux(MEL_BANDS);
  private readonly re = new Float64Array(FFT_SIZE / 2 + 1);
  private readonly im = new Float64Array(FFT_SIZE / 2 + 1);
  private readonly captureCap: number;
  private readonly powerScale = 16 / (FFT_SIZE * FFT_SIZE);

  /** `expectedFrames` (native rate, when the header knows it) sizes the buffers so short files allocate little. */
  constructor(readonly nativeRate: number, readonly needs: { frames: boolean; capture: boolean; onsets: boolean }, expectedFrames: number | null = null) {
    this.resampler = nativeRate === ANALYSIS_RATE ? null : new Resampler(nativeRate, ANALYSIS_RATE);
    const maxOut = this.resampler ? this.resampler.maxOutput(MAX_BLOCK_FRAMES) : MAX_BLOCK_FRAMES;
    // The resampler's output is consumed before push returns, so one buffer per size serves every analysis.
    this.resampled = sharedTable(`fe-resampled:${maxOut}`, () => new Float32Array(maxOut));
    const expected = expectedFrames && expectedFrames > 0 ? Math.ceil((expectedFrames * ANALYSIS_RATE) / nativeRate) + 64 : Infinity;
    this.pending = new Float32Array(FFT_SIZE + Math.min(maxOut, expected));
    this.captureCap = needs.capture ? CAPTURE_SEC * ANALYSIS_RATE : 0;
    this.capture = new Float32Array(Math.min(this.captureCap, 4 * ANALYSIS_RATE, expected));
    this.onsetEnv = new Float32Array(needs.onsets ? Math.ceil((CAPTURE_SEC * ANALYSIS_RATE) / HOP) + 2 : 0);
    const bins = FFT_SIZE / 2 + 1;
    this.frame = { index: 0, time: new Float32Array(FFT_SIZE), power: new Float32Array(bins), mag: new Float32Array(bins), melDb: new Float32Array(MEL_BANDS), rms: 0 };
  }

  addListener(l: FrameListener): void {
    this.listeners.push(l);
  }

  /** Downmixes one native block and runs everything downstream of it. */
  push(block: Float32Array[], n: number): void {
    this.pushMono(downmix(block, n), n);
  }

  /** Runs everything downstream of a native-rate mono block (see `downmix`); `mono` is not kept. */
  pushMono(mono: Float32Array, n: number): void {
    if (this.resampler) this.consume(this.resampled, this.resampler.process(mono, n, this.resampled));
    else this.consume(mono, n);
  }

  end(): void {
    if (this.resampler) this.consume(this.resampled, this.resampler.flush(this.resampled));
    if (!this.needs.frames && !this.needs.onsets) return;
    // Zero-pad so every sample is covered by at least one frame.
    while (this.framesEmitted * HOP < this.samples) {
      this.pending.fill(0, this.pendingLen, FFT_SIZE);
      this.pendingLen = FFT_SIZE;
      this.emit(this.pending, 0);
      this.pending.copyWithin(0, HOP, FFT_SIZE);
      this.pendingLen = FFT_SIZE - HOP;
      // Stop once the remaining pending samples are all padding.
      if (this.framesEmitted * HOP >= this.samples) break;
    }
  }

  private consume(x: Float32Array, m: number): void {
    if (m <= 0) return;
    if (this.captureLen < this.captureCap) {
      const take = Math.min(m, this.captureCap - this.captureLen);
      if (this.captureLen + take > this.capture.length) {
        const grown = new Float32Array(Math.min(this.captureCap, Math.max(this.capture.length * 2, this.captureLen + take)));
        grown.set(this.capture.subarray(0, this.captureLen));
        this.capture = grown;
      }
      this.capture.set(x.subarray(0, take), this.captureLen);
      this.captureLen += take;
    }
    this.coarse.push(x, m);
    this.samples += m;
    if (!this.needs.frames && !this.needs.onsets) return;
    if (this.pendingLen + m > this.pending.length) {
      const grown = new Float32Array(this.pendingLen + m + FFT_SIZE);
      grown.set(this.pending.subarray(0, this.pendingLen));
      this.pending = grown;
    }
    this.pending.set(x.subarray(0, m), this.pendingLen);
    this.pendingLen += m;
    let off = 0;
    while (off + FFT_SIZE <= this.pendingLen) {
      this.emit(this.pending, off);
      off += HOP;
    }
    if (off > 0) {
      this.pending.copyWithin(0, off, this.pendingLen);
      this.pendingLen -= off;
    }
  }

  private emit(buf: Float32Array, off: number): void {
    const f = this.frame;
    f.index = this.framesEmitted++;
    const t = f.time;
    let ss = 0;
    for (let i = 0; i < FFT_SIZE; i++) {
      const v = buf[off + i];
      t[i] = v;
      ss += v * v;
    }
    f.rms = Math.sqrt(ss / FFT_SIZE);
    this.fft.forward(t, this.re, this.im, this.window);
    const re = this.re, im = this.im, p = f.power, mg = f.mag, s = this.powerScale;
    for (let k = 0; k < p.length; k++) {
      const v = (re[k] * re[k] + im[k] * im[k]) * s;
      p[k] = v;
      mg[k] = Math.sqrt(v);
    }
    this.mel.apply(p, this.melE);
    powerToDb(this.melE, f.melDb, MEL_BANDS);
    if (this.needs.onsets && this.onsetLen < this.onsetEnv.length) this.onsetEnv[this.onsetLen++] = this.flux.next(f.melDb);
    const ls = this.listeners;
    for (let i = 0; i < ls.length; i++) ls[i](f);
  }
}
