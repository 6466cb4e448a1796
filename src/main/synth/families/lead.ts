// Leads: supersaw, square/PWM, hard-sync and mono saw leads with glide-free vibrato.
import { Pulse, TAU, multiply, sweepLowpass } from '../dsp.js';
import { unisonSaws, vibrato } from '../generators.js';
import { noteHz, sustained } from './tonal-util.js';
import type { Family } from '../voice.js';

export const lead: Family = {
  category: 'lead',
  variants: ['supersaw', 'square', 'sync', 'saw'],
  midiRange: [60, 86],
  durationRange: [0.5, 2],
  room: { chance: 0.6, rt60: [0.5, 2], mix: [0.1, 0.3] },
  render(p) {
    const { rng, sr } = p;
    const hz = noteHz(p);
    const v = p.variant;
    const { n, env } = sustained(p, rng.range(0.003, 0.03), 0.3, 0.8, rng.range(0.05, 0.3));
    const vib = vibrato(rng.range(5, 6.5), rng.range(0, 20), 0.2, 0.3);
    let chs: Float32Array[];
    if (v === 'supersaw' || v === 'saw') chs = unisonSaws(n, sr, (t) => hz * vib(t), v === 'supersaw' ? 7 : 1, v === 'supersaw' ? rng.range(15, 40) : 0, 0.9, rng);
    else {
      const o = new Float32Array(n);
      if (v === 'square') {
        const pu = new Pulse();
        const rate = rng.range(0.3, 3);
        for (let i = 0; i < n; i++) o[i] = pu.next((hz * vib(i / sr)) / sr, 0.5 + 0.35 * Math.sin((TAU * rate * i) / sr));
      } else {
        // Hard sync: the slave restarts each master period; sweeping its ratio gives the classic tearing sound.
        let mp = 0;
        let sp = 0;
        const r0 = rng.range(1.5, 2.5);
        const r1 = rng.range(3, 6);
        const d = rng.range(0.1, 0.5);
        for (let i = 0; i < n; i++) {
          const f = hz * vib(i / sr);
          mp += f / sr;
          sp += (f * (r0 + (r1 - r0) * Math.exp(-i / sr / d))) / sr;
          if (mp >= 1) {
            mp -= 1;
            sp = mp;
          }
          o[i] = 2 * (sp % 1) - 1;
        }
      }
      chs = [o];
    }
    const cut = hz * rng.range(4, 20);
    for (const c of chs) {
      sweepLowpass(c, sr, () => cut, rng.range(0.7, 2));
      multiply(c, env);
    }
    return { channels: chs, subTags: [v], label: { supersaw: 'Supersaw Lead', square: 'Square Lead', sync: 'Sync Lead', saw: 'Saw Lead' }[v] ?? 'Lead' };
  },
};
