// Pads: slow-attack detuned ensembles with evolving filter and chorus width; warm, airy, glass and dark.
import { Biquad, TAU, mixInto, multiply, sweepLowpass } from '../dsp.js';
import { noiseBurst, unisonSaws } from '../generators.js';
import { noteHz, sustained } from './tonal-util.js';
import type { Family } from '../voice.js';

export const pad: Family = {
  category: 'pad',
  variants: ['warm', 'airy', 'glass', 'dark'],
  midiRange: [45, 72],
  durationRange: [2, 5],
  room: { chance: 0.9, rt60: [1.5, 4], mix: [0.2, 0.5] },
  render(p) {
    const { rng, sr } = p;
    const hz = noteHz(p);
    const v = p.variant;
    const { n, env } = sustained(p, rng.range(0.4, 1.8), 1, 0.9, rng.range(0.5, 1.5));
    let chs: Float32Array[];
    if (v === 'glass') {
      const L = new Float32Array(n);
      const R = new Float32Array(n);
      const ratio = rng.pick([2, 3, 4]);
      const det = rng.range(0.5, 2);
      for (let i = 0; i < n; i++) {
        const t = i / sr;
        const idx = 1.5 + Math.sin(TAU * 0.2 * t);
        L[i] = Math.sin(TAU * hz * t + idx * Math.sin(TAU * hz * ratio * t));
        R[i] = Math.sin(TAU * (hz + det) * t + idx * Math.sin(TAU * (hz + det) * ratio * t));
      }
      chs = [L, R];
    } else chs = unisonSaws(n, sr, () => hz, rng.int(4, 8), rng.range(8, 25), 0.9, rng);
    const base = v === 'dark' ? hz * 2 : v === 'airy' ? hz * 10 : hz * 5;
    const rate = rng.range(0.05, 0.3);
    for (const c of chs) {
      if (v !== 'glass') sweepLowpass(c, sr, (t) => base * (1 + 0.6 * Math.sin(TAU * rate * t)) * (1 + Math.min(1, t / 2)), rng.range(0.7, 2));
      if (v === 'airy') {
        const air = noiseBurst(n, sr, rng, 0.5, 100);
        new Biquad(sr).bandpass(rng.range(4000, 9000), 0.7).run(air);
        mixInto(c, air, 0, 0.15);
      }
      multiply(c, env);
    }
    return { channels: chs, subTags: [v], label: rng.pick(['Pad', 'Atmos Pad', 'Synth Pad']) + ` ${v[0].toUpperCase()}${v.slice(1)}` };
  },
};
