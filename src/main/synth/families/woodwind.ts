// Woodwinds: flute (sine-ish + breath + chiff), clarinet (odd harmonics), sax (bright saw + formant), oboe (nasal pulse).
import { Biquad, Pulse, Saw, TAU, mixInto, multiply } from '../dsp.js';
import { noiseBurst, vibrato } from '../generators.js';
import { noteHz, sustained } from './tonal-util.js';
import type { Family } from '../voice.js';

export const woodwind: Family = {
  category: 'woodwind',
  variants: ['flute', 'clarinet', 'sax', 'oboe'],
  midiRange: [55, 88],
  durationRange: [0.6, 2],
  room: { chance: 0.7, rt60: [0.6, 2], mix: [0.1, 0.3] },
  render(p) {
    const { rng, sr } = p;
    const hz = noteHz(p);
    const v = p.variant;
    const { n, env } = sustained(p, rng.range(0.03, 0.12), 0.2, 0.85, rng.range(0.08, 0.2));
    const vib = vibrato(rng.range(4.5, 6), rng.range(6, 20), rng.range(0.15, 0.4), 0.3);
    const out = new Float32Array(n);
    let ph = 0;
    const saw = new Saw();
    const pulse = new Pulse();
    const even = rng.range(0.05, 0.2);
    for (let i = 0; i < n; i++) {
      const f = hz * vib(i / sr);
      if (v === 'flute') {
        ph += (TAU * f) / sr;
        out[i] = Math.sin(ph) + 0.15 * Math.sin(2 * ph) + 0.05 * Math.sin(3 * ph);
      } else if (v === 'clarinet') out[i] = pulse.next(f / sr, 0.5 - even * 0.2);
      else if (v === 'oboe') out[i] = pulse.next(f / sr, 0.15);
      else out[i] = saw.next(f / sr);
    }
    if (v !== 'flute') new Biquad(sr).lowpass(Math.min(12000, hz * (v === 'sax' ? 10 : 6)), 0.7).run(out);
    if (v === 'sax') new Biquad(sr).peak(rng.range(1200, 2000), 1.5, 6).run(out);
    if (v === 'oboe') new Biquad(sr).peak(rng.range(1000, 1500), 2, 8).run(out);
    const breath = noiseBurst(n, sr, rng, 0.02, 100);
    new Biquad(sr).bandpass(Math.min(10000, hz * 2), 0.7).run(breath);
    mixInto(out, breath, 0, v === 'flute' ? rng.range(0.1, 0.3) : 0.05);
    multiply(out, env);
    return { channels: [out], subTags: [v], label: { flute: 'Flute', clarinet: 'Clarinet', sax: 'Sax', oboe: 'Oboe' }[v] ?? 'Flute' };
  },
};
