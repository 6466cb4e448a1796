// The sound categories the embedding network's training head predicts; order is baked into the shipped weights.

export const CATEGORIES = [
  'kick', 'snare', 'clap', 'hihat_closed', 'hihat_open', 'cymbal', 'tom', 'percussion',
  'bass', 'keys', 'organ', 'mallet', 'guitar', 'pluck', 'strings', 'brass', 'woodwind', 'lead', 'pad', 'vocal', 'fx',
] as const;

export type CategoryId = (typeof CATEGORIES)[number];

const INDEX = new Map<string, number>(CATEGORIES.map((c, i) => [c, i]));

/** Index of a category id in the head's output, or -1 for labels outside the taxonomy (e.g. 'loop', 'other'). */
export function categoryIndex(label: string): number {
  return INDEX.get(label) ?? -1;
}
