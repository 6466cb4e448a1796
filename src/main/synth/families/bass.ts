// Basses: sub, 808 (glide + drive), reese (detuned saws), saw/square with filter envelope, FM and plucked.
import { Pulse, Saw, TAU, adEnvelope, distort, multiply, saturate, sweepLowpass } from '../dsp.js';
import { karplusStrong, sweptSine, unisonSaws } from '../generators.js';
import { noteHz, sustained } from './tonal-util.js';
import type { Family } from '../voice.js';

export const bass: Family = {
  category: 'bass',
  variants: ['sub', '808', 'reese', 'saw', 'square', 'fm', 'plucked'],
  midiRange: [28, 50],
  durationRange: [0.4, 1.6],
  room: { chance: 0.1, rt60: [0.2, 0.6], mix: [0.03, 0.1] },
  render(p) {
    const { rng, sr, velocity } = p;
    const hz = noteHz(p);
    switch (p.variant) {
      case 'sub': {
        const { n, env } = sustained(p, 0.005, 0.3, 0.8, rng.range(0.05, 0.2));
        const out = sweptSine(n, sr, () => hz);
        saturate(out, rng.range(1, 1.8));
        return { channels: [multiply(out, env)], subTags: ['sub', 'synth'], label: 'Sub' };
      }
      case '808': {
        const t60 = rng.range(0.8, 2.5);
        const n = Math.round(sr * Math.min(t60, p.durationSec + 1));
        const glide = rng.chance(0.3) ? rng.range(-5, 5) : 0;
        const out = sweptSine(n, sr, (t) => hz * (1 + 0.8 * Math.exp(-t / 0.015)) * Math.pow(2, (glide * Math.max(0, 1 - t / 0.3)) / 12));
        multiply(out, adEnvelope(n, sr, 0.002, t60));
        distort(out, rng.range(1.5, 5), 0.1);
        return { channels: [out], subTags: ['808'], label: glide ? '808 Glide' : '808' };
      }
      case 'reese': {
        const { n, env } = sustained(p, 0.01, 0.5, 0.9, 0.15);
        const [L, R] = unisonSaws(n, sr, () => hz, rng.int(2, 4), rng.range(10, 30), 0.4, rng);
        const cut = rng.range(400, 1500);
        const rate = rng.range(0.2, 1);
        for (const c of [L, R]) sweepLowpass(c, sr, (t) => cut * (1 + 0.5 * Math.sin(TAU * rate * t)), 1.2);
        return { channels: [multiply(L, env), multiply(R, env)], subTags: ['reese', 'synth'], label: 'Reese' };
      }
      case 'fm': {
        const { n, env } = sustained(p, 0.003, 0.3, 0.6, 0.1);
        const out = new Float32Array(n);
        const ratio = rng.pick([1, 2, 0.5, 3]);
        const index0 = rng.range(1, 5) * velocity;
        const decay = rng.range(0.1, 0.5);
        for (let i = 0; i < n; i++) {
          const t = i / sr;
          out[i] = Math.sin(TAU * hz * t + index0 * Math.exp(-t / decay) * Math.sin(TAU * hz * ratio * t)) * env[i];
        }
        return { channels: [out], subTags: ['synth'], label: 'FM' };
      }
      case 'plucked': {
        const n = Math.round(sr * Math.min(p.durationSec + 0.5, 2.5));
        const out = karplusStrong(n, sr, hz, rng, { t60: rng.range(1, 3), brightness: rng.range(0.3, 0.7), pluckPos: rng.range(0.1, 0.3), excitationHz: rng.range(800, 3000) });
        return { channels: [out], subTags: ['electric'], label: rng.pick(['Finger', 'Picked', 'Electric']) };
      }
      default: {
        const { n, env } = sustained(p, 0.004, 0.4, 0.7, 0.08);
        const out = new Float32Array(n);
        const sq = p.variant === 'square';
        const osc = sq ? new Pulse() : new Saw();
        for (let i = 0; i < n; i++) out[i] = osc.next(hz / sr);
        const base = rng.range(100, 300);
        const amt = rng.range(500, 4000) * velocity;
        const fd = rng.range(0.05, 0.4);
        sweepLowpass(out, sr, (t) => base + amt * Math.exp(-t / fd), rng.range(0.8, 4));
        return { channels: [multiply(out, env)], subTags: ['synth'], label: sq ? 'Square' : rng.pick(['Saw', 'Analog', 'Acid']) };
      }
    }
  },
};
