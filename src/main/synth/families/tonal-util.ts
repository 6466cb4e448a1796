// Helpers shared by the pitched families: note length, release shaping.
import { adsr, frames, midiToHz } from '../dsp.js';
import type { VoiceParams } from '../voice.js';

export function noteHz(p: VoiceParams): number {
  return midiToHz(p.midi);
}

/** Sustained-note buffer and envelope: held for ~80% of the duration, then released. */
export function sustained(p: VoiceParams, a: number, d: number, s: number, r: number): { n: number; env: Float32Array } {
  const n = frames(p.sr, p.durationSec + r);
  return { n, env: adsr(n, p.sr, a, d, s, r, p.durationSec) };
}
