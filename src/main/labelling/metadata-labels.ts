// Reads every analysed sample's embedded metadata from the store and labels it (category candidates, genre and
// keyword tags). The classifier fuses the candidates with the acoustic vote; the tags are written here, source
// 'metadata', so a user's own tags and removals still win.
import type { LibraryDb } from '../store/index.js';
import type { EmbeddedMetadata } from '../../shared/model/audio.js';
import { labelFromMetadata, type MetadataLabels } from '../../shared/naming/metadata-labeller.js';

/** Metadata labels of every analysed sample whose file carries text metadata, by sample id. */
export function loadMetadataLabels(db: LibraryDb): Map<number, MetadataLabels> {
  const out = new Map<number, MetadataLabels>();
  // Most sample files carry no tags at all: skip them in SQL rather than parsing '{}' a hundred thousand times.
  const rows = db.db
    .prepare("SELECT id, path, metadata_json AS json FROM samples WHERE status = 'analysed' AND metadata_json IS NOT NULL AND metadata_json <> '{}'")
    .raw()
    .all() as Array<[number, string, string]>;
  for (const [id, path, json] of rows) {
    let meta: EmbeddedMetadata;
    try {
      meta = JSON.parse(json) as EmbeddedMetadata;
    } catch {
      continue; // A damaged row says nothing; the next analysis rewrites it.
    }
    const labels = labelFromMetadata(meta, { path });
    if (labels.candidates.length || labels.tags.length) out.set(id, labels);
  }
  return out;
}

/** Replaces the 'metadata' tags of every sample that has or had some; returns how many samples carry them now. */
export function writeMetadataTags(db: LibraryDb, labels: ReadonlyMap<number, MetadataLabels>): number {
  const had = db.db.prepare("SELECT DISTINCT sample_id FROM sample_tags WHERE source = 'metadata'").pluck().all() as number[];
  let tagged = 0;
  db.transaction(() => {
    for (const id of new Set([...had, ...labels.keys()])) {
      const tags = labels.get(id)?.tags ?? [];
      db.tags.replaceSource(id, 'metadata', tags);
      if (tags.length) tagged++;
    }
  });
  return tagged;
}
