// Level statistics at native rate over all channels: peak, RMS, BS.1770 integrated loudness (histogram-gated,
// so memory is constant), crest factor, silence at the ends, DC offset and clipping.
import { KWeighting } from '../../shared/dsp/k-weighting.js';
import { toDb, type AnalyzerSpec } from './analyzer.js';

/** Absolute level below which a sample counts as silence (-60 dBFS). */
export const SILENCE_LEVEL = 0.001;
const HIST_MIN = -70;
const HIST_STEP = 0.01;
const HIST_BINS = 8000;
/** Gating blocks kept as a plain list before switching to the histogram (covers files up to ~25 s). */
const LIST_MAX = 256;

/**
 * Gating-block loudness store: a short list for one-shots (the 96 KB histogram would cost more to allocate than
 * to fill), then a fixed-size histogram so memory stays constant for hour-long files. Both bin identically.
 */
class GatingBlocks {
  private listZ = new Float64Array(LIST_MAX);
  private listBin = new Int32Array(LIST_MAX);
  private listLen = 0;
  private histCount: Uint32Array | null = null;
  private histEnergy: Float64Array | null = null;

  add(bin: number, z: number): void {
    if (this.histCount && this.histEnergy) {
      this.histCount[bin]++;
      this.histEnergy[bin] += z;
    } else if (this.listLen < LIST_MAX) {
      this.listZ[this.listLen] = z;
      this.listBin[this.listLen++] = bin;
    } else {
      this.histCount = new Uint32Array(HIST_BINS);
      this.histEnergy = new Float64Array(HIST_BINS);
      for (let i = 0; i < this.listLen; i++) this.add(this.listBin[i], this.listZ[i]);
      this.add(bin, z);
    }
  }

  /** Count and energy sum of the blocks in bins ≥ from. */
  sumFrom(from: number): { cnt: number; en: number } {
    let cnt = 0, en = 0;
    if (this.histCount && this.histEnergy) {
      for (let b = from; b < HIST_BINS; b++) { cnt += this.histCount[b]; en += this.histEnergy[b]; }
    } else {
      for (let i = 0; i < this.listLen; i++) if (this.listBin[i] >= from) { cnt++; en += this.listZ[i]; }
    }
    return { cnt, en };
  }
}

function channelWeights(ch: number): number[] {
  // BS.1770 weights for 5.0 / 5.1 (L R C [LFE] Ls Rs): surrounds +1.5 dB, LFE excluded.
  if (ch === 6) return [1, 1, 1, 0, 1.41, 1.41];
  if (ch === 5) return [1, 1, 1, 1.41, 1.41];
  return new Array(ch).fill(1);
}

export const loudnessSpec: AnalyzerSpec<'loudness'> = {
  id: 'loudness',
  version: 1,
  deps: [],
  needs: {},
  begin(ctx) {
    const ch = Math.max(1, ctx.channels);
    const filters = Array.from({ length: ch }, () => new KWeighting(ctx.sampleRate));
    const weights = channelWeights(ch);
    const sub = Math.max(1, Math.round(ctx.sampleRate * 0.1));
    let subFill = 0;
    let subEnergy = 0;
    const ring = new Float64Array(4);
    let subCount = 0;
    const blocks = new GatingBlocks();
    let kTotal = 0;
    const stats = Array.from({ length: ch }, () => KWeighting.newStats());
    let frames = 0;
    let firstLoud = -1, lastLoud = -1;
    return {
      id: 'loudness',
      process(block, n) {
        const c = Math.min(block.length, ch);
        // Leading/trailing silence over all channels: scan in from each end only as far as needed.
        for (let k = 0; k < c; k++) {
          const x = block[k];
          if (firstLoud < 0 || firstLoud >= frames) {
            const limit = firstLoud < 0 ? n : firstLoud - frames;
            for (let i = 0; i < limit; i++) {
              if (x[i] > SILENCE_LEVEL || x[i] < -SILENCE_LEVEL) { firstLoud = frames + i; break; }
            }
          }
          const floorAt = Math.max(0, lastLoud - frames + 1);
          for (let i = n - 1; i >= floorAt; i--) {
            if (x[i] > SILENCE_LEVEL || x[i] < -SILENCE_LEVEL) { lastLoud = frames + i; break; }
          }
        }
        // K-weighted energy in 100 ms sub-blocks; four make one 400 ms gating block (75 % overlap).
        let i = 0;
        while (i < n) {
          const take = Math.min(n - i, sub - subFill);
          // One pass per channel (per pair of channels) computes the K-weighted energy and the plain level statistics.
          let k = 0;
          for (; k + 1 < c; k += 2) {
            const e = KWeighting.sumSquaresPairWithStats(filters[k], filters[k + 1], block[k], block[k + 1], i, i + take, stats[k], stats[k + 1], weights[k], weights[k + 1]);
            subEnergy += e;
            kTotal += e;
          }
          if (k < c) {
            const e = filters[k].sumSquaresWithStats(block[k], i, i + take, stats[k]) * weights[k];
            subEnergy += e;
            kTotal += e;
          }
          subFill += take;
          i += take;
          if (subFill === sub) {
            ring[subCount & 3] = subEnergy / sub;
            subCount++;
            subFill = 0;
            subEnergy = 0;
            if (subCount >= 4) {
              const z = (ring[0] + ring[1] + ring[2] + ring[3]) / 4;
              const l = -0.691 + 10 * Math.log10(z + 1e-30);
              if (l > HIST_MIN) {
                const b = Math.min(HIST_BINS - 1, Math.floor((l - HIST_MIN) / HIST_STEP));
                blocks.add(b, z);
              }
            }
          }
        }
        frames += n;
      },
      finish() {
        const total = frames * ch;
        let peak = 0, sumSq = 0, sumMono = 0, clipped = false;
        for (const st of stats) {
          peak = Math.max(peak, st.peak);
          sumSq += st.sumSq;
          sumMono += st.sum;
          clipped ||= st.clipped;
        }
        const rms = total ? Math.sqrt(sumSq / total) : 0;
        let lufs: number;
        if (subCount >= 4) {
          const all = blocks.sumFrom(0);
          if (all.cnt === 0) lufs = -120;
          else {
            const rel = -0.691 + 10 * Math.log10(all.en / all.cnt) - 10;
            const gated = blocks.sumFrom(Math.max(0, Math.floor((rel - HIST_MIN) / HIST_STEP)));
            lufs = gated.cnt ? -0.691 + 10 * Math.log10(gated.en / gated.cnt) : -120;
          }
        } else {
          // Shorter than one gating block: ungated K-weighted loudness of the whole file.
          lufs = frames ? Math.max(-120, -0.691 + 10 * Math.log10(kTotal / frames + 1e-30)) : -120;
        }
        const peakDb = toDb(peak);
        const rmsDb = toDb(rms);
        const sr = ctx.sampleRate;
        return {
          peakDb,
          rmsDb,
          lufs,
          crestDb: rms > 0 ? peakDb - rmsDb : 0,
          leadingSilenceSec: firstLoud < 0 ? frames / sr : firstLoud / sr,
          trailingSilenceSec: lastLoud < 0 ? 0 : (frames - 1 - lastLoud) / sr,
          dcOffset: frames ? sumMono / (frames * ch) : 0,
          clipped,
        };
      },
    };
  },
};
