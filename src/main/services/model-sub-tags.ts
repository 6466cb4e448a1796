// Which of the sound model's voted sub-tags a sample gets as tags (source 'model'): only where the model's category
// is the one shown, and only where the file's name, metadata or the user has not already said which kind it is.
import type { Tag } from '../../shared/model/sample.js';
import { subTagsOf } from '../../shared/taxonomy/categories.js';

/**
 * A voted sub-tag becomes a tag only this sure (its share of the informed vote × the category's confidence). On the
 * development corpus's held-out sources, 0.7 kept 354 of MuseScore's 369 right sub-tags at 99% precision and dropped
 * 10 of Sonic Pi's 11 wrong ones (real recordings the references do not resemble: tabla strokes called conga or
 * cowbell, a splash called crash). Less sure ones stay in the label's evidence, shown as the model's reasoning.
 */
export const MIN_MODEL_SUB_TAG_CONFIDENCE = 0.7;

export interface VotedSubTags {
  category: string;
  subTags: ReadonlyArray<{ name: string; confidence: number }>;
}

/**
 * @param shown the category the sample shows (its strongest label; the model's own when nothing outranks it)
 * @param tags the sample's current tags, any source
 */
export function modelSubTagsToWrite(p: VotedSubTags, shown: string | undefined, tags: readonly Tag[]): Array<{ name: string; confidence: number }> {
  if (!p.subTags.length || p.category === 'unknown' || (shown !== undefined && shown !== p.category)) return [];
  const own = subTagsOf(p.category);
  // A name's sub-tags are its own reading of the kind; the user's and the metadata's count where they are this kind's.
  const toldAlready = tags.some((t) => t.source === 'filename' || ((t.source === 'user' || t.source === 'metadata') && own.includes(t.name)));
  return toldAlready ? [] : p.subTags.filter((t) => t.confidence >= MIN_MODEL_SUB_TAG_CONFIDENCE).map((t) => ({ name: t.name, confidence: t.confidence }));
}
