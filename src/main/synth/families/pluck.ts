// Plucks: synth plucks (fast filter envelope), harp and pizzicato strings, FM bell plucks.
import { Biquad, Saw, TAU, adEnvelope, multiply, sweepLowpass } from '../dsp.js';
import { karplusStrong } from '../generators.js';
import { noteHz } from './tonal-util.js';
import type { Family } from '../voice.js';

export const pluck: Family = {
  category: 'pluck',
  variants: ['synth', 'harp', 'pizzicato', 'bell'],
  midiRange: [52, 88],
  durationRange: [0.4, 1.5],
  room: { chance: 0.6, rt60: [0.4, 2], mix: [0.1, 0.35] },
  render(p) {
    const { rng, sr, velocity } = p;
    const hz = noteHz(p);
    const n = Math.round(sr * (p.durationSec + 0.3));
    switch (p.variant) {
      case 'harp': {
        const out = karplusStrong(n, sr, hz, rng, { t60: rng.range(1.5, 4), brightness: rng.range(0.3, 0.6), pluckPos: rng.range(0.15, 0.35), excitationHz: 4000 });
        return { channels: [out], subTags: ['harp'], label: 'Harp' };
      }
      case 'pizzicato': {
        const out = karplusStrong(n, sr, hz, rng, { t60: rng.range(0.3, 0.8), brightness: 0.5, pluckPos: 0.2, excitationHz: 3000 });
        new Biquad(sr).peak(rng.range(250, 450), 1.5, 5).run(out);
        return { channels: [out], subTags: ['pizzicato'], label: 'Pizz' };
      }
      case 'bell': {
        const out = new Float32Array(n);
        const ratio = rng.pick([3.5, 2.01, 4.0, 1.41]);
        const idx = rng.range(1, 4) * velocity;
        for (let i = 0; i < n; i++) {
          const t = i / sr;
          out[i] = Math.sin(TAU * hz * t + idx * Math.exp(-t * 8) * Math.sin(TAU * hz * ratio * t));
        }
        return { channels: [multiply(out, adEnvelope(n, sr, 0.001, rng.range(0.4, 1.5)))], subTags: ['synth'], label: 'Bell Pluck' };
      }
      default: {
        const out = new Float32Array(n);
        const a = new Saw(rng.next());
        const b = new Saw(rng.next());
        const det = rng.range(1.002, 1.01);
        for (let i = 0; i < n; i++) out[i] = 0.5 * (a.next(hz / sr) + b.next((hz * det) / sr));
        const cut = rng.range(2000, 8000) * velocity;
        const d = rng.range(0.05, 0.25);
        sweepLowpass(out, sr, (t) => hz + cut * Math.exp(-t / d), rng.range(0.7, 3));
        return { channels: [multiply(out, adEnvelope(n, sr, 0.001, rng.range(0.3, 1.2)))], subTags: ['synth'], label: rng.pick(['Pluck', 'Synth Pluck', 'Bright Pluck', 'Soft Pluck']) };
      }
    }
  },
};
