// Log-mel energies and MFCCs from a power spectrum, sharing one mel pass between timbre and onset analysis.
import { Dct } from './dct.js';
import type { MelFilterbank } from './mel.js';

/** Floor for log energies (-100 dB) so silence gives finite, comparable values. */
export const LOG_FLOOR = 1e-10;

/** 10·log10 of band energies, floored. */
export function powerToDb(power: Float32Array, out: Float32Array, n = power.length): void {
  for (let i = 0; i < n; i++) out[i] = 10 * Math.log10(power[i] > LOG_FLOOR ? power[i] : LOG_FLOOR);
}

export class Mfcc {
  readonly coefficients: number;
  private readonly dct: Dct;

  constructor(readonly mel: MelFilterbank, coefficients = 13) {
    this.coefficients = coefficients;
    this.dct = new Dct(mel.bands, coefficients);
  }

  /** MFCCs from log-mel energies in dB (the DCT of the dB vector, as in common practice). */
  fromMelDb(melDb: Float32Array, out: Float32Array): void {
    this.dct.apply(melDb, out);
  }
}
