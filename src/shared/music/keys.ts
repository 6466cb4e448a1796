// Musical key names, with the same spelling everywhere ('A minor', 'F# major').
import { PITCH_CLASS_NAMES } from './notes.js';

export type KeyMode = 'major' | 'minor';

export function keyName(tonic: number, mode: KeyMode): string {
  return `${PITCH_CLASS_NAMES[((tonic % 12) + 12) % 12]} ${mode}`;
}

/** The relative major/minor of a key (A minor ↔ C major). */
export function relativeKey(tonic: number, mode: KeyMode): { tonic: number; mode: KeyMode } {
  return mode === 'minor' ? { tonic: (tonic + 3) % 12, mode: 'major' } : { tonic: (tonic + 9) % 12, mode: 'minor' };
}

/** Parses 'Am', 'A minor', 'F#maj', 'Bb major' into tonic + mode; null when not recognisable. */
export function parseKey(text: string): { tonic: number; mode: KeyMode } | null {
  const m = /^\s*([A-Ga-g])\s*([#b♯♭]?)\s*(maj(?:or)?|min(?:or)?|m)?\s*$/i.exec(text);
  if (!m) return null;
  const base = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 }[m[1].toUpperCase() as 'C'];
  const acc = m[2] === '#' || m[2] === '♯' ? 1 : m[2] === 'b' || m[2] === '♭' ? -1 : 0;
  const modeText = (m[3] ?? '').toLowerCase();
  const mode: KeyMode = modeText === 'm' || modeText.startsWith('min') ? 'minor' : 'major';
  return { tonic: (base + acc + 12) % 12, mode };
}
