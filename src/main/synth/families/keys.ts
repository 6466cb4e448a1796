// Keys: piano (stretched inharmonic partials, hammer thump, beating unison strings), FM e-piano, harpsichord, clavinet.
import { Biquad, TAU, addModes, adsr, mixInto, multiply } from '../dsp.js';
import type { Mode } from '../dsp.js';
import { karplusStrong, noiseBurst } from '../generators.js';
import { noteHz } from './tonal-util.js';
import type { Family } from '../voice.js';

export const keys: Family = {
  category: 'keys',
  variants: ['piano', 'e-piano', 'harpsichord', 'clavinet'],
  midiRange: [45, 84],
  durationRange: [0.8, 3],
  room: { chance: 0.6, rt60: [0.5, 2.2], mix: [0.08, 0.3] },
  render(p) {
    const { rng, sr, velocity } = p;
    const hz = noteHz(p);
    const n = Math.round(sr * (p.durationSec + 0.3));
    const release = adsr(n, sr, 0.0001, 10, 1, 0.12, p.durationSec);
    const out = new Float32Array(n);
    switch (p.variant) {
      case 'e-piano': {
        // Two-operator FM tine: bell-like transient from a high ratio that decays fast.
        const idx = rng.range(1, 3) * (0.4 + velocity);
        const tine = rng.range(0.4, 1.2) * velocity;
        const t60 = rng.range(1.5, 4) * Math.pow(440 / hz, 0.3);
        const k = Math.pow(10, -3 / (t60 * sr));
        let g = 1;
        for (let i = 0; i < n; i++) {
          const t = i / sr;
          out[i] = g * (Math.sin(TAU * hz * t + idx * Math.exp(-t * 6) * Math.sin(TAU * hz * t)) + tine * Math.exp(-t * 40) * Math.sin(TAU * hz * 14 * t));
          g *= k;
        }
        if (rng.chance(0.5)) {
          const rate = rng.range(3, 6);
          for (let i = 0; i < n; i++) out[i] *= 1 - 0.3 * (0.5 + 0.5 * Math.sin(TAU * rate * i / sr));
        }
        return { channels: [multiply(out, release)], subTags: ['e-piano'], label: rng.pick(['EP', 'E-Piano', 'Tine EP', 'Suitcase']) };
      }
      case 'harpsichord':
      case 'clavinet': {
        const harp = p.variant === 'harpsichord';
        mixInto(out, karplusStrong(n, sr, hz, rng, { t60: harp ? rng.range(1.5, 3) : rng.range(0.6, 1.5), brightness: harp ? 0.05 : 0.2, pluckPos: harp ? rng.range(0.08, 0.15) : rng.range(0.03, 0.1), excitationHz: 12000 }));
        if (harp) mixInto(out, karplusStrong(n, sr, hz * 2 * 1.001, rng, { t60: 1.5, brightness: 0.05, pluckPos: 0.1, excitationHz: 12000 }), 0, 0.4);
        else new Biquad(sr).peak(rng.range(1000, 2500), 2, 8).run(out);
        return { channels: [multiply(out, release)], subTags: [p.variant], label: harp ? 'Harpsichord' : 'Clav' };
      }
      default: {
        const B = rng.range(0.0001, 0.0006) * Math.pow(hz / 261, 1.5);
        const t60 = rng.range(2, 8) * Math.pow(261 / hz, 0.5);
        const bright = 0.5 + velocity;
        const strings = p.midi > 40 ? 3 : 2;
        const modes: Mode[] = [];
        for (let s = 0; s < strings; s++) {
          const det = 1 + (s - 1) * rng.range(0.0003, 0.0012);
          for (let k = 1; k <= 24; k++) {
            const f = hz * det * k * Math.sqrt(1 + B * k * k);
            modes.push({ freq: f, amp: Math.pow(k, -1.1 * (2 - bright)) * (k === rng.int(6, 9) ? 0.1 : 1) / strings, t60: t60 / (1 + 0.15 * k), phase: rng.range(0, 6.28) });
          }
        }
        addModes(out, sr, modes);
        const thump = noiseBurst(Math.round(sr * 0.05), sr, rng, 0.001, 0.03);
        new Biquad(sr).lowpass(Math.min(3000, hz * 4), 0.8).run(thump);
        mixInto(out, thump, 0, 0.15 * velocity);
        return { channels: [multiply(out, release)], subTags: ['piano'], label: rng.pick(['Piano', 'Grand', 'Upright', 'Felt Piano']) };
      }
    }
  },
};
