// Organs: tonewheel drawbar additive with key click and percussion, optional rotary speaker, and pipe organ.
import { Biquad, TAU, addModes, mixInto, multiply } from '../dsp.js';
import type { Mode } from '../dsp.js';
import { noiseBurst } from '../generators.js';
import { noteHz, sustained } from './tonal-util.js';
import type { Family } from '../voice.js';

const DRAWBAR_RATIOS = [0.5, 1.5, 1, 2, 3, 4, 5, 6, 8];

export const organ: Family = {
  category: 'organ',
  variants: ['jazz', 'full', 'rotary', 'pipe'],
  midiRange: [48, 79],
  durationRange: [0.8, 2.5],
  room: { chance: 0.6, rt60: [0.6, 3], mix: [0.1, 0.35] },
  render(p) {
    const { rng, sr } = p;
    const hz = noteHz(p);
    const { n, env } = sustained(p, 0.005, 0.05, 1, rng.range(0.05, 0.2));
    const pipe = p.variant === 'pipe';
    const levels = pipe ? [0, 0, 8, 6, 3, 5, 2, 2, 3] : DRAWBAR_RATIOS.map((_, i) => (p.variant === 'full' ? 8 : i < 3 ? rng.int(4, 8) : rng.int(0, i < 5 ? 8 : 4)));
    levels[2] = Math.max(levels[2], 6);
    const out = new Float32Array(n);
    const ph = DRAWBAR_RATIOS.map(() => rng.range(0, TAU));
    // Tonewheels are steady sines: rotating phasors (addModes with no decay) are far cheaper than Math.sin.
    const wheels: Mode[] = [];
    for (let d = 0; d < 9; d++) if (levels[d] > 0) wheels.push({ freq: hz * DRAWBAR_RATIOS[d], amp: Math.pow(10, ((levels[d] - 8) * 3) / 20), t60: 1e6, phase: ph[d] });
    if (!pipe && rng.chance(0.6)) {
      // Tonewheel "percussion": a decaying 2nd or 3rd harmonic on the attack.
      wheels.push({ freq: hz * rng.pick([2, 3]), amp: 1.2, t60: 1.4 });
    }
    addModes(out, sr, wheels);
    multiply(out, env);
    const click = noiseBurst(Math.round(sr * 0.01), sr, rng, 0.0001, 0.004);
    new Biquad(sr).highpass(pipe ? 800 : 2000, 0.7).run(click);
    mixInto(out, click, 0, pipe ? 0.15 : 0.5);
    if (p.variant === 'rotary') {
      const rate = rng.pick([0.8, 6.5]) * rng.range(0.9, 1.1);
      const L = new Float32Array(n);
      const R = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        const lfo = Math.sin((TAU * rate * i) / sr);
        L[i] = out[i] * (1 - 0.35 * lfo);
        R[i] = out[i] * (1 + 0.35 * lfo);
      }
      return { channels: [L, R], subTags: ['tonewheel', 'rotary'], label: rate > 3 ? 'Rotary Fast' : 'Rotary Slow' };
    }
    return { channels: [out], subTags: pipe ? ['pipe'] : ['tonewheel'], label: pipe ? 'Pipe Organ' : p.variant === 'full' ? 'Full Drawbars' : rng.pick(['Jazz Organ', 'Drawbar', 'B3']) };
  },
};
