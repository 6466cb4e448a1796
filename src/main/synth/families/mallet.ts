// Mallets via modal synthesis: marimba, vibraphone (tremolo), xylophone, glockenspiel, bells, kalimba.
import { Biquad, TAU, addModes, mixInto } from '../dsp.js';
import { noiseBurst } from '../generators.js';
import { noteHz } from './tonal-util.js';
import type { Family } from '../voice.js';

// Partial ratios of tuned bars, tines and bells.
const RATIOS: Record<string, number[]> = {
  marimba: [1, 3.99, 10.2], vibraphone: [1, 4, 10.1], xylophone: [1, 3.01, 6.1, 9.9],
  glockenspiel: [1, 2.71, 5.36, 8.9], bells: [1, 1.19, 1.5, 2, 2.5, 2.98, 4.05, 5.3], kalimba: [1, 5.4, 10.7],
};

export const mallet: Family = {
  category: 'mallet',
  variants: Object.keys(RATIOS),
  midiRange: [55, 90],
  durationRange: [0.8, 3],
  room: { chance: 0.55, rt60: [0.5, 2.5], mix: [0.08, 0.3] },
  render(p) {
    const { rng, sr, velocity } = p;
    const hz = noteHz(p);
    const v = RATIOS[p.variant] ? p.variant : 'marimba';
    const base = { marimba: 0.8, vibraphone: 3, xylophone: 0.6, glockenspiel: 2.5, bells: 4, kalimba: 1.5 }[v] ?? 1;
    const t60 = base * rng.range(0.6, 1.4) * Math.pow(440 / hz, 0.3);
    const n = Math.round(sr * Math.min(t60 + 0.1, p.durationSec + 1.5));
    const out = new Float32Array(n);
    const hard = rng.range(0.3, 1) * velocity;
    addModes(out, sr, RATIOS[v].map((r, k) => ({ freq: hz * r * (k ? rng.range(0.995, 1.005) : 1), amp: k === 0 ? 1 : hard * rng.range(0.2, 0.6) / k, t60: t60 / (1 + k * (v === 'bells' ? 0.3 : 1.5)), phase: 0 })));
    const knock = noiseBurst(Math.round(sr * 0.02), sr, rng, 0.0002, 0.008);
    new Biquad(sr).bandpass(Math.min(8000, hz * 3), 1).run(knock);
    mixInto(out, knock, 0, 0.2 * hard);
    if (v === 'vibraphone' && rng.chance(0.7)) {
      const rate = rng.range(3.5, 7);
      for (let i = 0; i < n; i++) out[i] *= 1 - 0.4 * (0.5 + 0.5 * Math.sin((TAU * rate * i) / sr));
    }
    const tag = v;
    return { channels: [out], subTags: [tag], label: tag === 'bells' ? rng.pick(['Bell', 'Tubular Bell', 'Chime']) : tag[0].toUpperCase() + tag.slice(1) };
  },
};
