// Realistic sample names: 'Kick 808 Long 03', 'Drum Loop House 124bpm', 'Bass Reese C#2 02'.
import type { CategoryId } from './category-id.js';
import { NOTE_NAMES } from './music.js';

export const CATEGORY_WORD: Record<CategoryId, string> = {
  kick: 'Kick', snare: 'Snare', clap: 'Clap', hihat_closed: 'Hat', hihat_open: 'Open Hat', cymbal: 'Cymbal', tom: 'Tom',
  percussion: 'Perc', bass: 'Bass', keys: 'Keys', organ: 'Organ', mallet: 'Mallet', guitar: 'Guitar', pluck: 'Pluck',
  strings: 'Strings', brass: 'Brass', woodwind: 'Woodwind', lead: 'Lead', pad: 'Pad', vocal: 'Vox', fx: 'FX',
};

export function noteName(midi: number): string {
  return `${NOTE_NAMES[((midi % 12) + 12) % 12]}${Math.floor(midi / 12) - 1}`;
}

const TONAL_NAMES = new Set<CategoryId>(['bass', 'keys', 'organ', 'mallet', 'guitar', 'pluck', 'strings', 'brass', 'woodwind', 'lead', 'pad', 'vocal']);

export function soundName(category: CategoryId, label: string, serial: number, o: { midi?: number; bpm?: number; key?: string; loop: boolean }): string {
  const word = CATEGORY_WORD[category];
  // Avoid 'Kick Kick' when the label already names the instrument.
  const head = label.toLowerCase().includes(word.toLowerCase()) || label.toLowerCase().includes('loop') ? label : `${word} ${label}`;
  const num = String(serial % 100).padStart(2, '0');
  if (o.loop) return `${head}${o.key ? ` ${o.key}` : ''} ${o.bpm}bpm ${num}`;
  if (o.midi !== undefined && TONAL_NAMES.has(category)) return `${head} ${noteName(o.midi)} ${num}`;
  return `${head} ${num}`;
}
