// The sound taxonomy: stable category ids every labeller, classifier and UI agrees on. Ids never change once shipped.

export type CategoryGroup = 'drums' | 'tonal' | 'other';

export const CATEGORY_IDS = [
  'kick', 'snare', 'clap', 'hihat_closed', 'hihat_open', 'cymbal', 'tom', 'percussion',
  'bass', 'keys', 'organ', 'mallet', 'guitar', 'pluck', 'strings', 'brass', 'woodwind', 'lead', 'pad', 'vocal',
  'fx',
  'unknown',
] as const;

export type CategoryId = (typeof CATEGORY_IDS)[number];

export interface Category {
  id: CategoryId;
  name: string;
  group: CategoryGroup;
  /** Finer tags a sound in this category may carry, e.g. cymbal → crash, ride. */
  subTags: readonly string[];
  /** General MIDI drum note used when exporting a kit (drums only). */
  gmNote?: number;
  /** Extra GM notes for categories that span several pads (toms low/mid/high). */
  gmNotes?: readonly number[];
}

export const CATEGORIES: readonly Category[] = [
  { id: 'kick', name: 'Kick', group: 'drums', subTags: ['acoustic', 'electronic', '808', '909', 'sub'], gmNote: 36 },
  { id: 'snare', name: 'Snare', group: 'drums', subTags: ['acoustic', 'electronic', 'rimshot', 'brush', '808', '909'], gmNote: 38 },
  { id: 'clap', name: 'Clap', group: 'drums', subTags: ['snap'], gmNote: 39 },
  { id: 'hihat_closed', name: 'Closed Hi-hat', group: 'drums', subTags: ['pedal'], gmNote: 42 },
  { id: 'hihat_open', name: 'Open Hi-hat', group: 'drums', subTags: [], gmNote: 46 },
  { id: 'cymbal', name: 'Cymbal', group: 'drums', subTags: ['crash', 'ride', 'splash', 'china', 'bell'], gmNote: 49 },
  { id: 'tom', name: 'Tom', group: 'drums', subTags: ['low', 'mid', 'high', 'floor'], gmNote: 45, gmNotes: [45, 47, 50] },
  {
    id: 'percussion', name: 'Percussion', group: 'drums', gmNote: 56,
    subTags: ['shaker', 'tambourine', 'cowbell', 'conga', 'bongo', 'rim', 'clave', 'woodblock', 'triangle', 'cabasa', 'guiro', 'agogo', 'timbale', 'djembe', 'tabla', 'darbuka', 'maracas', 'snap'],
  },
  { id: 'bass', name: 'Bass', group: 'tonal', subTags: ['sub', '808', 'synth', 'electric', 'acoustic', 'reese'] },
  { id: 'keys', name: 'Keys', group: 'tonal', subTags: ['piano', 'e-piano', 'harpsichord', 'clavinet'] },
  { id: 'organ', name: 'Organ', group: 'tonal', subTags: [] },
  { id: 'mallet', name: 'Mallet', group: 'tonal', subTags: ['marimba', 'vibraphone', 'xylophone', 'glockenspiel', 'bells', 'kalimba'] },
  { id: 'guitar', name: 'Guitar', group: 'tonal', subTags: ['acoustic', 'electric', 'nylon'] },
  { id: 'pluck', name: 'Pluck', group: 'tonal', subTags: ['harp', 'pizzicato'] },
  { id: 'strings', name: 'Strings', group: 'tonal', subTags: ['violin', 'viola', 'cello', 'contrabass', 'ensemble'] },
  { id: 'brass', name: 'Brass', group: 'tonal', subTags: ['trumpet', 'trombone', 'horn', 'tuba'] },
  { id: 'woodwind', name: 'Woodwind', group: 'tonal', subTags: ['flute', 'sax', 'clarinet', 'oboe', 'bassoon'] },
  { id: 'lead', name: 'Lead', group: 'tonal', subTags: [] },
  { id: 'pad', name: 'Pad', group: 'tonal', subTags: [] },
  { id: 'vocal', name: 'Vocal', group: 'tonal', subTags: ['chop', 'phrase', 'acapella', 'choir', 'spoken'] },
  { id: 'fx', name: 'FX', group: 'other', subTags: ['riser', 'downlifter', 'impact', 'sweep', 'noise', 'ambience', 'foley', 'glitch', 'transition'] },
  { id: 'unknown', name: 'Unknown', group: 'other', subTags: [] },
];

export const DRUM_CATEGORIES: readonly CategoryId[] = ['kick', 'snare', 'clap', 'hihat_closed', 'hihat_open', 'cymbal', 'tom', 'percussion'];

const BY_ID = new Map<string, Category>(CATEGORIES.map((c) => [c.id, c]));

export function isCategoryId(value: string): value is CategoryId {
  return BY_ID.has(value);
}

export function categoryById(id: CategoryId): Category {
  const c = BY_ID.get(id);
  if (!c) throw new Error(`unknown category id '${id}'`);
  return c;
}

/** A category's own sub-tags (none for an id outside the taxonomy, such as a stale label). */
export function subTagsOf(category: string): readonly string[] {
  return BY_ID.get(category)?.subTags ?? [];
}

/** The category a sub-tag belongs to (first match), e.g. 'crash' → cymbal. */
export function categoryOfSubTag(subTag: string): CategoryId | null {
  for (const c of CATEGORIES) if (c.subTags.includes(subTag)) return c.id;
  return null;
}
