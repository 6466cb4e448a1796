// FX: risers, downlifters, impacts, sweeps, noise bursts, ambience drones, glitches and foley-like textures.
import { Biquad, TAU, addModes, adEnvelope, distort, mixInto, multiply, sweepBandpass, sweepLowpass } from '../dsp.js';
import { noiseBurst, sweptSine, unisonSaws } from '../generators.js';
import type { Family } from '../voice.js';

export const fx: Family = {
  category: 'fx',
  variants: ['riser', 'downlifter', 'impact', 'sweep', 'noise', 'ambience', 'glitch', 'foley'],
  midiRange: [48, 72],
  durationRange: [1, 6],
  room: { chance: 0.8, rt60: [1, 4], mix: [0.15, 0.5] },
  render(p) {
    const { rng, sr } = p;
    const v = p.variant;
    const dur = p.durationSec;
    const n = Math.round(sr * dur);
    switch (v) {
      case 'riser':
      case 'downlifter': {
        const up = v === 'riser';
        const curve = (t: number) => (up ? t / dur : 1 - t / dur);
        const noise = noiseBurst(n, sr, rng, 0, 1000);
        sweepBandpass(noise, sr, (t) => 200 * Math.pow(60, curve(t)), rng.range(1, 4));
        const [L, R] = unisonSaws(n, sr, (t) => 80 * Math.pow(16, curve(t)), 3, 20, 0.8, rng);
        const env = new Float32Array(n);
        for (let i = 0; i < n; i++) env[i] = up ? Math.pow(i / n, 1.5) : Math.pow(1 - i / n, 1.5);
        for (const c of [L, R]) {
          mixInto(c, noise, 0, 1);
          multiply(c, env);
        }
        return { channels: [L, R], subTags: [v], label: up ? rng.pick(['Riser', 'Uplifter', 'Build Up']) : 'Downlifter' };
      }
      case 'impact': {
        const m = Math.round(sr * Math.min(dur, 3));
        const boom = sweptSine(m, sr, (t) => 35 + 120 * Math.exp(-t / 0.08));
        multiply(boom, adEnvelope(m, sr, 0.001, rng.range(1, 3)));
        distort(boom, rng.range(1.5, 3), 0.05);
        const crash = noiseBurst(m, sr, rng, 0.001, rng.range(0.5, 2));
        new Biquad(sr).lowpass(rng.range(2000, 8000), 0.7).run(crash);
        mixInto(boom, crash, 0, 0.4);
        return { channels: [boom], subTags: ['impact'], label: rng.pick(['Impact', 'Boom', 'Sub Drop Hit', 'Cinematic Hit']) };
      }
      case 'sweep': {
        const out = noiseBurst(n, sr, rng, dur * 0.3, dur * 1.5);
        const rate = rng.range(0.2, 1);
        sweepLowpass(out, sr, (t) => 300 + 6000 * (0.5 + 0.5 * Math.sin(TAU * rate * t - 1.5)), rng.range(2, 6));
        return { channels: [out], subTags: ['sweep'], label: 'Noise Sweep' };
      }
      case 'noise': {
        const m = Math.round(sr * Math.min(dur, rng.range(0.3, 1.5)));
        const out = noiseBurst(m, sr, rng, 0.001, m / sr);
        new Biquad(sr).bandpass(rng.logRange(500, 8000), rng.range(0.3, 2)).run(out);
        return { channels: [out], subTags: ['noise'], label: rng.pick(['Noise Hit', 'White Noise', 'Static Burst']) };
      }
      case 'ambience': {
        const root = 55 * Math.pow(2, rng.int(0, 24) / 12);
        const [L, R] = unisonSaws(n, sr, (t) => root * (1 + 0.003 * Math.sin(TAU * 0.1 * t)), 6, 12, 1, rng);
        const air = noiseBurst(n, sr, rng, dur / 2, 1000);
        new Biquad(sr).bandpass(rng.range(1000, 5000), 0.5).run(air);
        const env = adEnvelope(n, sr, dur * 0.4, dur * 2);
        for (const c of [L, R]) {
          sweepLowpass(c, sr, (t) => root * 3 * (1 + 0.5 * Math.sin(TAU * 0.07 * t)), 1);
          mixInto(c, air, 0, 0.2);
          multiply(c, env);
        }
        return { channels: [L, R], subTags: ['ambience'], label: rng.pick(['Drone', 'Atmosphere', 'Ambience', 'Texture']) };
      }
      case 'glitch': {
        const out = new Float32Array(n);
        let t = 0;
        while (t < n) {
          const len = Math.round(sr * rng.logRange(0.01, 0.12));
          const f = rng.logRange(100, 4000);
          const seg = rng.chance(0.5) ? sweptSine(len, sr, () => f) : noiseBurst(len, sr, rng, 0, 1000);
          const bits = rng.int(2, 6);
          const q = Math.pow(2, bits);
          for (let i = 0; i < len; i++) seg[i] = Math.round(seg[i] * q) / q;
          const reps = rng.int(1, 4);
          for (let r = 0; r < reps; r++) mixInto(out, seg, t + r * len, rng.range(0.3, 1));
          t += len * reps + Math.round(sr * rng.range(0, 0.05));
        }
        return { channels: [out], subTags: ['glitch'], label: rng.pick(['Glitch', 'Stutter', 'Bitcrush FX']) };
      }
      default: {
        // Foley-ish: a handful of small modal "things" being knocked or dropped.
        const out = new Float32Array(n);
        const hits = rng.int(1, 6);
        let t = 0;
        for (let h = 0; h < hits && t < dur; h++) {
          const f = rng.logRange(200, 3000);
          const seg = new Float32Array(Math.round(sr * 0.4));
          addModes(seg, sr, [1, rng.range(1.8, 2.9), rng.range(3.1, 5.5)].map((r) => ({ freq: f * r, amp: rng.range(0.2, 1), t60: rng.range(0.02, 0.3) })));
          mixInto(seg, noiseBurst(seg.length, sr, rng, 0.0005, 0.02), 0, 0.5);
          mixInto(out, seg, Math.round(t * sr), rng.range(0.3, 1));
          t += rng.range(0.05, 0.5);
        }
        return { channels: [out], subTags: ['foley'], label: rng.pick(['Foley Knock', 'Foley Clink', 'Object Drop', 'Foley']) };
      }
    }
  },
};
