// Toms: tuned membranes (pitch drop, circular-membrane overtones, stick noise), high/mid/low/floor, acoustic or electronic.
import { Biquad, addModes, adEnvelope, mixInto, multiply, saturate } from '../dsp.js';
import { noiseBurst, sweptSine } from '../generators.js';
import type { Family } from '../voice.js';

const RANGES: Record<string, readonly [number, number]> = { high: [160, 240], mid: [110, 160], low: [85, 115], floor: [60, 90] };

export const tom: Family = {
  category: 'tom',
  variants: ['high', 'mid', 'low', 'floor', 'electronic'],
  midiRange: [45, 50],
  durationRange: [0.5, 1.5],
  room: { chance: 0.55, rt60: [0.4, 1.5], mix: [0.08, 0.3] },
  render(p) {
    const { rng, sr, velocity } = p;
    const electronic = p.variant === 'electronic';
    const size = electronic ? rng.pick(['high', 'mid', 'low', 'floor']) : p.variant;
    const [lo, hi] = RANGES[size] ?? RANGES.mid;
    const f0 = rng.range(lo, hi);
    const t60 = rng.range(0.35, 1.1) * (size === 'floor' ? 1.4 : 1);
    const n = Math.round(sr * Math.min(p.durationSec, t60 + 0.05));
    const bend = electronic ? rng.range(0.3, 1.2) : rng.range(0.05, 0.25) * velocity;
    const bendTau = rng.range(0.02, 0.05);
    const out = sweptSine(n, sr, (t) => f0 * (1 + bend * Math.exp(-t / bendTau)));
    multiply(out, adEnvelope(n, sr, 0.001, t60));
    if (!electronic) {
      addModes(out, sr, [1.59, 2.14, 2.65, 2.92].map((r) => ({ freq: f0 * r, amp: rng.range(0.05, 0.25), t60: t60 * rng.range(0.2, 0.5) })));
      const stick = noiseBurst(Math.round(sr * 0.03), sr, rng, 0.0002, rng.range(0.01, 0.03));
      new Biquad(sr).bandpass(rng.range(1500, 4000), 0.8).run(stick);
      mixInto(out, stick, 0, 0.2 + 0.3 * velocity);
    } else saturate(out, rng.range(1, 2.5));
    const subTags = [size === 'floor' ? 'floor' : size, electronic ? 'electronic' : 'acoustic'];
    return { channels: [out], subTags, label: `${electronic ? 'Electronic ' : ''}${size[0].toUpperCase()}${size.slice(1)}` };
  },
};
