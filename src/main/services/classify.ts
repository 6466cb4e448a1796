// Labels every analysed sound by kNN over the library's own vectors: the user's labels vote first, then decisive
// file names and embedded metadata, then the built-in reference set; a sound that vote calls an instrument is voted
// again with descriptors joined (tonal-revote.ts). Writes 'model' labels whose evidence is the
// voting neighbours, 'metadata' labels where the file's own tags outweigh the acoustic vote, and 'descriptor'
// character tags. A correction updates the references in place and re-labels only the sounds it can
// affect, so it shows on the next prediction without retraining anything.
import type { LibraryDb } from '../store/index.js';
import { nextTurn } from '../core/next-turn.js';
import { KnnClassifier, type Prediction, type ReferenceSource } from '../intelligence/knn-classifier.js';
import type { ReferenceSet } from '../intelligence/reference-set-file.js';
import { CATEGORY_IDS, isCategoryId } from '../../shared/taxonomy/categories.js';
import { characterTags } from '../../shared/taxonomy/character-tags.js';
import { TopK, sqDist } from '../intelligence/vector-math.js';
import { builtinReferencesIn, chooseVoteSpace, type SpaceOptions } from './vote-space.js';
import type { MetadataLabels } from '../../shared/naming/metadata-labeller.js';
import { loadMetadataLabels, writeMetadataTags } from '../labelling/metadata-labels.js';
import { fuseMetadata, type Opinion } from '../labelling/fuse-evidence.js';
import { TonalRevote, isTonalCategory } from './tonal-revote.js';
import { decisiveFilename, decisiveMetadata, libraryReferences } from './library-references.js';
import { voteSubTags } from '../intelligence/sub-tag-vote.js';
import { builtinSubTags, librarySubTags, sampleSubTags } from './reference-sub-tags.js';
import { modelSubTagsToWrite } from './model-sub-tags.js';

export type { VectorChoice } from './vote-space.js';

/** Model labels written per transaction in a whole-library pass (~0.1 ms each with their evidence). */
const WRITE_SLICE = 1000;
const SETTING_TAGS_AT = 'intelligence.descriptorTagsAt';

/** The vote space options (vectors, embedder, signal) come from vote-space.ts, shared with the quality report. */
export interface ClassifyOptions extends SpaceOptions {
  /** Neighbours that vote (default 9). */
  k?: number;
  /** Built-in reference sets; default: the reference-set*.bin files beside the model, those that fit. null = none. */
  builtin?: ReferenceSet | readonly ReferenceSet[] | null;
  /** Write character tags for samples analysed since the last run (default true). */
  characterTags?: boolean;
  /** Vote again, with descriptors joined, for sounds the embedding calls tonal (default true; tonal-revote.ts). */
  tonalRevote?: boolean;
  /** The labelling loop gives the event loop a turn after this many ms of work (default 10). */
  yieldEveryMs?: number;
  /** Called after each sound is voted: how many of how many, and which. */
  onProgress?: (done: number, total: number, sampleId: number) => void;
}

export interface ClassifyReport {
  /** The space the neighbours were found in. */
  vectors: 'descriptors' | 'embedding';
  classified: number;
  /** Sounds called tonal and voted again in the embedding joined with descriptors; `changed`: where that vote won. */
  tonalRevote: { voted: number; changed: number };
  unknown: number;
  references: Record<ReferenceSource, number>;
  byCategory: Record<string, number>;
  characterTagged: number;
  /** Samples whose embedded metadata decided their label ('metadata' labels written). */
  metadataLabelled: number;
  /** Samples carrying genre/keyword tags from their metadata. */
  metadataTagged: number;
  seconds: number;
}

export interface NeighbourEvidence {
  id: number | null;
  /** Library path, or the reference's id for built-in references. */
  path: string;
  label: string;
  source: ReferenceSource;
  distance: number;
}

/** Where the voting neighbours were found (their distances are in that space). */
export type VoteSpace = 'descriptors' | 'embedding' | 'embedding+descriptors';

export interface LabelPrediction {
  category: string;
  space: VoteSpace;
  /** When the joined space voted again: what the embedding alone said. */
  firstVote?: string;
  confidence: number;
  scores: Record<string, number>;
  neighbours: NeighbourEvidence[];
  rejected?: string;
  /** Sub-tags (ride, conga, e-piano…) voted by the neighbours of the winning category; confidence = share × confidence. */
  subTags: Array<{ name: string; confidence: number }>;
}

interface State {
  kind: 'descriptors' | 'embedding';
  ids: ArrayLike<number>;
  row: Map<number, number>;
  dim: number;
  /** The space the classifier votes in: aspect-weighted standardised descriptors, or learned embeddings. */
  space: Float32Array;
  knn: KnnClassifier;
  /** The second vote for sounds called tonal (embedding space only). */
  tonal: TonalRevote | null;
  builtinNames: string[];
  /** Reference id → the sub-tags it votes for (reference-sub-tags.ts); references without any are absent. */
  subTags: Map<number, readonly string[]>;
  /** Reference id → samples it voted for last time (who to re-label when it changes). */
  votedFor: Map<number, Set<number>>;
  /** Metadata labels of samples whose files carry text tags, read once per build. */
  metadata: Map<number, MetadataLabels>;
  /** Analysed samples when built: a different count means analysis ran since. */
  analysed: number;
  /** Whole-library passes running on this state: each collects the samples a correction re-labelled meanwhile. */
  passes: Set<Set<number>>;
  opts: ClassifyOptions;
}

const states = new WeakMap<LibraryDb, State>();


async function buildState(db: LibraryDb, opts: ClassifyOptions): Promise<State> {
  const analysed = db.samples.count({ status: 'analysed' });
  const sp = await chooseVoteSpace(db, opts);
  // Each step below takes up to ~0.5 s at 100k sounds; the server answers in between.
  await nextTurn();
  const knn = new KnnClassifier(Math.max(1, sp.dim), { k: opts.k ?? 9 });
  const builtin = await builtinReferencesIn(sp, opts.builtin);
  const subTags = new Map<number, readonly string[]>();
  builtin.each((id, label, vector) => {
    knn.setReference(id, label, 'builtin', vector);
    const tags = builtinSubTags(builtin.names[-id - 1] ?? '', label);
    if (tags.length) subTags.set(id, tags);
  });
  await nextTurn();
  const k = opts.k ?? 9;
  const tonal = sp.embedding && sp.ids.length && opts.tonalRevote !== false ? TonalRevote.build(db, sp.embedding, builtin.forRevote, k) : null;
  const state: State = { kind: sp.kind, ids: sp.ids, row: sp.row, dim: sp.dim, space: sp.data, knn, tonal, builtinNames: builtin.names, subTags, votedFor: new Map(), metadata: loadMetadataLabels(db), analysed, passes: new Set(), opts };
  // Weakest first: a decisive file name replaces metadata where they disagree, and setReference never lets a
  // weaker source replace the user's.
  const references = libraryReferences(db, state.metadata);
  for (const r of references) addRef(state, r.id, r.category, r.source);
  for (const [id, tags] of librarySubTags(db, references, state.metadata)) subTags.set(id, tags);
  // No turn from reading the user's labels until the state is published: a correction in between would be lost.
  knn.calibrate();
  tonal?.knn.prepare();
  states.set(db, state);
  return state;
}

function addRef(s: State, id: number, label: string, source: ReferenceSource): void {
  const r = s.row.get(id);
  if (r === undefined) return;
  s.knn.setReference(id, label, source, s.space.subarray(r * s.dim, (r + 1) * s.dim));
  s.tonal?.setReference(id, label, source);
}

function referenceCounts(s: State): Record<ReferenceSource, number> {
  const out: Record<ReferenceSource, number> = { user: 0, filename: 0, metadata: 0, builtin: 0 };
  for (const id of Array.from(s.ids)) {
    const r = s.knn.reference(id);
    if (r) out[r.source]++;
  }
  out.builtin = s.builtinNames.length;
  return out;
}

function explain(db: LibraryDb, s: State, p: Prediction, space: VoteSpace): LabelPrediction {
  const neighbours = p.neighbours.map((n) => ({
    id: n.id >= 0 ? n.id : null,
    path: n.id >= 0 ? (db.samples.get(n.id)?.path ?? `#${n.id}`) : `builtin:${s.builtinNames[-n.id - 1] ?? n.id}`,
    label: n.label,
    source: n.source,
    distance: Math.round(n.distance * 1000) / 1000,
  }));
  const confidence = Math.max(0, Math.min(1, p.confidence));
  const subTags = p.label === 'unknown' ? [] : voteSubTags(p.neighbours, p.label, (ref) => s.subTags.get(ref)).map((v) => ({ name: v.name, confidence: Math.round(v.share * confidence * 1000) / 1000 }));
  return { category: p.label, space, confidence, scores: p.scores, neighbours, subTags, ...(p.rejected ? { rejected: p.rejected } : {}) };
}

function predictRow(db: LibraryDb, s: State, id: number): LabelPrediction | null {
  const r = s.row.get(id);
  if (r === undefined) return null;
  const first = s.knn.predict(s.space.subarray(r * s.dim, (r + 1) * s.dim), { exclude: id });
  const second = s.tonal && isTonalCategory(first.label) ? s.tonal.revote(id) : null;
  // Both votes shaped the answer, so a change to any of their voters re-labels this sound.
  for (const n of [...first.neighbours, ...(second?.neighbours ?? [])]) {
    let set = s.votedFor.get(n.id);
    if (!set) s.votedFor.set(n.id, (set = new Set()));
    set.add(id);
  }
  return second ? { ...explain(db, s, second, 'embedding+descriptors'), firstVote: first.label } : explain(db, s, first, s.kind);
}

/** A label as the store writes it. */
interface LabelRow {
  sampleId: number;
  category: string;
  confidence: number;
  evidence: unknown;
}

function modelLabelRow(sampleId: number, p: LabelPrediction): LabelRow {
  return { sampleId, category: p.category, confidence: p.confidence, evidence: evidenceOf(p) };
}

/** The model's sub-tags of a slice of sounds, where the label shown and the tags they have leave room for them. */
function writeModelSubTags(db: LibraryDb, ids: readonly number[], predicted: ReadonlyMap<number, LabelPrediction>): void {
  const shown = db.labels.categories(ids);
  const tags = db.tags.forSamples(ids);
  db.transaction(() => {
    for (const id of ids) db.tags.replaceSource(id, 'model', modelSubTagsToWrite(predicted.get(id)!, shown.get(id)?.name, tags.get(id) ?? []));
  });
}

function evidenceOf(p: LabelPrediction): unknown {
  return { method: 'knn', vector: p.space, neighbours: p.neighbours, scores: p.scores, ...(p.subTags.length ? { subTags: p.subTags } : {}), ...(p.firstVote ? { firstVote: p.firstVote } : {}), ...(p.rejected ? { rejected: p.rejected } : {}) };
}

function writeModelLabel(db: LibraryDb, s: State, id: number, p: LabelPrediction): void {
  db.labels.set(id, p.category, 'model', p.confidence, evidenceOf(p));
  // The acoustic vote changed, so the metadata's verdict may have too.
  if (s.metadata.has(id)) {
    const fn = db.labels.forSample(id).find((l) => l.source === 'filename');
    const m = metadataLabel(s, id, p, fn ?? null);
    if (m) db.labels.set(id, m.category, 'metadata', m.confidence, m.evidence);
    else db.labels.clear(id, 'metadata');
  }
  // After the metadata's verdict: the sub-tags follow the category the sound now shows.
  writeModelSubTags(db, [id], new Map([[id, p]]));
}

/**
 * The 'metadata' label for one sample, or null when its metadata names nothing or is outweighed: fused with the
 * acoustic vote (`p`, which never counts the sample itself) and a non-decisive file name.
 */
function metadataLabel(s: State, id: number, p: LabelPrediction | undefined, filename: Opinion | null): LabelRow | null {
  const m = s.metadata.get(id);
  if (!m?.candidates.length) return null;
  const acoustic = p && p.neighbours.length ? { category: p.category, confidence: p.confidence, scores: p.scores, rejected: p.category === 'unknown' } : null;
  const verdict = fuseMetadata({ metadata: m.candidates, filename, acoustic });
  if (!verdict?.decides) return null;
  const top = m.candidates[0];
  const agrees = acoustic && !acoustic.rejected && acoustic.category === top.category;
  return {
    sampleId: id,
    category: verdict.category,
    confidence: verdict.confidence,
    evidence: {
      method: 'metadata',
      tokens: top.evidence,
      subTags: top.subTags,
      reason: verdict.reason,
      metadataConfidence: top.confidence,
      ...(verdict.acousticSupport !== undefined ? { acousticSupport: Math.round(verdict.acousticSupport * 1000) / 1000 } : {}),
      alternatives: m.candidates.slice(1, 3).map((c) => ({ category: c.category, confidence: c.confidence })),
      // The neighbours are shown as corroboration only when the sound model agrees.
      ...(agrees && p ? { vector: p.space, neighbours: p.neighbours } : {}),
    },
  };
}

/** Re-labels the whole library (call after each analysis run). */
export async function classifyLibrary(db: LibraryDb, opts: ClassifyOptions = {}): Promise<ClassifyReport> {
  const t0 = performance.now();
  const s = await buildState(db, opts);
  const predicted = new Map<number, LabelPrediction>();
  // Corrections made while this pass gives the event loop a turn land here, and what they touch is voted again.
  const corrected = new Set<number>();
  s.passes.add(corrected);
  const sliceMs = opts.yieldEveryMs ?? 10;
  let slice = performance.now();
  // A 100k library takes tens of seconds to vote and seconds to write: let the server answer in between.
  const breathe = async (): Promise<void> => {
    if (performance.now() - slice < sliceMs) return;
    await nextTurn();
    slice = performance.now();
  };
  let fromMetadata: LabelRow[] = [];
  try {
    const ids = s.knn.size > 0 ? Array.from(s.ids) : [];
    for (let i = 0; i < ids.length; i++) {
      predicted.set(ids[i], predictRow(db, s, ids[i])!);
      opts.onProgress?.(i + 1, ids.length, ids[i]);
      await breathe();
    }
    // Written in slices too; a sound a correction touched since it was voted is voted again first. (One the
    // correction touches after its slice was written, the correction re-labels itself.)
    const at = Date.now();
    for (let i = 0; i < ids.length; i += WRITE_SLICE) {
      const batch = ids.slice(i, i + WRITE_SLICE);
      for (const id of batch) if (corrected.delete(id)) predicted.set(id, predictRow(db, s, id)!);
      db.labels.setMany('model', batch.map((id) => modelLabelRow(id, predicted.get(id)!)), at);
      await breathe();
    }
    const filenames = new Map(db.labels.all('filename').map((l) => [l.sampleId, { category: l.category, confidence: l.confidence }]));
    fromMetadata = [...s.metadata.keys()].flatMap((id) => metadataLabel(s, id, predicted.get(id), filenames.get(id) ?? null) ?? []);
    db.transaction(() => {
      // What this pass did not write belongs to sounds it no longer labels (a correction meanwhile wrote later).
      db.labels.dropOlderThan('model', at);
      db.labels.replaceSource('metadata', fromMetadata);
    });
    // Sub-tags last: they follow the category each sound now shows, the metadata's new verdicts included.
    for (let i = 0; i < ids.length; i += WRITE_SLICE) {
      const batch = ids.slice(i, i + WRITE_SLICE);
      for (const id of batch) if (corrected.delete(id)) predicted.set(id, predictRow(db, s, id)!);
      writeModelSubTags(db, batch, predicted);
      await breathe();
    }
  } finally {
    s.passes.delete(corrected);
  }
  const byCategory: Record<string, number> = {};
  let unknown = 0;
  const tonalRevote = { voted: 0, changed: 0 };
  for (const p of predicted.values()) {
    if (p.space === 'embedding+descriptors') {
      tonalRevote.voted++;
      if (p.category !== p.firstVote) tonalRevote.changed++;
    }
    byCategory[p.category] = (byCategory[p.category] ?? 0) + 1;
    if (p.category === 'unknown') unknown++;
  }
  const metadataTagged = writeMetadataTags(db, s.metadata);
  const characterTagged = opts.characterTags === false ? 0 : writeCharacterTags(db);
  return {
    vectors: s.kind, classified: predicted.size, tonalRevote, unknown, references: referenceCounts(s), byCategory, characterTagged,
    metadataLabelled: fromMetadata.length, metadataTagged, seconds: (performance.now() - t0) / 1000,
  };
}

/** Character tags (bright/dark, short/long…) for samples analysed since the last call; returns how many. */
export function writeCharacterTags(db: LibraryDb): number {
  const since = db.settings.get<number>(SETTING_TAGS_AT) ?? 0;
  const rows = db.db.prepare("SELECT id, analysed_at AS at FROM samples WHERE status = 'analysed' AND analysed_at >= ? ORDER BY analysed_at").all(since) as Array<{ id: number; at: number }>;
  let latest = since;
  db.transaction(() => {
    for (const { id, at } of rows) {
      const detail = db.samples.detail(id);
      if (detail) db.tags.replaceSource(id, 'descriptor', characterTags(detail.analysis).map((t) => ({ name: t.name, confidence: t.confidence })));
      latest = Math.max(latest, at);
    }
    // '>=' above re-reads the last millisecond next time, so a sample analysed in the same ms is never skipped.
    db.settings.set(SETTING_TAGS_AT, latest);
  });
  return rows.length;
}

async function stateFor(db: LibraryDb): Promise<State> {
  const s = states.get(db);
  // Analysis added or removed sounds since: rebuild (cheap next to analysis itself).
  if (s && s.analysed === db.samples.count({ status: 'analysed' })) return s;
  return buildState(db, s?.opts ?? {});
}

/** The current kNN prediction for one sample, with the neighbours that voted. */
export async function predictSample(db: LibraryDb, id: number): Promise<LabelPrediction> {
  const s = await stateFor(db);
  const p = predictRow(db, s, id);
  if (!p) throw new Error(`sample ${id} has no analysis yet; run \`sonoteca scan\` first`);
  return p;
}

export interface RelabelResult {
  id: number;
  category: string;
  /** Samples whose model label was recomputed because of this correction. */
  relabelled: number;
}

/**
 * The user says what a sound is. Stored as a 'user' label (always wins), added to the references in place, and the
 * sounds it voted for or sits near are re-labelled at once. `category` null removes the user's label.
 */
export async function setUserLabel(db: LibraryDb, id: number, category: string | null): Promise<RelabelResult> {
  if (!db.samples.get(id)) throw new Error(`no sample with id ${id}`);
  if (category !== null && (!isCategoryId(category) || category === 'unknown')) throw new Error(`unknown category '${category}' (expected one of ${validCategories().join(', ')})`);
  if (category === null) db.labels.clear(id, 'user');
  else db.labels.set(id, category, 'user', 1, { by: 'user' });
  const s = await stateFor(db);
  const r = s.row.get(id);
  if (r === undefined) return { id, category: category ?? 'none', relabelled: 0 };
  if (category === null) {
    s.knn.removeReference(id);
    s.tonal?.removeReference(id);
    const md = decisiveMetadata(s.metadata.get(id));
    if (md) addRef(s, id, md, 'metadata');
    const fn = decisiveFilename(db, id);
    if (fn) addRef(s, id, fn, 'filename');
  } else addRef(s, id, category, 'user');
  // What it votes for as a reference now, sub-tags included.
  const ref = s.knn.reference(id);
  const refTags = ref ? sampleSubTags(db, id, ref.label, s.metadata.get(id)) : [];
  if (refTags.length) s.subTags.set(id, refTags);
  else s.subTags.delete(id);
  const affected = new Set<number>(s.votedFor.get(id) ?? []);
  // Sounds near the corrected one may now see it among their neighbours even if they did not before.
  const dim = s.dim;
  const top = new TopK(Math.min(64, s.ids.length));
  for (let j = 0; j < s.ids.length; j++) top.push(s.ids[j], sqDist(s.space, r * dim, s.space, j * dim, dim));
  for (let t = 0; t < top.size; t++) affected.add(top.ids[t]);
  affected.delete(id);
  for (const pass of s.passes) for (const other of [...affected, id]) pass.add(other);
  db.transaction(() => {
    for (const other of affected) {
      const p = predictRow(db, s, other);
      if (p) writeModelLabel(db, s, other, p);
    }
    const own = predictRow(db, s, id);
    if (own) writeModelLabel(db, s, id, own);
  });
  return { id, category: category ?? 'none', relabelled: affected.size };
}

/** Categories a user may assign ('unknown' is the classifier's answer, not a label). */
export function validCategories(): string[] {
  return CATEGORY_IDS.filter((c) => c !== 'unknown');
}
