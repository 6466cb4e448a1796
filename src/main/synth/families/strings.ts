// Bowed strings: detuned saw ensembles with delayed vibrato, slow attack, bow noise and body formants.
import { Biquad, mixInto, multiply } from '../dsp.js';
import { noiseBurst, unisonSaws, vibrato } from '../generators.js';
import { noteHz, sustained } from './tonal-util.js';
import type { Family } from '../voice.js';

export const strings: Family = {
  category: 'strings',
  variants: ['ensemble', 'violin', 'cello', 'staccato'],
  midiRange: [43, 84],
  durationRange: [1, 3],
  room: { chance: 0.8, rt60: [1, 3], mix: [0.15, 0.4] },
  render(p) {
    const { rng, sr } = p;
    const hz = noteHz(p);
    const v = p.variant;
    const stacc = v === 'staccato';
    const { n, env } = stacc ? sustained({ ...p, durationSec: Math.min(p.durationSec, 0.25) }, 0.02, 0.1, 0.6, 0.15) : sustained(p, rng.range(0.1, 0.6), 0.3, 0.9, rng.range(0.2, 0.6));
    const solo = v === 'violin' || v === 'cello';
    const vib = vibrato(rng.range(4.5, 6.5), solo ? rng.range(10, 25) : rng.range(4, 10), rng.range(0.1, 0.4), 0.3, rng.range(0, 6));
    const [L, R] = unisonSaws(n, sr, (t) => hz * vib(t), solo ? 1 : rng.int(5, 8), solo ? 0 : rng.range(8, 20), 0.7, rng);
    for (const c of [L, R]) {
      const bow = noiseBurst(n, sr, rng, 0.05, 100);
      new Biquad(sr).bandpass(hz * 3, 1).run(bow);
      mixInto(c, bow, 0, 0.04);
      new Biquad(sr).lowpass(Math.min(9000, hz * rng.range(8, 16)), 0.7).run(c);
      new Biquad(sr).peak(rng.range(250, 450), 1.2, 4).run(c);
      new Biquad(sr).peak(rng.range(2500, 3500), 1.5, 3).run(c);
      multiply(c, env);
    }
    const tag = v === 'staccato' ? 'ensemble' : v;
    return { channels: [L, R], subTags: [tag], label: { ensemble: 'Strings Ensemble', violin: 'Violin', cello: 'Cello', staccato: 'Strings Stacc' }[v] ?? 'Strings' };
  },
};
