// Guitars: Karplus–Strong strings through a body resonance filter; acoustic, nylon, electric, muted, distorted.
import { Biquad, distort, multiply, adsr } from '../dsp.js';
import { karplusStrong } from '../generators.js';
import { noteHz } from './tonal-util.js';
import type { Family } from '../voice.js';

export const guitar: Family = {
  category: 'guitar',
  variants: ['acoustic', 'nylon', 'electric', 'muted', 'distorted'],
  midiRange: [40, 76],
  durationRange: [0.8, 2.5],
  room: { chance: 0.45, rt60: [0.3, 1.5], mix: [0.05, 0.25] },
  render(p) {
    const { rng, sr, velocity } = p;
    const hz = noteHz(p);
    const v = p.variant;
    const n = Math.round(sr * (p.durationSec + 0.2));
    const muted = v === 'muted';
    const out = karplusStrong(n, sr, hz, rng, {
      t60: muted ? rng.range(0.08, 0.25) : rng.range(1.5, 5) * Math.pow(200 / hz, 0.3),
      brightness: v === 'nylon' ? rng.range(0.4, 0.7) : muted ? 0.8 : rng.range(0.05, 0.35),
      pluckPos: rng.range(0.08, 0.3),
      excitationHz: (v === 'nylon' ? 2500 : 7000) * (0.5 + velocity),
    });
    if (v === 'acoustic' || v === 'nylon') {
      // Body: air and top-plate resonances.
      new Biquad(sr).peak(rng.range(90, 120), 2, 6).run(out);
      new Biquad(sr).peak(rng.range(190, 240), 2, 5).run(out);
      new Biquad(sr).peak(rng.range(380, 500), 1.5, 3).run(out);
    }
    if (v === 'distorted') {
      distort(out, rng.range(6, 20), 0.15);
      new Biquad(sr).lowpass(rng.range(3500, 5500), 0.8).run(out);
      new Biquad(sr).peak(rng.range(700, 1200), 1, 4).run(out);
      new Biquad(sr).highpass(80, 0.7).run(out);
    }
    if (v === 'electric') new Biquad(sr).lowpass(rng.range(3000, 6000), 1.2).run(out);
    multiply(out, adsr(n, sr, 0.0001, 10, 1, 0.08, p.durationSec));
    const tags: Record<string, string[]> = { acoustic: ['acoustic'], nylon: ['nylon'], electric: ['electric'], muted: ['electric', 'muted'], distorted: ['electric', 'distorted'] };
    const labels: Record<string, string> = { acoustic: 'Acoustic Gtr', nylon: 'Nylon Gtr', electric: 'Clean Gtr', muted: 'Muted Gtr', distorted: 'Dist Gtr' };
    return { channels: [out], subTags: tags[v] ?? ['acoustic'], label: labels[v] ?? 'Gtr' };
  },
};
