// The sub-tags each kNN reference carries, which vote on a labelled sound's kind (intelligence/sub-tag-vote.ts).
// Built-in references: from their file names only (the corpus's folder words would call every harpsichord in its
// 'piano' folder a piano). The library's references: the tags their name, metadata or the user gave them, when that
// source names the same category — never the model's or the descriptors' own tags, so no vote teaches itself.
import { basename } from 'node:path';
import type { LibraryDb } from '../store/index.js';
import type { Tag } from '../../shared/model/sample.js';
import type { MetadataLabels } from '../../shared/naming/metadata-labeller.js';
import { labelFromName } from '../../shared/naming/name-labeller.js';
import { subTagsOf } from '../../shared/taxonomy/categories.js';
import type { LibraryReference } from './library-references.js';

/** A synthesized reference is named `synth/<category>/<variant>-<seed hash>`; its variant may be a sub-tag. */
const SYNTH_NAME = /^synth\/[^/]+\/(.+)-[0-9a-f]+$/;

/** Sub-tags of a built-in reference (`<source>/<family>/<file>`, or a synthesized one) labelled `label`. */
export function builtinSubTags(name: string, label: string): string[] {
  const synth = SYNTH_NAME.exec(name);
  return synth ? synthVariantSubTags(synth[1], label) : fileNameSubTags(name, label);
}

/** A synthesized sound's variant ('808', 'harp', 'reese'…) as a sub-tag, when it is one of its category's. */
export function synthVariantSubTags(variant: string, label: string): string[] {
  return subTagsOf(label).includes(variant) ? [variant] : [];
}

/** The sub-tags a file's own name gives it (folders ignored), when the name reads as the same category. */
export function fileNameSubTags(path: string, label: string): string[] {
  const top = labelFromName(basename(path)).candidates[0];
  return top && top.category === label ? top.subTags : [];
}

/** What each source of a sample's tags says its category is (null: that source names none). */
interface TagSourceCategories {
  filename: string | null;
  metadata: string | null;
}

/**
 * The sub-tags among one reference's tags. A name's sub-tags count when the name names this category; the user's
 * and the metadata's only when they are this category's own sub-tags (those sources also tag genres and moods).
 */
function referenceSubTags(tags: readonly Tag[], category: string, named: TagSourceCategories): string[] {
  const own = subTagsOf(category);
  const out: string[] = [];
  for (const t of tags) {
    const fromName = t.source === 'filename' && named.filename === category;
    const ownWord = own.includes(t.name) && (t.source === 'user' || (t.source === 'metadata' && named.metadata === category));
    if (fromName || ownWord) out.push(t.name);
  }
  return out;
}

function metadataCategory(m: MetadataLabels | undefined): string | null {
  return m?.candidates[0]?.category ?? null;
}

/** Sub-tags of every library reference that has some. */
export function librarySubTags(db: LibraryDb, refs: readonly LibraryReference[], metadata: ReadonlyMap<number, MetadataLabels>): Map<number, string[]> {
  const category = new Map<number, string>();
  for (const r of refs) category.set(r.id, r.category); // Weakest first: the strongest source's category stands.
  const nameCategory = new Map(db.labels.all('filename').map((l) => [l.sampleId, l.category]));
  const tags = db.tags.forSamples([...category.keys()]);
  const out = new Map<number, string[]>();
  for (const [id, c] of category) {
    const sub = referenceSubTags(tags.get(id) ?? [], c, { filename: nameCategory.get(id) ?? null, metadata: metadataCategory(metadata.get(id)) });
    if (sub.length) out.set(id, sub);
  }
  return out;
}

/** Sub-tags of one sample as a reference labelled `category` (after a correction). */
export function sampleSubTags(db: LibraryDb, id: number, category: string, metadata: MetadataLabels | undefined): string[] {
  const name = db.labels.forSample(id).find((l) => l.source === 'filename');
  return referenceSubTags(db.tags.forSamples([id]).get(id) ?? [], category, { filename: name?.category ?? null, metadata: metadataCategory(metadata) });
}
