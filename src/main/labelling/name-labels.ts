// Labels samples from their file and folder names the moment they are indexed, so a fresh library already shows
// categories and sub-tags before any audio is analysed. Stored with source 'filename': a user label still wins.
import type { LibraryDb } from '../store/index.js';
import { labelFromName } from '../../shared/naming/name-labeller.js';

export interface NamedSample {
  id: number;
  path: string;
  rootPath: string;
}

export function applyNameLabels(db: LibraryDb, samples: readonly NamedSample[]): number {
  let labelled = 0;
  db.transaction(() => {
    for (const s of samples) {
      const names = labelFromName(s.path, { root: s.rootPath });
      const top = names.candidates[0];
      if (top) {
        db.labels.set(s.id, top.category, 'filename', top.confidence, { tokens: top.evidence, alternatives: names.candidates.slice(1, 3).map((c) => ({ category: c.category, confidence: c.confidence })) });
        labelled++;
      } else {
        db.labels.clear(s.id, 'filename');
      }
      db.tags.replaceSource(s.id, 'filename', top ? top.subTags.map((name) => ({ name, confidence: top.confidence })) : []);
    }
  });
  return labelled;
}
