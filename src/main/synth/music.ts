// Keys and scales for tonal loops: parse 'F# minor'/'Am', list scale notes, pick chord progressions.
import type { Rng } from './rng.js';

const NOTE_INDEX: Record<string, number> = { C: 0, 'C#': 1, DB: 1, D: 2, 'D#': 3, EB: 3, E: 4, F: 5, 'F#': 6, GB: 6, G: 7, 'G#': 8, AB: 8, A: 9, 'A#': 10, BB: 10, B: 11 };
export const NOTE_NAMES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];

export interface MusicalKey {
  tonic: number;
  minor: boolean;
}

/** Parses 'A minor', 'F# major', 'Am', 'Ebm', 'C'. Throws on anything else. */
export function parseKey(key: string): MusicalKey {
  const m = /^\s*([A-Ga-g])([#b]?)\s*(m|min|minor|maj|major)?\s*$/.exec(key);
  if (!m) throw new Error(`synth: cannot read key '${key}' (expected e.g. 'A minor', 'F# major', 'Ebm')`);
  const tonic = NOTE_INDEX[(m[1] + m[2]).toUpperCase()];
  return { tonic, minor: m[3] !== undefined && m[3].startsWith('m') && m[3] !== 'maj' && m[3] !== 'major' };
}

export function formatKey(k: MusicalKey): string {
  return `${NOTE_NAMES[k.tonic]} ${k.minor ? 'minor' : 'major'}`;
}

export function shortKey(k: MusicalKey): string {
  return `${NOTE_NAMES[k.tonic]}${k.minor ? 'm' : ''}`;
}

const MAJOR = [0, 2, 4, 5, 7, 9, 11];
const MINOR = [0, 2, 3, 5, 7, 8, 10];

/** MIDI note of scale degree `deg` (0-based, may exceed 6 or be negative) above the tonic in octave `baseMidi`. */
export function degreeToMidi(k: MusicalKey, baseMidi: number, deg: number): number {
  const scale = k.minor ? MINOR : MAJOR;
  const oct = Math.floor(deg / 7);
  const d = ((deg % 7) + 7) % 7;
  return baseMidi + k.tonic + oct * 12 + scale[d];
}

/** Root degrees of a 4-chord progression common in the key's mode. */
export function progression(k: MusicalKey, rng: Rng): number[] {
  const maj = [[0, 4, 5, 3], [0, 5, 3, 4], [0, 3, 4, 3], [1, 4, 0, 0]];
  const min = [[0, 5, 2, 6], [0, 3, 4, 0], [0, 5, 3, 4], [0, 6, 5, 6]];
  return rng.pick(k.minor ? min : maj);
}

export function randomKey(rng: Rng): MusicalKey {
  return { tonic: rng.int(0, 11), minor: rng.chance(0.6) };
}
