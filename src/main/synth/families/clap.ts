// Claps and snaps: several quick band-passed noise bursts (many hands) followed by a diffuse tail.
import { Biquad, addModes, mixInto } from '../dsp.js';
import { noiseBurst } from '../generators.js';
import type { Family, VoiceParams, VoiceOut } from '../voice.js';

export const clap: Family = {
  category: 'clap',
  variants: ['808', 'tight', 'big', 'layered', 'snap'],
  midiRange: [39, 39],
  durationRange: [0.3, 1.0],
  room: { chance: 0.75, rt60: [0.4, 1.8], mix: [0.1, 0.4] },
  render(p: VoiceParams): VoiceOut {
    const { rng, sr, velocity } = p;
    if (p.variant === 'snap') {
      const n = Math.round(sr * 0.3);
      const out = noiseBurst(n, sr, rng, 0.0003, rng.range(0.03, 0.08));
      new Biquad(sr).bandpass(rng.range(1800, 3200), 1.2).run(out);
      addModes(out, sr, [{ freq: rng.range(1000, 1600), amp: 0.3, t60: 0.04 }]);
      return { channels: [out], subTags: ['snap'], label: 'Finger Snap' };
    }
    const bursts = p.variant === 'tight' ? rng.int(2, 3) : p.variant === 'layered' ? rng.int(5, 7) : rng.int(3, 5);
    const tailT60 = p.variant === 'big' ? rng.range(0.4, 0.9) : p.variant === 'tight' ? rng.range(0.08, 0.2) : rng.range(0.18, 0.45);
    const n = Math.round(sr * Math.min(p.durationSec, 0.08 + tailT60 * 1.1));
    const out = new Float32Array(n);
    let t = 0;
    for (let b = 0; b < bursts; b++) {
      const burst = noiseBurst(Math.round(sr * 0.03), sr, rng, 0.0004, rng.range(0.01, 0.025));
      mixInto(out, burst, Math.round(t * sr), rng.range(0.6, 1));
      t += rng.range(0.006, 0.016);
    }
    const tail = noiseBurst(n, sr, rng, 0.002, tailT60);
    mixInto(out, tail, Math.round(t * sr), 0.8);
    const centre = rng.range(900, 2000) * (0.8 + 0.4 * velocity);
    new Biquad(sr).bandpass(centre, rng.range(0.8, 2)).run(out);
    new Biquad(sr).highpass(400, 0.7).run(out);
    const sub = p.variant === '808' ? ['808'] : [];
    const label = p.variant === '808' ? '808' : p.variant === 'big' ? rng.pick(['Big', 'Wide', 'Arena']) : p.variant === 'layered' ? 'Layered' : rng.pick(['Tight', 'Short', 'Dry']);
    return { channels: [out], subTags: sub, label };
  },
};
