// Hand drums played with fingers and palms — tabla, djembe, darbuka — and the finger snap. They are the
// percussion a producer's library is full of and the sounds most easily mistaken for toms and kicks, so each
// instrument renders its characteristic strokes: resonant vs. damped, rim vs. centre, bass vs. tone vs. slap.
import { Biquad, addModes, adEnvelope, mixInto, multiply } from '../dsp.js';
import { noiseBurst, sweptSine } from '../generators.js';
import type { Rng } from '../rng.js';
import type { VoiceParams } from '../voice.js';

export const HAND_DRUMS = ['tabla', 'djembe', 'darbuka', 'snap'] as const;
export type HandDrum = (typeof HAND_DRUMS)[number];

/** Mode ratios of a loaded (syahi) membrane: nearly harmonic, which is what makes the tabla's dayan sing. */
const DAYAN_RATIOS = [1, 2, 3, 4, 5];
/** Ideal circular membrane modes, for plain skin drums. */
const MEMBRANE_RATIOS = [1, 1.59, 2.14, 2.3, 2.65, 2.92];

function click(sr: number, rng: Rng, ms: number, centreHz: number, q: number): Float32Array {
  const out = noiseBurst(Math.round((sr * ms) / 1000), sr, rng, 0.0002, ms / 1000);
  new Biquad(sr).bandpass(centreHz, q).run(out);
  return out;
}

/** A membrane whose pitch glides from f0·(1+glide) to f0 (a palm pressing a bayan bends it up: negative glide). */
function glidingBody(n: number, sr: number, f0: number, glide: number, glideSec: number, t60: number): Float32Array {
  const out = sweptSine(n, sr, (t) => f0 * (1 + glide * Math.exp(-t / glideSec)));
  multiply(out, adEnvelope(n, sr, 0.001, t60));
  return out;
}

function tabla(p: VoiceParams): { out: Float32Array; stroke: string } {
  const { rng, sr, velocity } = p;
  const stroke = rng.pick(['na', 'tin', 'tun', 'te', 'ghe', 'ke', 'dha']);
  const dayanHz = rng.range(230, 420);
  const bayanHz = rng.range(75, 140);
  const n = Math.round(sr * 1.4);
  const out = new Float32Array(n);
  const dayan = (ringT60: number, emphasis: number[]) => {
    addModes(out, sr, DAYAN_RATIOS.map((r, k) => ({ freq: dayanHz * r * rng.range(0.995, 1.006), amp: emphasis[k] * rng.range(0.7, 1.1), t60: ringT60 / (1 + 0.35 * k) })));
    mixInto(out, click(sr, rng, 8, rng.range(2500, 4500), 1.2), 0, 0.25 * velocity);
  };
  const bayan = (glide: number, t60: number) => mixInto(out, glidingBody(n, sr, bayanHz, glide, rng.range(0.08, 0.25), t60), 0, 0.9);
  switch (stroke) {
    case 'na': dayan(rng.range(0.4, 1.0), [0.3, 1, 0.8, 0.5, 0.3]); break;
    case 'tin': dayan(rng.range(0.5, 1.1), [0.6, 0.8, 0.5, 0.3, 0.15]); break;
    case 'tun': dayan(rng.range(0.8, 1.4), [1, 0.35, 0.15, 0.08, 0.04]); break;
    case 'te': {
      // Centre strike, damped at once: a short knock with a little pitch.
      addModes(out, sr, DAYAN_RATIOS.slice(0, 3).map((r, k) => ({ freq: dayanHz * r, amp: 0.6 / (k + 1), t60: rng.range(0.03, 0.08) })));
      mixInto(out, click(sr, rng, 25, rng.range(1200, 3000), 0.8), 0, 0.6);
      break;
    }
    case 'ghe': bayan(rng.range(-0.35, 0.25), rng.range(0.35, 0.9)); break;
    case 'ke': {
      // Flat palm on the bayan: a dull thump, choked.
      mixInto(out, glidingBody(n, sr, bayanHz * rng.range(1, 1.4), 0.1, 0.02, rng.range(0.04, 0.1)), 0, 1);
      mixInto(out, click(sr, rng, 30, rng.range(400, 900), 0.7), 0, 0.5);
      break;
    }
    default: {
      dayan(rng.range(0.4, 1.0), [0.3, 1, 0.8, 0.5, 0.3]);
      bayan(rng.range(-0.3, 0.2), rng.range(0.35, 0.8));
    }
  }
  return { out, stroke };
}

function djembe(p: VoiceParams): { out: Float32Array; stroke: string } {
  const { rng, sr } = p;
  const stroke = rng.pick(['bass', 'tone', 'slap']);
  const n = Math.round(sr * 0.9);
  const out = new Float32Array(n);
  if (stroke === 'bass') {
    // The goblet's Helmholtz resonance: low, short, boomy.
    mixInto(out, glidingBody(n, sr, rng.range(65, 95), 0.15, 0.02, rng.range(0.15, 0.35)), 0, 1);
    mixInto(out, click(sr, rng, 15, rng.range(300, 700), 0.8), 0, 0.3);
  } else {
    const f0 = rng.range(300, 420);
    const slap = stroke === 'slap';
    // A slap is mostly the crack of the skin's edge: bright noise over a short, quiet body.
    addModes(out, sr, MEMBRANE_RATIOS.map((r, k) => ({ freq: f0 * r * rng.range(0.99, 1.01), amp: (slap ? 0.15 : 1) / (1 + 0.6 * k), t60: (slap ? 0.08 : 0.3) / (1 + 0.3 * k) })));
    mixInto(out, click(sr, rng, slap ? 60 : 20, rng.range(slap ? 2000 : 1000, slap ? 4500 : 2000), slap ? 0.6 : 1), 0, slap ? 4 : 0.35);
  }
  return { out, stroke };
}

function darbuka(p: VoiceParams): { out: Float32Array; stroke: string } {
  const { rng, sr } = p;
  const stroke = rng.pick(['doum', 'tek', 'ka']);
  const n = Math.round(sr * 0.8);
  const out = new Float32Array(n);
  if (stroke === 'doum') {
    mixInto(out, glidingBody(n, sr, rng.range(90, 150), 0.08, 0.03, rng.range(0.25, 0.6)), 0, 1);
    addModes(out, sr, MEMBRANE_RATIOS.slice(1).map((r) => ({ freq: rng.range(90, 150) * r, amp: 0.1, t60: 0.1 })));
  } else {
    // Rim strokes on a metal or clay shell: a bright, ringing crack.
    const f = rng.range(600, 1100);
    addModes(out, sr, [1, 2.3, 3.6, 5.1].map((r, k) => ({ freq: f * r * rng.range(0.98, 1.02), amp: 0.8 / (k + 1), t60: stroke === 'tek' ? rng.range(0.08, 0.2) : rng.range(0.04, 0.1) })));
    mixInto(out, click(sr, rng, 12, rng.range(3000, 6000), 1), 0, 0.8);
  }
  return { out, stroke };
}

function snap(p: VoiceParams): { out: Float32Array; stroke: string } {
  const { rng, sr } = p;
  // A finger snap: one very short, bright crack with a hint of skin resonance around 2 kHz.
  const out = new Float32Array(Math.round(sr * 0.25));
  mixInto(out, click(sr, rng, rng.range(15, 40), rng.range(1800, 3200), rng.range(1.2, 2.5)));
  addModes(out, sr, [{ freq: rng.range(1800, 2600), amp: 0.3, t60: 0.03 }]);
  return { out, stroke: 'snap' };
}

/** One stroke of a hand drum; `stroke` names it for the sound's label (e.g. 'Tabla Ghe'). */
export function handDrum(kind: HandDrum, p: VoiceParams): { out: Float32Array; stroke: string } {
  switch (kind) {
    case 'tabla': return tabla(p);
    case 'djembe': return djembe(p);
    case 'darbuka': return darbuka(p);
    default: return snap(p);
  }
}
