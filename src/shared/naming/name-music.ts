// Reads tempo, key and root note out of a file name ("Loop_128bpm_Am", "Bass C#maj 90 BPM", "Pluck_C3").
import { foldText } from './name-tokens.js';

export interface NameValue<T> {
  value: T;
  confidence: number;
  /** The text the value was read from. */
  evidence: string;
}

const SEP = String.raw`(?:^|$|[\s_\-.,()\[\]{}+&|])`;
const MIN_BPM = 40;
const MAX_BPM = 300;

function plausibleBpm(n: number): boolean {
  return n >= MIN_BPM && n <= MAX_BPM;
}

/**
 * Tempo: explicit ("128bpm", "128 BPM", "bpm128", "128-bpm", "92.5bpm") is trusted; a bare number between
 * separators ("_128_") only counts when the name otherwise looks like a loop, and only within 60–200.
 */
export function parseBpm(name: string, looksLikeLoop: boolean): NameValue<number> | null {
  const s = foldText(name);
  const explicit = /(\d{2,3}(?:[.,]\d{1,2})?)\s*[-_]?\s*bpm(?![a-z])/.exec(s) ?? /(?<![a-z])bpm\s*[-_:]?\s*(\d{2,3}(?:[.,]\d{1,2})?)/.exec(s);
  if (explicit) {
    const n = Number(explicit[1].replace(',', '.'));
    if (plausibleBpm(n)) return { value: n, confidence: 0.95, evidence: explicit[0].trim() };
  }
  if (!looksLikeLoop) return null;
  const bare = new RegExp(`${SEP}(\\d{2,3})${SEP}`, 'g');
  const found: { n: number; text: string }[] = [];
  for (let m = bare.exec(s); m; m = bare.exec(s)) {
    const n = Number(m[1]);
    if (n >= 60 && n <= 200 && m[1][0] !== '0') found.push({ n, text: m[1] });
    bare.lastIndex = m.index + m[0].length - 1;
  }
  // Two candidate numbers ("Kit 2 Loop 120 140") are a guess either way; 808 is a drum machine, not a tempo.
  const usable = found.filter((f) => f.n !== 808);
  if (usable.length === 0) return null;
  return { value: usable[0].n, confidence: usable.length === 1 ? 0.7 : 0.45, evidence: usable[0].text };
}

const KEY_RE = new RegExp(
  String.raw`(?:^|[\s_\-.,()\[\]{}+&|]|\d)([A-Ga-g])(#|♯|b|♭|sharp|flat)?[\s_-]*([Mm]ajor|[Mm]inor|[Mm]aj|[Mm]in|[Dd]ur|[Mm]oll|mi|m)?(?=$|[\s_\-.,()\[\]{}+&|]|\d)`,
  'g',
);
const NOTE_RE = new RegExp(String.raw`(?:^|[\s_\-.,()\[\]{}+&|])([A-Ga-g])(#|♯|b|♭)?(-?[0-8])(?=$|[\s_\-.,()\[\]{}+&|])`, 'g');

function accidental(a: string | undefined): '' | '#' | 'b' {
  if (!a) return '';
  if (a === '#' || a === '♯' || a === 'sharp') return '#';
  return 'b';
}

/**
 * Key, normalised like "A minor" / "F# major". Requires a mode marker ("Am", "A min", "C#maj", "F#m"), or a lone
 * upper-case letter when the caller says the name is a musical loop, since "Kick A" is usually a variation letter.
 */
export function parseKey(name: string, musicalContext: boolean): NameValue<string> | null {
  let best: NameValue<string> | null = null;
  for (const m of name.matchAll(KEY_RE)) {
    const [, letter, acc, mode] = m;
    const hasMode = mode !== undefined;
    // Lowercase letter with no mode is an ordinary word fragment; "b"/"Bb" needs care: "Bb" = B flat.
    if (!hasMode && (letter === letter.toLowerCase() || !musicalContext)) continue;
    if (!hasMode && acc === undefined && !musicalContext) continue;
    // "C3" is a note, not a key; "am"/"dm" in lower case are words or abbreviations.
    if (!hasMode && /\d/.test(name[(m.index ?? 0) + m[0].length] ?? '')) continue;
    if (hasMode && letter === letter.toLowerCase() && mode.length <= 2) continue;
    const minor = mode !== undefined && /^(m|mi|min|minor|moll)$/i.test(mode);
    const root = letter.toUpperCase() + accidental(acc);
    const text = m[0].replace(/^[\s_\-.,()\[\]{}+&|\d]/, '');
    const confidence = hasMode ? (mode.length >= 3 ? 0.9 : 0.8) : 0.5;
    if (!best || confidence > best.confidence) best = { value: `${root} ${minor ? 'minor' : 'major'}`, confidence, evidence: text };
  }
  return best;
}

const PITCH_CLASS: Record<string, number> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };

/** Root note like "C3" → { note: 'C3', midi: 48 } using the C4 = 60 convention most samplers use. */
export function parseNote(name: string): NameValue<{ note: string; midi: number }> | null {
  for (const m of name.matchAll(NOTE_RE)) {
    const [, letter, acc, octave] = m;
    if (letter === letter.toLowerCase() && acc === undefined) continue;
    const up = letter.toUpperCase();
    const a = accidental(acc);
    const midi = (Number(octave) + 1) * 12 + PITCH_CLASS[up] + (a === '#' ? 1 : a === 'b' ? -1 : 0);
    if (midi < 0 || midi > 127) continue;
    return { value: { note: `${up}${a}${octave}`, midi }, confidence: 0.75, evidence: m[0].replace(/^[\s_\-.,()\[\]{}+&|]/, '') };
  }
  return null;
}
