// Timbre summary over all frames of the shared STFT: MFCC (+ deltas), log-mel, shape, flatness, contrast, ZCR.
import { Mfcc } from '../../shared/dsp/mfcc.js';
import { spectralShape, type SpectralShape } from '../../shared/dsp/spectral-shape.js';
import { spectralFlatness, tonalityFromFlatness } from '../../shared/dsp/flatness.js';
import { SpectralContrast } from '../../shared/dsp/contrast.js';
import { zeroCrossingRate } from '../../shared/dsp/zcr.js';
import { RunningStats } from '../../shared/dsp/running-stats.js';
import type { AnalyzerSpec } from './analyzer.js';
import { sharedTable } from './shared-tables.js';
import { FFT_SIZE, MEL_BANDS, SILENT_RMS, type SpectralFrame } from './front-end.js';

export const MFCC_COEFFS = 13;

export const spectralSpec: AnalyzerSpec<'spectral'> = {
  id: 'spectral',
  version: 1,
  deps: [],
  needs: { frames: true },
  begin(ctx) {
    const fe = ctx.frontEnd!;
    const mfcc = sharedTable('mfcc', () => new Mfcc(fe.mel, MFCC_COEFFS));
    const contrast = sharedTable('contrast', () => new SpectralContrast(FFT_SIZE, fe.rate));
    const bins = FFT_SIZE / 2 + 1;
    const shape: SpectralShape = { centroidHz: 0, bandwidthHz: 0, rolloffHz: 0 };
    const centroid = new RunningStats(), bandwidth = new RunningStats(), rolloff = new RunningStats();
    const flatness = new RunningStats(), zcr = new RunningStats();
    const cur = new Float32Array(MFCC_COEFFS), prev = new Float32Array(MFCC_COEFFS);
    const mfccStats = Array.from({ length: MFCC_COEFFS }, () => new RunningStats());
    const deltaStats = Array.from({ length: MFCC_COEFFS }, () => new RunningStats());
    const contrastSum = new Float64Array(contrast.bands);
    const contrastOut = new Float32Array(contrast.bands);
    const melSum = new Float64Array(MEL_BANDS);
    let voiced = 0;
    let contrastFrames = 0;
    let prevValid = false;
    let tonalW = 0, tonalSum = 0;
    return {
      id: 'spectral',
      frame(f: SpectralFrame) {
        if (f.rms < SILENT_RMS) {
          prevValid = false;
          return;
        }
        voiced++;
        spectralShape(f.mag, bins, fe.binHz, shape);
        centroid.push(shape.centroidHz);
        bandwidth.push(shape.bandwidthHz);
        rolloff.push(shape.rolloffHz);
        const fl = spectralFlatness(f.power, 1, bins);
        flatness.push(fl);
        // Loud frames decide tonality more than their quiet tails.
        const w = f.rms * f.rms;
        tonalSum += w * tonalityFromFlatness(fl);
        tonalW += w;
        zcr.push(zeroCrossingRate(f.time, 0, FFT_SIZE));
        // Contrast sorts each band; every other frame gives the same mean at half the cost.
        if ((f.index & 1) === 0 || voiced === 1) {
          contrast.apply(f.power, contrastOut);
          contrastFrames++;
          for (let b = 0; b < contrast.bands; b++) contrastSum[b] += contrastOut[b];
        }
        for (let b = 0; b < MEL_BANDS; b++) melSum[b] += f.melDb[b];
        mfcc.fromMelDb(f.melDb, cur);
        for (let k = 0; k < MFCC_COEFFS; k++) {
          mfccStats[k].push(cur[k]);
          if (prevValid) deltaStats[k].push(cur[k] - prev[k]);
          prev[k] = cur[k];
        }
        prevValid = true;
      },
      finish() {
        const st = (r: RunningStats) => ({ mean: r.mean, std: r.std });
        const n = Math.max(1, voiced);
        return {
          centroidHz: st(centroid),
          bandwidthHz: st(bandwidth),
          rolloffHz: st(rolloff),
          flatness: st(flatness),
          zcr: st(zcr),
          contrast: Array.from(contrastSum, (v) => (contrastFrames ? v / contrastFrames : 0)),
          melMean: Array.from(melSum, (v) => (voiced ? v / n : -100)),
          mfccMean: mfccStats.map((r) => r.mean),
          mfccStd: mfccStats.map((r) => r.std),
          mfccDeltaMean: deltaStats.map((r) => r.mean),
          mfccDeltaStd: deltaStats.map((r) => r.std),
          tonality: tonalW > 0 ? tonalSum / tonalW : 0,
        };
      },
    };
  },
};
