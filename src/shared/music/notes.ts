// MIDI ↔ frequency ↔ note name conversions (scientific pitch notation, C4 = MIDI 60, A4 = 440 Hz).

export const PITCH_CLASS_NAMES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'] as const;

export function hzToMidi(hz: number, a4 = 440): number {
  return 69 + 12 * Math.log2(hz / a4);
}

export function midiToHz(midi: number, a4 = 440): number {
  return a4 * Math.pow(2, (midi - 69) / 12);
}

/** Name of an integer MIDI note, e.g. 69 → 'A4', 61 → 'C#4'. */
export function midiToNoteName(midi: number): string {
  const m = Math.round(midi);
  return `${PITCH_CLASS_NAMES[((m % 12) + 12) % 12]}${Math.floor(m / 12) - 1}`;
}

/** Nearest note and the deviation from it in cents (−50..50). */
export function hzToNote(hz: number, a4 = 440): { midi: number; note: string; cents: number } {
  const exact = hzToMidi(hz, a4);
  const midi = Math.round(exact);
  return { midi, note: midiToNoteName(midi), cents: Math.round((exact - midi) * 1000) / 10 };
}

/** Parses 'C#4', 'Db3', 'a-1' into a MIDI number; null when not a note name. */
export function noteNameToMidi(name: string): number | null {
  const m = /^([A-Ga-g])([#b♯♭]?)(-?\d+)$/.exec(name.trim());
  if (!m) return null;
  const base = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 }[m[1].toUpperCase() as 'C'];
  const acc = m[2] === '#' || m[2] === '♯' ? 1 : m[2] === 'b' || m[2] === '♭' ? -1 : 0;
  return (Number(m[3]) + 1) * 12 + base + acc;
}
