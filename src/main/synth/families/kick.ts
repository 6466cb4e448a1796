// Kick drums: 808 sine sweeps with long tails, punchy electronic kicks, 909-style, sub kicks and acoustic kicks
// with beater click and shell resonance.
import { Biquad, addModes, adEnvelope, decayCoef, distort, mixInto, multiply, saturate } from '../dsp.js';
import { noiseBurst, sweptSine } from '../generators.js';
import type { Family, VoiceParams, VoiceOut } from '../voice.js';

function electronic(p: VoiceParams, o: { f0: number; sweep: number; sweepTau: number; t60: number; click: number; drive: number }): Float32Array {
  const { sr, rng } = p;
  const n = Math.round(sr * Math.min(p.durationSec, o.t60 * 1.1 + 0.05));
  const body = sweptSine(n, sr, (t) => o.f0 * (1 + o.sweep * Math.exp(-t / o.sweepTau)), rng.range(0, 0.3));
  // Hold briefly then decay: the "punch" plateau of analogue kicks.
  const hold = Math.round(sr * rng.range(0.005, 0.04));
  const k = decayCoef(sr, o.t60);
  let g = 1;
  for (let i = 0; i < n; i++) {
    if (i > hold) g *= k;
    body[i] *= i < 24 ? i / 24 : g;
  }
  saturate(body, o.drive);
  if (o.click > 0) {
    const click = noiseBurst(Math.round(sr * 0.02), sr, rng, 0.0003, rng.range(0.004, 0.015));
    new Biquad(sr).bandpass(rng.logRange(1500, 5000), 0.8).run(click);
    mixInto(body, click, 0, o.click * (0.6 + 0.6 * p.velocity));
  }
  return body;
}

function acoustic(p: VoiceParams): Float32Array {
  const { sr, rng } = p;
  const f0 = rng.range(50, 72);
  const t60 = rng.range(0.25, 0.7);
  const n = Math.round(sr * Math.min(p.durationSec, t60 + 0.2));
  const out = new Float32Array(n);
  // Batter-head fundamental drops slightly as tension relaxes after the hit.
  const head = sweptSine(n, sr, (t) => f0 * (1 + 0.35 * p.velocity * Math.exp(-t / 0.02)));
  multiply(head, adEnvelope(n, sr, 0.001, t60));
  mixInto(out, head);
  // Shell/membrane overtones (circular membrane mode ratios), short-lived.
  addModes(out, sr, [1.59, 2.14, 2.3, 2.65].map((r) => ({ freq: f0 * r * rng.range(0.97, 1.03), amp: rng.range(0.05, 0.2), t60: t60 * rng.range(0.15, 0.4) })));
  const beater = noiseBurst(Math.round(sr * 0.03), sr, rng, 0.0002, rng.range(0.005, 0.02));
  new Biquad(sr).bandpass(rng.logRange(1200, 4000), 0.9).run(beater);
  mixInto(out, beater, 0, rng.range(0.15, 0.45) * (0.5 + p.velocity));
  new Biquad(sr).lowpass(rng.logRange(3000, 9000), 0.7).run(out);
  return out;
}

export const kick: Family = {
  category: 'kick',
  variants: ['808', 'punchy', '909', 'sub', 'acoustic', 'distorted'],
  midiRange: [28, 40],
  durationRange: [0.3, 1.6],
  room: { chance: 0.25, rt60: [0.2, 0.8], mix: [0.05, 0.2] },
  render(p: VoiceParams): VoiceOut {
    const { rng } = p;
    switch (p.variant) {
      case '808': {
        const f0 = 440 * Math.pow(2, (p.midi - 69) / 12);
        const long = rng.chance(0.5);
        const t60 = long ? rng.range(1.0, 2.2) : rng.range(0.45, 1.0);
        return { channels: [electronic(p, { f0, sweep: rng.range(1, 3), sweepTau: rng.range(0.01, 0.04), t60, click: rng.range(0, 0.2), drive: rng.range(1, 2.5) })], subTags: ['808', 'electronic'], label: `808 ${long ? 'Long' : 'Short'}` };
      }
      case 'punchy':
        return { channels: [electronic(p, { f0: rng.range(48, 68), sweep: rng.range(3, 8), sweepTau: rng.range(0.006, 0.018), t60: rng.range(0.22, 0.55), click: rng.range(0.2, 0.5), drive: rng.range(1.5, 4) })], subTags: ['electronic'], label: rng.pick(['Punchy', 'Tight', 'Club', 'Hard']) };
      case '909':
        return { channels: [electronic(p, { f0: rng.range(50, 62), sweep: rng.range(2.5, 5), sweepTau: rng.range(0.01, 0.025), t60: rng.range(0.3, 0.7), click: rng.range(0.35, 0.6), drive: rng.range(1.8, 3) })], subTags: ['909', 'electronic'], label: '909' };
      case 'sub':
        return { channels: [electronic(p, { f0: rng.range(36, 50), sweep: rng.range(0.4, 1.5), sweepTau: rng.range(0.02, 0.06), t60: rng.range(0.7, 1.6), click: rng.range(0, 0.08), drive: rng.range(1, 1.4) })], subTags: ['sub', 'electronic'], label: 'Sub' };
      case 'distorted': {
        const body = electronic(p, { f0: rng.range(45, 60), sweep: rng.range(4, 10), sweepTau: rng.range(0.01, 0.03), t60: rng.range(0.35, 0.9), click: rng.range(0.1, 0.3), drive: 1 });
        distort(body, rng.range(3, 8), rng.range(0.05, 0.3));
        new Biquad(p.sr).lowpass(rng.logRange(1500, 5000), 0.9).run(body);
        new Biquad(p.sr).highpass(25, 0.7).run(body);
        return { channels: [body], subTags: ['electronic', 'distorted'], label: rng.pick(['Distorted', 'Hardstyle', 'Gabber', 'Crushed']) };
      }
      default:
        return { channels: [acoustic(p)], subTags: ['acoustic'], label: rng.pick(['Acoustic', 'Studio', 'Live', 'Dry']) };
    }
  },
};
