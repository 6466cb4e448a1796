// Cymbals: crash, ride (with bell ping), bell, splash and china, from inharmonic partials, metallic clusters and noise.
import { Biquad, addModes, adEnvelope, distort, mixInto, multiply } from '../dsp.js';
import type { Mode } from '../dsp.js';
import { metallicCluster, noiseBurst } from '../generators.js';
import type { Family, VoiceParams } from '../voice.js';
import type { Rng } from '../rng.js';

function partials(rng: Rng, lo: number, hi: number, count: number, t60: number, amp: number): Mode[] {
  const m: Mode[] = [];
  for (let i = 0; i < count; i++) {
    const f = rng.logRange(lo, hi);
    // Higher partials die faster, as in real plates.
    m.push({ freq: f, amp: amp * rng.range(0.3, 1) / Math.sqrt(count), t60: t60 * rng.range(0.5, 1.1) * Math.pow(lo / f, 0.25), phase: rng.range(0, 6.28) });
  }
  return m;
}

function wash(p: VoiceParams, t60: number, hp: number, attack: number): Float32Array {
  const { sr, rng } = p;
  const n = Math.round(sr * Math.min(p.durationSec, t60 * 1.05 + 0.05));
  const out = new Float32Array(n);
  mixInto(out, metallicCluster(n, sr, rng.range(300, 600), rng), 0, 0.6);
  mixInto(out, noiseBurst(n, sr, rng, 0, 1000), 0, rng.range(0.5, 1));
  new Biquad(sr).highpass(hp, 0.7).run(out);
  new Biquad(sr).peak(rng.range(4000, 9000), 0.8, rng.range(-3, 5)).run(out);
  return multiply(out, adEnvelope(n, sr, attack, t60));
}

export const cymbal: Family = {
  category: 'cymbal',
  variants: ['crash', 'ride', 'bell', 'splash', 'china', 'reverse'],
  midiRange: [49, 49],
  durationRange: [1.2, 4],
  room: { chance: 0.4, rt60: [0.6, 2], mix: [0.05, 0.2] },
  render(p) {
    const { rng, sr } = p;
    switch (p.variant) {
      case 'ride': {
        const t60 = rng.range(2, 4.5);
        const out = wash(p, t60, rng.range(3000, 5000), 0.0005);
        for (let i = 0; i < out.length; i++) out[i] *= 0.5;
        // The stick "ping": a cluster of clear partials around 3-6 kHz.
        addModes(out, sr, partials(rng, 2500, 7000, 12, t60 * 0.6, 0.7));
        addModes(out, sr, partials(rng, 400, 1200, 4, t60 * 0.4, 0.25));
        return { channels: [out], subTags: ['ride'], label: rng.pick(['Ride', 'Ride Ping', 'Jazz Ride']) };
      }
      case 'bell': {
        const t60 = rng.range(1.5, 3.5);
        const out = wash(p, t60, 5000, 0.0005);
        for (let i = 0; i < out.length; i++) out[i] *= 0.25;
        const f = rng.range(700, 1100);
        addModes(out, sr, [1, 2.17, 2.93, 3.87, 5.1].map((r, k) => ({ freq: f * r, amp: 0.8 / (k + 1), t60: t60 * (1 - k * 0.12) })));
        return { channels: [out], subTags: ['ride', 'bell'], label: 'Ride Bell' };
      }
      case 'splash': {
        const out = wash(p, rng.range(0.6, 1.3), rng.range(4000, 6500), 0.001);
        return { channels: [out], subTags: ['splash'], label: 'Splash' };
      }
      case 'china': {
        const out = wash(p, rng.range(1.2, 2.5), rng.range(1500, 3000), 0.001);
        addModes(out, sr, partials(rng, 500, 3000, 16, 1.2, 0.6));
        distort(out, rng.range(2, 4), 0.1);
        new Biquad(sr).highpass(800, 0.7).run(out);
        return { channels: [out], subTags: ['china'], label: rng.pick(['China', 'Trash China']) };
      }
      case 'reverse': {
        const out = wash(p, rng.range(1.5, 3), rng.range(2500, 4500), 0.002);
        out.reverse();
        return { channels: [out], subTags: ['crash'], label: 'Reverse Crash' };
      }
      default: {
        const t60 = rng.range(1.8, 4.5);
        // Crashes bloom: the wash swells over ~20-60 ms.
        const out = wash(p, t60, rng.range(1500, 3500), rng.range(0.005, 0.04));
        addModes(out, sr, partials(rng, 300, 3000, 20, t60 * 0.7, 0.35));
        return { channels: [out], subTags: ['crash'], label: rng.pick(['Crash', 'Crash Big', 'Thin Crash', 'Dark Crash']) };
      }
    }
  },
};
