// Snares: drum-head tone plus filtered snare-wire noise, in acoustic, 808, 909, rimshot, fat, snappy and brush flavours.
import { Biquad, addModes, adEnvelope, mixInto, multiply, saturate } from '../dsp.js';
import { noiseBurst, sweptSine } from '../generators.js';
import type { Family, VoiceParams, VoiceOut } from '../voice.js';

interface SnareShape { f0: number; toneT60: number; toneAmt: number; noiseT60: number; noiseLo: number; noiseHi: number; noiseAmt: number; drive: number; }

function renderSnare(p: VoiceParams, s: SnareShape): Float32Array {
  const { sr, rng, velocity } = p;
  const len = Math.min(p.durationSec, Math.max(s.toneT60, s.noiseT60) + 0.05);
  const n = Math.round(sr * len);
  const out = new Float32Array(n);
  const tone = sweptSine(n, sr, (t) => s.f0 * (1 + 0.5 * Math.exp(-t / 0.008)));
  multiply(tone, adEnvelope(n, sr, 0.0005, s.toneT60));
  mixInto(out, tone, 0, s.toneAmt);
  // Second head mode (≈1.6×) gives the "ring".
  addModes(out, sr, [{ freq: s.f0 * rng.range(1.5, 1.7), amp: s.toneAmt * rng.range(0.2, 0.5), t60: s.toneT60 * 0.7 }, { freq: s.f0 * rng.range(2.2, 2.4), amp: s.toneAmt * 0.15, t60: s.toneT60 * 0.5 }]);
  const wires = noiseBurst(n, sr, rng, 0.0008, s.noiseT60);
  new Biquad(sr).highpass(s.noiseLo, 0.7).run(wires);
  new Biquad(sr).lowpass(s.noiseHi * (0.6 + 0.4 * velocity), 0.7).run(wires);
  mixInto(out, wires, 0, s.noiseAmt);
  return saturate(out, s.drive);
}

export const snare: Family = {
  category: 'snare',
  variants: ['acoustic', '808', '909', 'rimshot', 'fat', 'snappy', 'brush'],
  midiRange: [38, 38],
  durationRange: [0.2, 0.8],
  room: { chance: 0.5, rt60: [0.3, 1.4], mix: [0.08, 0.35] },
  render(p: VoiceParams): VoiceOut {
    const { rng, sr } = p;
    switch (p.variant) {
      case '808':
        return { channels: [renderSnare(p, { f0: rng.range(160, 240), toneT60: rng.range(0.12, 0.3), toneAmt: 0.8, noiseT60: rng.range(0.15, 0.35), noiseLo: rng.range(1500, 3500), noiseHi: 12000, noiseAmt: rng.range(0.4, 0.8), drive: rng.range(1, 2) })], subTags: ['808', 'electronic'], label: '808' };
      case '909':
        return { channels: [renderSnare(p, { f0: rng.range(180, 260), toneT60: rng.range(0.08, 0.18), toneAmt: 0.6, noiseT60: rng.range(0.2, 0.4), noiseLo: rng.range(800, 2000), noiseHi: 14000, noiseAmt: rng.range(0.8, 1.1), drive: rng.range(1.5, 2.5) })], subTags: ['909', 'electronic'], label: '909' };
      case 'rimshot': {
        const out = renderSnare(p, { f0: rng.range(300, 500), toneT60: rng.range(0.05, 0.12), toneAmt: 0.7, noiseT60: rng.range(0.06, 0.15), noiseLo: 2000, noiseHi: 10000, noiseAmt: 0.4, drive: 2 });
        // The rim crack: a bright, very short resonant click.
        addModes(out, sr, [{ freq: rng.range(1500, 2600), amp: 0.8, t60: 0.03 }, { freq: rng.range(3000, 4500), amp: 0.4, t60: 0.02 }]);
        return { channels: [out], subTags: ['rimshot', 'acoustic'], label: 'Rimshot' };
      }
      case 'fat':
        return { channels: [renderSnare(p, { f0: rng.range(140, 190), toneT60: rng.range(0.2, 0.4), toneAmt: 1, noiseT60: rng.range(0.3, 0.6), noiseLo: rng.range(500, 1200), noiseHi: 9000, noiseAmt: 0.9, drive: rng.range(2, 4) })], subTags: ['electronic'], label: rng.pick(['Fat', 'Big', 'Heavy']) };
      case 'snappy':
        return { channels: [renderSnare(p, { f0: rng.range(200, 300), toneT60: rng.range(0.04, 0.1), toneAmt: 0.5, noiseT60: rng.range(0.08, 0.2), noiseLo: rng.range(2500, 5000), noiseHi: 16000, noiseAmt: 1.1, drive: rng.range(1, 2) })], subTags: ['electronic'], label: rng.pick(['Snappy', 'Tight', 'Crisp']) };
      case 'brush': {
        const n = Math.round(sr * Math.min(p.durationSec, 0.6));
        const out = noiseBurst(n, sr, rng, rng.range(0.01, 0.04), rng.range(0.2, 0.5));
        new Biquad(sr).bandpass(rng.range(2500, 6000), 0.6).run(out);
        addModes(out, sr, [{ freq: rng.range(170, 230), amp: 0.15, t60: 0.15 }]);
        return { channels: [out], subTags: ['brush', 'acoustic'], label: 'Brush' };
      }
      default:
        return { channels: [renderSnare(p, { f0: rng.range(170, 250), toneT60: rng.range(0.12, 0.3), toneAmt: 0.7, noiseT60: rng.range(0.15, 0.4), noiseLo: rng.range(600, 1500), noiseHi: 11000, noiseAmt: rng.range(0.6, 1), drive: rng.range(1, 1.6) })], subTags: ['acoustic'], label: rng.pick(['Acoustic', 'Studio', 'Live', 'Tight Acoustic']) };
    }
  },
};
