// Labels every analysed sound by kNN over the library's own vectors: the user's labels vote first, then decisive
// file names, then the built-in reference set. Writes 'model' labels whose evidence is the voting neighbours, and
// 'descriptor' character tags. A correction updates the references in place and re-labels only the sounds it can
// affect, so it shows on the next prediction without retraining anything.
import type { LibraryDb } from '../store/index.js';
import { KnnClassifier, type Prediction, type ReferenceSource } from '../intelligence/knn-classifier.js';
import type { ReferenceSet } from '../intelligence/reference-set-file.js';
import { CATEGORY_IDS, isCategoryId } from '../../shared/taxonomy/categories.js';
import { characterTags } from '../../shared/taxonomy/character-tags.js';
import { TopK, sqDist } from '../intelligence/vector-math.js';
import { CLASSIFY_WEIGHTS, aspectScales, loadLibraryVectors, scaleRows, type LibraryVectors } from './library-vectors.js';
import { loadBuiltinReferences } from './builtin-references.js';

/** A file-name label must be at least this sure to teach the classifier (the name labeller's "unambiguous"). */
export const FILENAME_REFERENCE_CONFIDENCE = 0.8;
const SETTING_TAGS_AT = 'intelligence.descriptorTagsAt';

export interface ClassifyOptions {
  /** Neighbours that vote (default 9). */
  k?: number;
  /** Built-in references; default: assets/model/reference-set.bin when present and compatible. null = none. */
  builtin?: ReferenceSet | null;
  /** Write character tags for samples analysed since the last run (default true). */
  characterTags?: boolean;
}

export interface ClassifyReport {
  classified: number;
  unknown: number;
  references: Record<ReferenceSource, number>;
  byCategory: Record<string, number>;
  characterTagged: number;
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

export interface LabelPrediction {
  category: string;
  confidence: number;
  scores: Record<string, number>;
  neighbours: NeighbourEvidence[];
  rejected?: string;
}

interface State {
  vectors: LibraryVectors;
  /** Standardised, aspect-weighted rows: the space the classifier votes in. */
  space: Float32Array;
  scales: Float32Array;
  knn: KnnClassifier;
  builtinNames: string[];
  /** Reference id → samples it voted for last time (who to re-label when it changes). */
  votedFor: Map<number, Set<number>>;
  opts: ClassifyOptions;
}

const states = new WeakMap<LibraryDb, State>();

async function buildState(db: LibraryDb, opts: ClassifyOptions): Promise<State> {
  const vectors = loadLibraryVectors(db);
  const scales = aspectScales(vectors.dim, CLASSIFY_WEIGHTS);
  const space = scaleRows(vectors.standard, vectors.dim, scales);
  const knn = new KnnClassifier(Math.max(1, vectors.dim), { k: opts.k ?? 9 });
  const builtin = opts.builtin === undefined ? await loadBuiltinReferences(vectors.dim) : opts.builtin;
  const builtinNames: string[] = [];
  if (builtin && builtin.dim === vectors.dim && vectors.ids.length) {
    const raw = builtin.vectors;
    for (let i = 0; i < builtin.labels.length; i++) {
      const v = new Float32Array(vectors.dim);
      for (let d = 0; d < vectors.dim; d++) {
        const z = (raw[i * vectors.dim + d] - vectors.standardiser.center[d]) / vectors.standardiser.scale[d];
        v[d] = Math.max(-8, Math.min(8, z)) * scales[d];
      }
      knn.setReference(-(i + 1), builtin.labels[i], 'builtin', v);
      builtinNames.push(builtin.ids[i]);
    }
  }
  const state: State = { vectors, space, scales, knn, builtinNames, votedFor: new Map(), opts };
  // Decisive file names first, then user labels (setReference never lets a weaker source replace the user's).
  for (const l of db.labels.all('filename')) {
    if (l.confidence >= FILENAME_REFERENCE_CONFIDENCE && isCategoryId(l.category) && l.category !== 'unknown') addRef(state, l.sampleId, l.category, 'filename');
  }
  for (const l of db.labels.all('user')) if (l.category !== 'unknown') addRef(state, l.sampleId, l.category, 'user');
  knn.calibrate();
  states.set(db, state);
  return state;
}

function addRef(s: State, id: number, label: string, source: ReferenceSource): void {
  const r = s.vectors.row.get(id);
  if (r === undefined) return;
  s.knn.setReference(id, label, source, s.space.subarray(r * s.vectors.dim, (r + 1) * s.vectors.dim));
}

function referenceCounts(s: State): Record<ReferenceSource, number> {
  const out: Record<ReferenceSource, number> = { user: 0, filename: 0, builtin: 0 };
  for (const id of s.vectors.ids) {
    const r = s.knn.reference(id);
    if (r) out[r.source]++;
  }
  out.builtin = s.builtinNames.length;
  return out;
}

function explain(db: LibraryDb, s: State, p: Prediction): LabelPrediction {
  const neighbours = p.neighbours.map((n) => ({
    id: n.id >= 0 ? n.id : null,
    path: n.id >= 0 ? (db.samples.get(n.id)?.path ?? `#${n.id}`) : `builtin:${s.builtinNames[-n.id - 1] ?? n.id}`,
    label: n.label,
    source: n.source,
    distance: Math.round(n.distance * 1000) / 1000,
  }));
  return { category: p.label, confidence: Math.max(0, Math.min(1, p.confidence)), scores: p.scores, neighbours, ...(p.rejected ? { rejected: p.rejected } : {}) };
}

function predictRow(db: LibraryDb, s: State, id: number): LabelPrediction | null {
  const r = s.vectors.row.get(id);
  if (r === undefined) return null;
  const p = s.knn.predict(s.space.subarray(r * s.vectors.dim, (r + 1) * s.vectors.dim), { exclude: id });
  for (const n of p.neighbours) {
    let set = s.votedFor.get(n.id);
    if (!set) s.votedFor.set(n.id, (set = new Set()));
    set.add(id);
  }
  return explain(db, s, p);
}

function writeModelLabel(db: LibraryDb, id: number, p: LabelPrediction): void {
  db.labels.set(id, p.category, 'model', p.confidence, { method: 'knn', vector: 'descriptors', neighbours: p.neighbours, scores: p.scores, ...(p.rejected ? { rejected: p.rejected } : {}) });
}

/** Re-labels the whole library (call after each analysis run). */
export async function classifyLibrary(db: LibraryDb, opts: ClassifyOptions = {}): Promise<ClassifyReport> {
  const t0 = performance.now();
  const s = await buildState(db, opts);
  const byCategory: Record<string, number> = {};
  let unknown = 0;
  const predictions: Array<{ sampleId: number; category: string; confidence: number; evidence: unknown }> = [];
  if (s.knn.size > 0) {
    for (const id of s.vectors.ids) {
      const p = predictRow(db, s, id)!;
      byCategory[p.category] = (byCategory[p.category] ?? 0) + 1;
      if (p.category === 'unknown') unknown++;
      predictions.push({ sampleId: id, category: p.category, confidence: p.confidence, evidence: { method: 'knn', vector: 'descriptors', neighbours: p.neighbours, scores: p.scores, ...(p.rejected ? { rejected: p.rejected } : {}) } });
    }
  }
  db.labels.replaceSource('model', predictions);
  const characterTagged = opts.characterTags === false ? 0 : writeCharacterTags(db);
  return { classified: predictions.length, unknown, references: referenceCounts(s), byCategory, characterTagged, seconds: (performance.now() - t0) / 1000 };
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
  const count = db.samples.count({ status: 'analysed' });
  // Analysis added or removed sounds since: rebuild (cheap next to analysis itself).
  if (s && s.vectors.ids.length === count) return s;
  return buildState(db, s?.opts ?? {});
}

/** The current kNN prediction for one sample, with the neighbours that voted. */
export async function predictSample(db: LibraryDb, id: number): Promise<LabelPrediction> {
  const s = await stateFor(db);
  const p = predictRow(db, s, id);
  if (!p) throw new Error(`sample ${id} has no analysis yet; run \`sonoteca scan\` first`);
  return p;
}

/** Predicts a raw descriptor vector from outside the library (a dropped file). */
export async function predictVector(db: LibraryDb, raw: Float32Array): Promise<LabelPrediction> {
  const s = await stateFor(db);
  if (raw.length !== s.vectors.dim) throw new Error(`vector has ${raw.length} values, the library's have ${s.vectors.dim}`);
  const v = new Float32Array(raw.length);
  for (let d = 0; d < raw.length; d++) v[d] = Math.max(-8, Math.min(8, (raw[d] - s.vectors.standardiser.center[d]) / s.vectors.standardiser.scale[d])) * s.scales[d];
  return explain(db, s, s.knn.predict(v));
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
  const r = s.vectors.row.get(id);
  if (r === undefined) return { id, category: category ?? 'none', relabelled: 0 };
  if (category === null) {
    s.knn.removeReference(id);
    const fn = db.labels.forSample(id).find((l) => l.source === 'filename');
    if (fn && fn.confidence >= FILENAME_REFERENCE_CONFIDENCE && isCategoryId(fn.category) && fn.category !== 'unknown') addRef(s, id, fn.category, 'filename');
  } else addRef(s, id, category, 'user');
  const affected = new Set<number>(s.votedFor.get(id) ?? []);
  // Sounds near the corrected one may now see it among their neighbours even if they did not before.
  const dim = s.vectors.dim;
  const top = new TopK(Math.min(64, s.vectors.ids.length));
  for (let j = 0; j < s.vectors.ids.length; j++) top.push(s.vectors.ids[j], sqDist(s.space, r * dim, s.space, j * dim, dim));
  for (let t = 0; t < top.size; t++) affected.add(top.ids[t]);
  affected.delete(id);
  db.transaction(() => {
    for (const other of affected) {
      const p = predictRow(db, s, other);
      if (p) writeModelLabel(db, other, p);
    }
    const own = predictRow(db, s, id);
    if (own) writeModelLabel(db, id, own);
  });
  return { id, category: category ?? 'none', relabelled: affected.size };
}

/** Categories a user may assign ('unknown' is the classifier's answer, not a label). */
export function validCategories(): string[] {
  return CATEGORY_IDS.filter((c) => c !== 'unknown');
}
