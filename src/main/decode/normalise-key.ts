// Musical keys arrive as 'Am', 'A min', 'Amin', 'F#', 'Bbm', Camelot '8A' or Open Key '1m'; the library stores one
// spelling ('A minor', 'F# major') so filters and sorting treat them as the same key.

/** Camelot wheel position n (1..12) → major key of nB; the minor nA is its relative minor. */
const CAMELOT_MAJOR = ['B', 'F#', 'Db', 'Ab', 'Eb', 'Bb', 'F', 'C', 'G', 'D', 'A', 'E'];
const CAMELOT_MINOR = ['G#', 'D#', 'Bb', 'F', 'C', 'G', 'D', 'A', 'E', 'B', 'F#', 'C#'];

const MINOR_WORDS = new Set(['m', 'min', 'minor', 'moll', 'mi', '-']);
const MAJOR_WORDS = new Set(['', 'maj', 'major', 'dur', 'ma']);

/** Returns 'A minor' / 'F# major' style, or null when the text is not a recognisable key. */
export function normaliseKey(text: string): string | null {
  const t = text.trim().replace(/♯/g, '#').replace(/♭/g, 'b');
  const camelot = /^0?(\d{1,2})\s*([ABab])$/.exec(t);
  if (camelot) {
    const n = Number(camelot[1]);
    if (n < 1 || n > 12) return null;
    return camelot[2]!.toUpperCase() === 'B' ? `${CAMELOT_MAJOR[n - 1]} major` : `${CAMELOT_MINOR[n - 1]} minor`;
  }
  const openKey = /^(\d{1,2})\s*([dm])$/.exec(t);
  if (openKey) {
    const n = Number(openKey[1]);
    if (n < 1 || n > 12) return null;
    const cam = ((n + 6) % 12) + 1; // Open Key 1d = C major = Camelot 8B
    return openKey[2] === 'd' ? `${CAMELOT_MAJOR[cam - 1]} major` : `${CAMELOT_MINOR[cam - 1]} minor`;
  }
  const m = /^([A-Ga-g])\s*(#|b|-?sharp|-?flat|is|es)?\s*(.*)$/.exec(t);
  if (!m) return null;
  const acc = m[2] ? (/^(#|-?sharp|is)$/i.test(m[2]) ? '#' : 'b') : '';
  const rest0 = m[3]!.trim().replace(/\.$/, '');
  const rest = rest0 === '-' ? rest0 : rest0.replace(/^[-_\s]+/, '');
  // A bare capital 'M' is the chord-symbol convention for major; everything else is case-insensitive.
  let mode: 'major' | 'minor';
  if (rest === 'M') mode = 'major';
  else if (MINOR_WORDS.has(rest.toLowerCase())) mode = 'minor';
  else if (MAJOR_WORDS.has(rest.toLowerCase())) mode = 'major';
  else return null;
  return `${m[1]!.toUpperCase()}${acc} ${mode}`;
}
