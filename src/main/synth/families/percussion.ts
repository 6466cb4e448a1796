// Hand and auxiliary percussion: shaker, tambourine, cowbell, conga, bongo, rim, clave, woodblock, triangle, and the
// hand drums (tabla, djembe, darbuka) and finger snap rendered in hand-drums.ts.
import { Biquad, addModes, adEnvelope, mixInto, multiply } from '../dsp.js';
import { metallicCluster, noiseBurst, sweptSine } from '../generators.js';
import type { Family, VoiceParams } from '../voice.js';
import { HAND_DRUMS, handDrum, type HandDrum } from './hand-drums.js';

function membrane(p: VoiceParams, lo: number, hi: number): Float32Array {
  const { sr, rng } = p;
  const f0 = rng.range(lo, hi);
  const t60 = rng.range(0.2, 0.6);
  const n = Math.round(sr * (t60 + 0.05));
  const out = sweptSine(n, sr, (t) => f0 * (1 + 0.1 * Math.exp(-t / 0.02)));
  multiply(out, adEnvelope(n, sr, 0.0008, t60));
  addModes(out, sr, [1.5, 1.98, 2.44].map((r) => ({ freq: f0 * r, amp: rng.range(0.1, 0.35), t60: t60 * 0.4 })));
  if (rng.chance(0.4)) {
    const slap = noiseBurst(Math.round(sr * 0.03), sr, rng, 0.0002, 0.02);
    new Biquad(sr).bandpass(rng.range(1500, 3500), 1).run(slap);
    mixInto(out, slap, 0, 0.5);
  }
  return out;
}

export const percussion: Family = {
  category: 'percussion',
  variants: ['shaker', 'tambourine', 'cowbell', 'conga', 'bongo', 'rim', 'clave', 'woodblock', 'triangle', ...HAND_DRUMS],
  midiRange: [56, 56],
  durationRange: [0.2, 1.2],
  room: { chance: 0.45, rt60: [0.3, 1.2], mix: [0.05, 0.3] },
  render(p) {
    const { rng, sr } = p;
    const v = p.variant;
    if ((HAND_DRUMS as readonly string[]).includes(v)) {
      const { out, stroke } = handDrum(v as HandDrum, p);
      const name = v[0].toUpperCase() + v.slice(1);
      return { channels: [out], subTags: [v], label: v === 'snap' ? 'Snap' : `${name} ${stroke[0].toUpperCase()}${stroke.slice(1)}` };
    }
    let out: Float32Array;
    switch (v) {
      case 'shaker': {
        const n = Math.round(sr * rng.range(0.12, 0.3));
        out = noiseBurst(n, sr, rng, rng.range(0.01, 0.05), rng.range(0.08, 0.2));
        new Biquad(sr).bandpass(rng.range(5000, 9000), 0.9).run(out);
        break;
      }
      case 'tambourine': {
        const n = Math.round(sr * rng.range(0.3, 0.7));
        out = noiseBurst(n, sr, rng, 0.002, rng.range(0.15, 0.4));
        mixInto(out, metallicCluster(n, sr, rng.range(1500, 2500), rng), 0, 0.5);
        multiply(out, adEnvelope(n, sr, 0.002, rng.range(0.2, 0.5)));
        new Biquad(sr).highpass(4000, 0.8).run(out);
        break;
      }
      case 'cowbell': {
        const n = Math.round(sr * rng.range(0.3, 0.8));
        const f = rng.range(500, 600);
        out = metallicCluster(n, sr, f, rng, [1, 1.48]);
        new Biquad(sr).bandpass(f * 1.6, 1.5).run(out);
        multiply(out, adEnvelope(n, sr, 0.001, rng.range(0.15, 0.6)));
        break;
      }
      case 'conga': out = membrane(p, 180, 330); break;
      case 'bongo': out = membrane(p, 320, 520); break;
      case 'rim': {
        out = new Float32Array(Math.round(sr * 0.15));
        addModes(out, sr, [{ freq: rng.range(400, 600), amp: 0.6, t60: 0.05 }, { freq: rng.range(1500, 2200), amp: 0.8, t60: 0.03 }]);
        mixInto(out, noiseBurst(out.length, sr, rng, 0.0002, 0.01), 0, 0.4);
        break;
      }
      case 'clave':
        out = new Float32Array(Math.round(sr * 0.3));
        addModes(out, sr, [{ freq: rng.range(2200, 2800), amp: 1, t60: rng.range(0.1, 0.25) }, { freq: rng.range(5000, 6000), amp: 0.1, t60: 0.05 }]);
        break;
      case 'woodblock': {
        out = new Float32Array(Math.round(sr * 0.3));
        const f = rng.range(700, 1300);
        addModes(out, sr, [{ freq: f, amp: 1, t60: rng.range(0.08, 0.2) }, { freq: f * 2.7, amp: 0.3, t60: 0.05 }, { freq: f * 4.1, amp: 0.15, t60: 0.03 }]);
        break;
      }
      default: {
        const t60 = rng.range(1.5, 4);
        out = new Float32Array(Math.round(sr * Math.min(p.durationSec + 1, t60)));
        const f = rng.range(1100, 1700);
        addModes(out, sr, [1, 2.76, 3.9, 5.4, 6.9].map((r, k) => ({ freq: f * r * rng.range(0.99, 1.01), amp: 0.9 / (k + 1), t60: t60 / (1 + k * 0.3) })));
        mixInto(out, noiseBurst(600, sr, rng, 0.0001, 0.005), 0, 0.3);
      }
    }
    const tag = v === 'triangle' || !percussion.variants.includes(v) ? 'triangle' : v;
    return { channels: [out], subTags: [tag], label: tag[0].toUpperCase() + tag.slice(1) };
  },
};
