// Hi-hats: metallic square clusters or FM metal plus noise, through steep high-pass filters; closed, pedal and open.
import { Biquad, adEnvelope, mixInto, multiply, adsr } from '../dsp.js';
import { fmMetal, metallicCluster, noiseBurst } from '../generators.js';
import type { Family, VoiceParams } from '../voice.js';

type Source = '808' | 'fm' | 'acoustic';

function renderHat(p: VoiceParams, source: Source, t60: number, attack: number): Float32Array {
  const { sr, rng, velocity } = p;
  const n = Math.round(sr * Math.min(p.durationSec, t60 * 1.1 + 0.02));
  let metal: Float32Array;
  if (source === '808') metal = metallicCluster(n, sr, rng.range(280, 480), rng);
  else if (source === 'fm') metal = fmMetal(n, sr, rng.range(3000, 6000), rng.range(1.3, 2.7), rng.range(3, 8), t60 * 2);
  else metal = metallicCluster(n, sr, rng.range(400, 700), rng, [1, 1.34, 1.79, 2.31, 2.87, 3.52, 4.1, 4.77].map((r) => r * rng.range(0.97, 1.03)));
  const noise = noiseBurst(n, sr, rng, 0, 100);
  const out = new Float32Array(n);
  const noiseAmt = source === 'acoustic' ? rng.range(0.6, 1.2) : rng.range(0.1, 0.6);
  mixInto(out, metal, 0, 1);
  mixInto(out, noise, 0, noiseAmt);
  // Two cascaded high-passes: the cymbal body lives above ~6 kHz, everything under it must go.
  const hp = rng.range(6000, 9000);
  new Biquad(sr).highpass(hp, 0.7).run(out);
  new Biquad(sr).highpass(hp * 0.9, 0.9).run(out);
  new Biquad(sr).peak(rng.range(8000, 12000), 1, rng.range(0, 6) * velocity).run(out);
  new Biquad(sr).lowpass(rng.range(14000, 19000), 0.7).run(out);
  return multiply(out, adEnvelope(n, sr, attack, t60));
}

export const hihatClosed: Family = {
  category: 'hihat_closed',
  variants: ['808', 'acoustic', 'fm', 'tight', 'pedal'],
  midiRange: [42, 42],
  durationRange: [0.08, 0.3],
  room: { chance: 0.3, rt60: [0.3, 1.0], mix: [0.05, 0.2] },
  render(p) {
    const { rng } = p;
    if (p.variant === 'pedal') return { channels: [renderHat(p, 'acoustic', rng.range(0.05, 0.12), rng.range(0.004, 0.012))], subTags: ['pedal', 'acoustic'], label: 'Pedal' };
    const src: Source = p.variant === 'tight' ? rng.pick(['808', 'fm'] as const) : (p.variant as Source);
    const t60 = p.variant === 'tight' ? rng.range(0.025, 0.05) : rng.range(0.04, 0.14);
    return { channels: [renderHat(p, src, t60, 0.0005)], subTags: src === 'acoustic' ? ['acoustic'] : ['electronic', ...(src === '808' ? ['808'] : [])], label: p.variant === '808' ? '808 Closed' : p.variant === 'tight' ? 'Tight' : p.variant === 'fm' ? rng.pick(['Digital', 'FM', 'Metallic']) : rng.pick(['Closed', 'Acoustic Closed', 'Tip']) };
  },
};

export const hihatOpen: Family = {
  category: 'hihat_open',
  variants: ['808', 'acoustic', 'fm', 'half-open'],
  midiRange: [46, 46],
  durationRange: [0.4, 1.5],
  room: { chance: 0.35, rt60: [0.4, 1.2], mix: [0.05, 0.2] },
  render(p) {
    const { rng, sr } = p;
    const src: Source = p.variant === 'half-open' ? 'acoustic' : (p.variant as Source);
    const t60 = p.variant === 'half-open' ? rng.range(0.2, 0.35) : rng.range(0.35, 1.1);
    const out = renderHat(p, src, t60, 0.0008);
    // Open hats are often choked: the pedal closes them, cutting the tail.
    if (rng.chance(0.3)) {
      const at = rng.range(0.5, 0.9) * out.length / sr;
      multiply(out, adsr(out.length, sr, 0.0001, 100, 1, 0.03, at));
    }
    return { channels: [out], subTags: src === 'acoustic' ? ['acoustic'] : ['electronic'], label: p.variant === 'half-open' ? 'Half Open' : p.variant === '808' ? '808 Open' : rng.pick(['Open', 'Open Wash', 'Sizzle']) };
  },
};
