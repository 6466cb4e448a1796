// Vocals: glottal source through vowel formant filters, with vibrato and breath; solo vowels, choir and chops.
import { Biquad, Saw, multiply, scale } from '../dsp.js';
import { noiseBurst, vibrato } from '../generators.js';
import { noteHz, sustained } from './tonal-util.js';
import type { Family, VoiceParams } from '../voice.js';
import type { Rng } from '../rng.js';

// Formant (Hz, relative gain dB) for five vowels, average adult voice.
const VOWELS: Record<string, [number, number][]> = {
  a: [[800, 0], [1150, -4], [2900, -20], [3900, -30]],
  e: [[400, 0], [1600, -12], [2700, -15], [3300, -20]],
  i: [[300, 0], [2200, -15], [2900, -18], [3500, -24]],
  o: [[450, 0], [800, -8], [2830, -25], [3500, -30]],
  u: [[325, 0], [700, -12], [2530, -30], [3500, -35]],
};

function voice(p: VoiceParams, rng: Rng, n: number, hz: number, vowel: string, shift: number): Float32Array {
  const { sr } = p;
  const vib = vibrato(rng.range(4.8, 6.2), rng.range(10, 35), rng.range(0.1, 0.4), 0.4, rng.range(0, 6));
  const src = new Float32Array(n);
  const s = new Saw(rng.next());
  const jitter = rng.range(0.998, 1.002);
  let inc = 0;
  for (let i = 0; i < n; i++) {
    if ((i & 15) === 0) inc = (hz * jitter * vib(i / sr)) / sr;
    src[i] = s.next(inc);
  }
  // Glottal spectral tilt.
  new Biquad(sr).lowpass(Math.min(4000, hz * 6), 0.6).run(src);
  const breath = noiseBurst(n, sr, rng, 0.05, 100);
  for (let i = 0; i < n; i++) src[i] += breath[i] * 0.08;
  const out = new Float32Array(n);
  for (const [f, db] of VOWELS[vowel]) {
    const band = new Biquad(sr).bandpass(f * shift * rng.range(0.95, 1.05), f < 1000 ? 6 : 10).run(Float32Array.from(src));
    const g = Math.pow(10, db / 20);
    for (let i = 0; i < n; i++) out[i] += band[i] * g;
  }
  return out;
}

export const vocal: Family = {
  category: 'vocal',
  variants: ['aah', 'ooh', 'eeh', 'choir-aah', 'choir-ooh', 'chop'],
  midiRange: [50, 76],
  durationRange: [0.8, 2.5],
  room: { chance: 0.8, rt60: [0.8, 3], mix: [0.1, 0.4] },
  render(p) {
    const { rng } = p;
    const hz = noteHz(p);
    const v = p.variant;
    const vowel = v.endsWith('ooh') ? 'u' : v === 'eeh' ? 'i' : v === 'chop' ? rng.pick(['a', 'e', 'o']) : 'a';
    const shift = p.midi > 62 ? rng.range(1.1, 1.2) : 1;
    const chop = v === 'chop';
    const { n, env } = sustained(chop ? { ...p, durationSec: rng.range(0.12, 0.4) } : p, chop ? 0.01 : rng.range(0.05, 0.3), 0.3, 0.9, chop ? 0.03 : rng.range(0.15, 0.4));
    if (v.startsWith('choir')) {
      const L = new Float32Array(n);
      const R = new Float32Array(n);
      const singers = rng.int(4, 8);
      for (let k = 0; k < singers; k++) {
        const one = voice(p, rng, n, hz * Math.pow(2, rng.range(-12, 12) / 1200), vowel, shift * rng.range(0.95, 1.05));
        const pan = (k / (singers - 1)) * 2 - 1;
        for (let i = 0; i < n; i++) {
          L[i] += one[i] * (1 - pan * 0.7);
          R[i] += one[i] * (1 + pan * 0.7);
        }
      }
      return { channels: [multiply(scale(L, 1 / singers), env), multiply(scale(R, 1 / singers), env)], subTags: ['choir'], label: `Choir ${vowel === 'u' ? 'Ooh' : 'Aah'}` };
    }
    const out = multiply(voice(p, rng, n, hz, vowel, shift), env);
    return { channels: [out], subTags: chop ? ['chop'] : ['phrase'], label: chop ? 'Vox Chop' : `Vox ${{ a: 'Aah', u: 'Ooh', i: 'Eeh', e: 'Eh', o: 'Oh' }[vowel]}` };
  },
};
