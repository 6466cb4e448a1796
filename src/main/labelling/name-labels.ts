// Labels samples from their file and folder names the moment they are indexed, so a fresh library already shows
// categories and sub-tags before any audio is analysed. Stored with source 'filename': a user label still wins.
import type { LibraryDb } from '../store/index.js';
import { labelFromName } from '../../shared/naming/name-labeller.js';
import { NAME_LABELLER_VERSION } from '../../shared/naming/labeller-version.js';
import { nextTurn } from '../core/next-turn.js';

/** The labeller version that wrote this library's name labels. */
export const NAME_LABELLER_SETTING = 'labelling.nameLabellerVersion';
const REFRESH_PAGE = 1000;

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

/** Whether the library's name labels came from another labeller version than this one (one settings read). */
export function nameLabelsStale(db: LibraryDb): boolean {
  return db.settings.get<string>(NAME_LABELLER_SETTING) !== NAME_LABELLER_VERSION;
}

/**
 * Re-reads every sample's name (missing ones too) when the library's name labels came from another labeller version,
 * then records this one; otherwise does nothing. Stopped early, it leaves the version unrecorded and starts over
 * next time. Returns how many samples were relabelled.
 */
export async function refreshNameLabels(db: LibraryDb, opts: { signal?: AbortSignal } = {}): Promise<number> {
  if (!nameLabelsStale(db)) return 0;
  let relabelled = 0;
  for (const status of [undefined, 'missing'] as const) {
    for (let offset = 0; ; offset += REFRESH_PAGE) {
      if (opts.signal?.aborted) return relabelled;
      const page = db.samples.list({ status, orderBy: 'id', limit: REFRESH_PAGE, offset });
      if (!page.length) break;
      applyNameLabels(db, page.map((s) => ({ id: s.id, path: s.path, rootPath: s.root })));
      relabelled += page.length;
      // A 100k library takes seconds: the UI and server answer in between.
      await nextTurn();
    }
  }
  db.settings.set(NAME_LABELLER_SETTING, NAME_LABELLER_VERSION);
  return relabelled;
}
