// Musical keys with one spelling everywhere ('A minor', 'F# major'), so filters and sorting treat every way a
// file, a name or an analyzer writes a key ('Am', 'A min', 'a-moll', 'Bbm', Camelot '8A', Open Key '1m') alike.
import { PITCH_CLASS_NAMES } from './notes.js';

export type KeyMode = 'major' | 'minor';

export interface MusicalKey {
  /** Pitch class of the tonic, 0 = C. */
  tonic: number;
  mode: KeyMode;
}

export function keyName(tonic: number, mode: KeyMode): string {
  return `${PITCH_CLASS_NAMES[((tonic % 12) + 12) % 12]} ${mode}`;
}

/** The relative major/minor of a key (A minor ↔ C major). */
export function relativeKey(tonic: number, mode: KeyMode): MusicalKey {
  return mode === 'minor' ? { tonic: (tonic + 3) % 12, mode: 'major' } : { tonic: (tonic + 9) % 12, mode: 'minor' };
}

/** Camelot wheel position n (1..12): the tonic of nB (major) and nA (minor). */
const CAMELOT_MAJOR_TONIC = [11, 6, 1, 8, 3, 10, 5, 0, 7, 2, 9, 4];
const CAMELOT_MINOR_TONIC = [8, 3, 10, 5, 0, 7, 2, 9, 4, 11, 6, 1];
const LETTER_TONIC: Record<string, number> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };
const MINOR_WORDS = new Set(['m', 'min', 'minor', 'moll', 'mi', '-']);
const MAJOR_WORDS = new Set(['', 'maj', 'major', 'dur', 'ma']);

/** Parses a key as written in metadata or by people; null when the text is not recognisably a key. */
export function parseKey(text: string): MusicalKey | null {
  const t = text.trim().replace(/♯/g, '#').replace(/♭/g, 'b');
  const camelot = /^0?(\d{1,2})\s*([ABab])$/.exec(t);
  if (camelot) {
    const n = Number(camelot[1]);
    if (n < 1 || n > 12) return null;
    return camelot[2].toUpperCase() === 'B' ? { tonic: CAMELOT_MAJOR_TONIC[n - 1], mode: 'major' } : { tonic: CAMELOT_MINOR_TONIC[n - 1], mode: 'minor' };
  }
  const openKey = /^(\d{1,2})\s*([dm])$/.exec(t);
  if (openKey) {
    const n = Number(openKey[1]);
    if (n < 1 || n > 12) return null;
    const cam = ((n + 6) % 12) + 1; // Open Key 1d = C major = Camelot 8B
    return openKey[2] === 'd' ? { tonic: CAMELOT_MAJOR_TONIC[cam - 1], mode: 'major' } : { tonic: CAMELOT_MINOR_TONIC[cam - 1], mode: 'minor' };
  }
  const m = /^([A-Ga-g])\s*(#|b|-?sharp|-?flat|is|es)?\s*(.*)$/.exec(t);
  if (!m) return null;
  const shift = m[2] ? (/^(#|-?sharp|is)$/i.test(m[2]) ? 1 : -1) : 0;
  const rest0 = m[3].trim().replace(/\.$/, '');
  const rest = rest0 === '-' ? rest0 : rest0.replace(/^[-_\s]+/, '');
  // A bare capital 'M' is the chord-symbol convention for major; everything else is case-insensitive.
  let mode: KeyMode;
  if (rest === 'M') mode = 'major';
  else if (MINOR_WORDS.has(rest.toLowerCase())) mode = 'minor';
  else if (MAJOR_WORDS.has(rest.toLowerCase())) mode = 'major';
  else return null;
  return { tonic: (LETTER_TONIC[m[1].toUpperCase()] + shift + 12) % 12, mode };
}

/** The canonical spelling of a key ('Bbm' → 'A# minor'), or null when not recognisable. */
export function normaliseKey(text: string): string | null {
  const key = parseKey(text);
  return key ? keyName(key.tonic, key.mode) : null;
}
