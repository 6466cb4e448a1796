// "Find similar": nearest sounds to a library sample or to any audio file on disk (decoded and analysed on the fly,
// never added), filtered by category, kind, duration and pitch, and weighted by timbre / envelope / pitch.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { LibraryDb } from '../store/index.js';
import type { SampleKind } from '../../shared/model/analysis.js';
import type { SampleSummary } from '../../shared/model/sample.js';
import { SimilarityIndex } from '../intelligence/similarity-index.js';
import { analyseFile } from '../pipeline/analyse-file.js';
import type { Embedder } from '../ml/embedder.js';
import { decodeMonoHead } from './decode-mono.js';
import { ensureEmbeddings, sharedEmbedder } from './embedding-store.js';
import { personalSpaceKey, personaliseEmbeddings, personaliseVector } from './personal-head.js';
import { SIMILAR_WEIGHTS, aspectScales, loadLibraryVectors, rowOf, type AspectWeights, type LibraryVectors } from './library-vectors.js';

export interface SimilarFilters {
  category?: string;
  kind?: SampleKind;
  minDurationSec?: number;
  maxDurationSec?: number;
  /** MIDI note range of the detected pitch; sounds without a pitch are left out when either bound is set. */
  minMidi?: number;
  maxMidi?: number;
}

export interface SimilarOptions {
  k?: number;
  filters?: SimilarFilters;
  /** Aspect weights; giving them searches the descriptor space (the only one with named aspects). */
  weights?: Partial<AspectWeights>;
  /**
   * 'auto' (default): the learned embedding when the model loads and no weights are given (it finds same-kind
   * sounds far more often in the evaluation), else the descriptors.
   */
  vectors?: 'auto' | 'descriptors' | 'embedding';
}

export interface SimilarHit {
  id: number;
  path: string;
  name: string;
  distance: number;
  category: string | null;
  kind: SampleKind | null;
  durationSec: number | null;
  note: string | null;
}

export interface SimilarResult {
  query: { id: number | null; path: string };
  vectors: 'descriptors' | 'embedding';
  /** The aspect weights used (descriptor search only). */
  weights: AspectWeights | null;
  results: SimilarHit[];
}

interface Cache {
  vectors: LibraryVectors;
  index: SimilarityIndex;
}

interface EmbeddingCache {
  analysed: number;
  version: string;
  /** The user's personal head the vectors were projected with (see personal-head.ts). */
  head: string;
  index: SimilarityIndex;
}

const caches = new WeakMap<LibraryDb, Cache>();
const embeddingCaches = new WeakMap<LibraryDb, EmbeddingCache>();

async function embeddingCacheFor(db: LibraryDb, embedder: Embedder): Promise<EmbeddingCache> {
  const analysed = db.samples.count({ status: 'analysed' });
  const head = personalSpaceKey(db);
  const c = embeddingCaches.get(db);
  if (c && c.analysed === analysed && c.version === embedder.version && c.head === head) return c;
  const e = personaliseEmbeddings(db, await ensureEmbeddings(db, embedder));
  const index = new SimilarityIndex(e.dim, Math.max(16, e.ids.length));
  e.ids.forEach((id, i) => index.add(id, e.data.subarray(i * e.dim, (i + 1) * e.dim)));
  if (e.ids.length > 5000) await index.buildAsync();
  const fresh = { analysed, version: embedder.version, head, index };
  embeddingCaches.set(db, fresh);
  return fresh;
}

function cacheFor(db: LibraryDb): Cache {
  const c = caches.get(db);
  if (c && c.vectors.ids.length === db.samples.count({ status: 'analysed' })) return c;
  const vectors = loadLibraryVectors(db);
  const index = new SimilarityIndex(Math.max(1, vectors.dim), Math.max(16, vectors.ids.length));
  vectors.ids.forEach((id, i) => index.add(id, vectors.standard.subarray(i * vectors.dim, (i + 1) * vectors.dim)));
  // Exact scans are fast below a few thousand sounds; above, the IVF lists keep queries in milliseconds.
  if (vectors.ids.length > 5000) index.build();
  const fresh = { vectors, index };
  caches.set(db, fresh);
  return fresh;
}

/** Forget cached vectors (after re-analysis that kept the sample count). */
export function invalidateSimilar(db: LibraryDb): void {
  caches.delete(db);
  embeddingCaches.delete(db);
}

const NOTE_RE = /^([A-G])(#|b)?(-?\d+)$/;
const SEMI: Record<string, number> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };

export function noteToMidi(note: string | null): number | null {
  const m = note ? NOTE_RE.exec(note) : null;
  if (!m) return null;
  return SEMI[m[1]] + (m[2] === '#' ? 1 : m[2] === 'b' ? -1 : 0) + (Number(m[3]) + 1) * 12;
}

function passes(s: SampleSummary, f: SimilarFilters): boolean {
  if (f.category !== undefined && s.category?.name !== f.category) return false;
  if (f.kind !== undefined && s.kind !== f.kind) return false;
  if (f.minDurationSec !== undefined && !(s.durationSec !== null && s.durationSec >= f.minDurationSec)) return false;
  if (f.maxDurationSec !== undefined && !(s.durationSec !== null && s.durationSec <= f.maxDurationSec)) return false;
  if (f.minMidi !== undefined || f.maxMidi !== undefined) {
    const midi = noteToMidi(s.note);
    if (midi === null || (f.minMidi !== undefined && midi < f.minMidi) || (f.maxMidi !== undefined && midi > f.maxMidi)) return false;
  }
  return true;
}

function hasFilters(f: SimilarFilters | undefined): f is SimilarFilters {
  return !!f && Object.values(f).some((v) => v !== undefined);
}

/** `target`: a sample id, or a path — a library sample's, or any readable audio file. */
export async function findSimilar(db: LibraryDb, target: number | string, opts: SimilarOptions = {}): Promise<SimilarResult> {
  const k = Math.max(1, Math.floor(opts.k ?? 10));
  const weights: AspectWeights = { ...SIMILAR_WEIGHTS, ...opts.weights };
  for (const [name, w] of Object.entries(weights)) if (!(w >= 0) || !Number.isFinite(w)) throw new Error(`weight for ${name} must be a number ≥ 0, got ${w}`);
  if (weights.timbre + weights.envelope + weights.pitch <= 0) throw new Error('at least one of the timbre, envelope and pitch weights must be above 0');
  const c = cacheFor(db);
  if (c.vectors.ids.length === 0) throw new Error('the library has no analysed sounds yet; run `sonoteca scan` first');
  let queryId: number | null = null;
  let queryPath: string;
  let query: Float32Array;
  const inLibrary = typeof target === 'number' ? db.samples.get(target) : (db.samples.byPath(resolve(target)) ?? db.samples.byPath(target));
  if (typeof target === 'number' && !inLibrary) throw new Error(`no sample with id ${target}`);
  if (inLibrary) {
    queryId = inLibrary.id;
    queryPath = inLibrary.path;
    const row = rowOf(c.vectors, inLibrary.id);
    if (!row) throw new Error(`${inLibrary.path} has no analysis yet (status: ${inLibrary.status})`);
    query = row;
  } else {
    queryPath = resolve(target as string);
    query = await externalVector(c.vectors, queryPath);
  }
  // Filtered searches pass the allowed ids as a subset: small subsets are scored exactly (a rare category is never
  // missed because its members sit in unprobed lists), large ones go through the index with the filter.
  let subset: Set<number> | undefined;
  if (hasFilters(opts.filters)) {
    const f = opts.filters;
    subset = new Set<number>();
    for (const s of db.samples.list({ status: 'analysed', category: f.category, kind: f.kind })) if (passes(s, f)) subset.add(s.id);
  }
  const choice = opts.vectors ?? 'auto';
  const embedder = choice === 'descriptors' || (choice === 'auto' && opts.weights) ? null : await sharedEmbedder();
  if (choice === 'embedding' && !embedder) throw new Error('the embedding model (assets/model) could not be loaded');
  let hits;
  if (embedder) {
    const ec = await embeddingCacheFor(db, embedder);
    let q = queryId !== null ? ec.index.vector(queryId) : null;
    if (!q) {
      const { mono, sampleRate } = await decodeMonoHead(queryPath, 4);
      q = personaliseVector(db, embedder.version, (await embedder.embed([{ mono, sampleRate }]))[0]);
    }
    hits = ec.index.search(q, { k, subset, exclude: queryId ?? undefined });
  } else {
    const w = aspectScales(c.vectors.dim, weights).map((x) => x * x);
    hits = c.index.search(query, { k, weights: w, subset, exclude: queryId ?? undefined });
  }
  const byId = new Map(db.samples.list({ ids: hits.map((h) => h.id), limit: hits.length + 1, status: 'analysed' }).map((s) => [s.id, s]));
  const results = hits.map((h) => {
    const s = byId.get(h.id);
    return { id: h.id, path: s?.path ?? '', name: s?.name ?? '', distance: Math.round(h.distance * 1e4) / 1e4, category: s?.category?.name ?? null, kind: s?.kind ?? null, durationSec: s?.durationSec ?? null, note: s?.note ?? null };
  });
  return { query: { id: queryId, path: queryPath }, vectors: embedder ? 'embedding' : 'descriptors', weights: embedder ? null : weights, results };
}

/** Decodes and analyses a file outside the library and puts its vector in the library's standardised space. */
export async function externalVector(v: LibraryVectors, path: string): Promise<Float32Array> {
  if (!existsSync(path)) throw new Error(`not in the library and no such file: ${path}`);
  if (statSync(path).isDirectory()) throw new Error(`is a folder, not an audio file: ${path}`);
  const outcome = await analyseFile({ path, analyzers: 'all' });
  if (!outcome.ok) throw new Error(`cannot analyse ${path}: ${outcome.error.message}`);
  const raw = outcome.result.vector?.values;
  if (!raw) throw new Error(`analysis of ${path} produced no feature vector`);
  if (raw.length !== v.dim) throw new Error(`${path}: feature vector has ${raw.length} values, the library's have ${v.dim} (re-analyse the library)`);
  const out = new Float32Array(v.dim);
  for (let d = 0; d < v.dim; d++) out[d] = Math.max(-8, Math.min(8, (raw[d] - v.standardiser.center[d]) / v.standardiser.scale[d]));
  return out;
}
