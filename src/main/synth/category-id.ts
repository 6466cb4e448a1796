// The categories the synthesizer can render: the shared taxonomy minus 'unknown' (nothing is synthesized as unknown).
import type { CategoryId as TaxonomyCategoryId } from '../../shared/taxonomy/categories.js';

export type CategoryId = Exclude<TaxonomyCategoryId, 'unknown'>;

export const SYNTH_CATEGORIES: readonly CategoryId[] = [
  'kick', 'snare', 'clap', 'hihat_closed', 'hihat_open', 'cymbal', 'tom', 'percussion',
  'bass', 'keys', 'organ', 'mallet', 'guitar', 'pluck', 'strings', 'brass', 'woodwind', 'lead', 'pad', 'vocal', 'fx',
];

export const DRUM_SYNTH_CATEGORIES: readonly CategoryId[] = ['kick', 'snare', 'clap', 'hihat_closed', 'hihat_open', 'cymbal', 'tom', 'percussion'];
