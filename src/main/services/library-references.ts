// Which of the library's own sounds teach the kNN vote, and as what: decisive embedded metadata, decisive file
// names, and the user's labels. The labelling pass and the quality report both read them here, so the report
// cross-validates the same references the app labels with.
import type { LibraryDb } from '../store/index.js';
import type { ReferenceSource } from '../intelligence/knn-classifier.js';
import type { MetadataLabels } from '../../shared/naming/metadata-labeller.js';
import { isCategoryId } from '../../shared/taxonomy/categories.js';

/** A file-name or metadata label at least this sure teaches the classifier as a reference. */
export const FILENAME_REFERENCE_CONFIDENCE = 0.8;

export interface LibraryReference {
  id: number;
  category: string;
  source: ReferenceSource;
}

function decisive(category: string, confidence: number): boolean {
  return confidence >= FILENAME_REFERENCE_CONFIDENCE && isCategoryId(category) && category !== 'unknown';
}

/** The metadata's category when it is sure enough to teach the classifier, like a decisive file name. */
export function decisiveMetadata(m: MetadataLabels | undefined): string | null {
  const top = m?.candidates[0];
  return top && decisive(top.category, top.confidence) ? top.category : null;
}

/** The sample's file-name category when it is sure enough to teach the classifier. */
export function decisiveFilename(db: LibraryDb, id: number): string | null {
  const fn = db.labels.forSample(id).find((l) => l.source === 'filename');
  return fn && decisive(fn.category, fn.confidence) ? fn.category : null;
}

/**
 * Every reference the library holds, weakest first — decisive metadata, then decisive file names, then the user's
 * labels — so a caller that sets them in order ends with the strongest one per sound.
 */
export function libraryReferences(db: LibraryDb, metadata: ReadonlyMap<number, MetadataLabels>): LibraryReference[] {
  const out: LibraryReference[] = [];
  for (const [id, m] of metadata) {
    const category = decisiveMetadata(m);
    if (category) out.push({ id, category, source: 'metadata' });
  }
  for (const l of db.labels.all('filename')) if (decisive(l.category, l.confidence)) out.push({ id: l.sampleId, category: l.category, source: 'filename' });
  for (const l of db.labels.all('user')) if (l.category !== 'unknown') out.push({ id: l.sampleId, category: l.category, source: 'user' });
  return out;
}
