// Brass: saws with a velocity-driven bright filter envelope, pitch scoop, optional growl; trumpet, trombone, horn, section.
import { Saw, TAU, multiply, saturate, sweepLowpass } from '../dsp.js';
import { unisonSaws, vibrato } from '../generators.js';
import { noteHz, sustained } from './tonal-util.js';
import type { Family } from '../voice.js';

export const brass: Family = {
  category: 'brass',
  variants: ['trumpet', 'trombone', 'horn', 'section', 'synth'],
  midiRange: [45, 80],
  durationRange: [0.6, 2],
  room: { chance: 0.7, rt60: [0.6, 2.2], mix: [0.1, 0.3] },
  render(p) {
    const { rng, sr, velocity } = p;
    const hz = noteHz(p);
    const v = p.variant;
    const { n, env } = sustained(p, rng.range(0.02, 0.08), 0.2, 0.8, rng.range(0.08, 0.25));
    const scoop = rng.range(0.3, 1.2);
    const vib = vibrato(rng.range(4.5, 6), rng.range(5, 15), 0.3, 0.4);
    const pitch = (t: number) => hz * Math.pow(2, (-scoop * Math.exp(-t / 0.03)) / 12) * vib(t);
    let chs: Float32Array[];
    if (v === 'section' || v === 'synth') chs = unisonSaws(n, sr, pitch, v === 'section' ? 4 : 2, rng.range(6, 15), 0.6, rng);
    else {
      const o = new Float32Array(n);
      const s = new Saw(rng.next());
      let inc = 0;
      for (let i = 0; i < n; i++) {
        if ((i & 15) === 0) inc = pitch(i / sr) / sr;
        o[i] = s.next(inc);
      }
      chs = [o];
    }
    const dark = v === 'horn' || v === 'trombone' ? 0.6 : 1;
    const peakCut = hz * rng.range(6, 14) * (0.4 + velocity) * dark;
    const att = rng.range(0.04, 0.12);
    const growl = rng.chance(0.25) ? rng.range(25, 60) : 0;
    for (const c of chs) {
      sweepLowpass(c, sr, (t) => hz + peakCut * Math.min(1, t / att) * (0.6 + 0.4 * Math.exp(-t / 0.3)), 0.9);
      if (growl) for (let i = 0; i < n; i++) c[i] *= 1 - 0.4 * (0.5 + 0.5 * Math.sin((TAU * growl * i) / sr));
      saturate(c, growl ? 3 : 1.3);
      multiply(c, env);
    }
    const tag = v === 'section' || v === 'synth' ? 'horn' : v;
    return { channels: chs, subTags: v === 'synth' ? ['synth'] : [tag], label: ({ trumpet: 'Trumpet', trombone: 'Trombone', horn: 'French Horn', section: 'Brass Section', synth: 'Synth Brass' }[v] ?? 'Brass') + (growl ? ' Growl' : '') };
  },
};
