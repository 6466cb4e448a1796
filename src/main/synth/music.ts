// Keys and scales for tonal loops: parse 'F# minor'/'Am', list scale notes, pick chord progressions.
import type { Rng } from './rng.js';

import { parseKey as parseAnyKey, keyName, type MusicalKey } from '../../shared/music/keys.js';
import { PITCH_CLASS_NAMES } from '../../shared/music/notes.js';

export type { MusicalKey };
export const NOTE_NAMES = PITCH_CLASS_NAMES;

/** Parses any key spelling the library understands ('A minor', 'F# major', 'Am', 'Ebm', '8A'). Throws otherwise. */
export function parseKey(key: string): MusicalKey {
  const parsed = parseAnyKey(key);
  if (!parsed) throw new Error(`synth: cannot read key '${key}' (expected e.g. 'A minor', 'F# major', 'Ebm')`);
  return parsed;
}

export function formatKey(k: MusicalKey): string {
  return keyName(k.tonic, k.mode);
}

export function shortKey(k: MusicalKey): string {
  return `${PITCH_CLASS_NAMES[k.tonic]}${k.mode === 'minor' ? 'm' : ''}`;
}

const MAJOR = [0, 2, 4, 5, 7, 9, 11];
const MINOR = [0, 2, 3, 5, 7, 8, 10];

/** MIDI note of scale degree `deg` (0-based, may exceed 6 or be negative) above the tonic in octave `baseMidi`. */
export function degreeToMidi(k: MusicalKey, baseMidi: number, deg: number): number {
  const scale = k.mode === 'minor' ? MINOR : MAJOR;
  const oct = Math.floor(deg / 7);
  const d = ((deg % 7) + 7) % 7;
  return baseMidi + k.tonic + oct * 12 + scale[d];
}

/** Root degrees of a 4-chord progression common in the key's mode. */
export function progression(k: MusicalKey, rng: Rng): number[] {
  const maj = [[0, 4, 5, 3], [0, 5, 3, 4], [0, 3, 4, 3], [1, 4, 0, 0]];
  const min = [[0, 5, 2, 6], [0, 3, 4, 0], [0, 5, 3, 4], [0, 6, 5, 6]];
  return rng.pick(k.mode === 'minor' ? min : maj);
}

export function randomKey(rng: Rng): MusicalKey {
  return { tonic: rng.int(0, 11), mode: rng.chance(0.6) ? 'minor' : 'major' };
}
