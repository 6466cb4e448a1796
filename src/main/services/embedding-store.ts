// The learned embedding of every analysed sample, as stored in the library by the analysis workers. Fills in what
// is missing — libraries analysed before vectors were stored, files whose embedding failed, a new model version —
// on the worker pool when there is much to do, in this thread when there is little, and imports the side file
// (library.sqlite.embeddings) that earlier versions kept, once.
import { existsSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import type { LibraryDb } from '../store/index.js';
import type { Embedder } from '../ml/embedder.js';
import { decodeMonoHead } from './decode-mono.js';
import { analyseLibrary } from '../pipeline/analyse-library.js';
import { EMBED_INPUT_SECONDS } from '../pipeline/embed-batcher.js';
import { embeddingModelVersion } from '../pipeline/model-version.js';

const LEGACY_MAGIC = 'SNTEMB01';
/** Files decoded and embedded together in this thread. */
const BATCH = 32;
/** From this many missing vectors on, the worker pool's start-up cost (a model per worker) pays for itself. */
const POOL_FROM = 64;

export interface LibraryEmbeddings {
  version: string;
  dim: number;
  ids: number[];
  /** Row of each id. */
  row: Map<number, number>;
  data: Float32Array;
  /** Samples that could not be decoded for embedding (left out). */
  failed: Array<{ id: number; error: string }>;
}

export interface EnsureEmbeddingsOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Workers for a large catch-up; defaults to the analysis pipeline's choice. */
  workers?: number;
}

/** The side file earlier versions kept next to the library; read once into the library, then removed. */
export function embeddingsPath(db: LibraryDb): string {
  return `${db.file}.embeddings`;
}

/** Embeddings for every analysed sample, computing only the missing ones. */
export async function ensureEmbeddings(db: LibraryDb, embedder: Embedder, opts: EnsureEmbeddingsOptions = {}): Promise<LibraryEmbeddings> {
  importLegacySideFile(db, embedder);
  const failed: LibraryEmbeddings['failed'] = [];
  let missing = db.embeddings.counts(embedder.version).missing;
  if (missing >= POOL_FROM && !opts.signal?.aborted && (await workersRunThisModel(embedder))) {
    const report = await analyseLibrary(db, {
      reembedOnly: true,
      signal: opts.signal,
      workers: opts.workers,
      onProgress: (e) => opts.onProgress?.(e.done, e.total),
    });
    // What the pool could not embed would fail here too: report it instead of decoding it again.
    const left = db.embeddings.missing(embedder.version, Number.MAX_SAFE_INTEGER);
    for (const s of left) failed.push({ id: s.id, error: report.embedProblem ?? 'could not be embedded' });
    missing = 0;
  }
  if (missing > 0) await embedHere(db, embedder, failed, opts);
  const stored = db.embeddings.forModel(embedder.version, embedder.dim);
  return { version: embedder.version, dim: embedder.dim, ids: stored.ids, row: new Map(stored.ids.map((id, i) => [id, i])), data: stored.data, failed };
}

/** The workers load the shipped model: they can stand in for `embedder` only when it is that model. */
async function workersRunThisModel(embedder: Embedder): Promise<boolean> {
  const shipped = await embeddingModelVersion();
  return 'version' in shipped && shipped.version === embedder.version && shipped.dim === embedder.dim;
}

/** Decodes and embeds the missing ones in this thread, storing each batch as it completes. */
async function embedHere(db: LibraryDb, embedder: Embedder, failed: LibraryEmbeddings['failed'], opts: EnsureEmbeddingsOptions): Promise<void> {
  const todo = db.embeddings.missing(embedder.version, Number.MAX_SAFE_INTEGER);
  for (let b = 0; b < todo.length && !opts.signal?.aborted; b += BATCH) {
    const chunk = todo.slice(b, b + BATCH);
    const decoded = await Promise.all(chunk.map((t) => decodeMonoHead(t.path, EMBED_INPUT_SECONDS).catch((err: Error) => err)));
    const ok: Array<{ item: (typeof chunk)[number]; mono: Float32Array; sampleRate: number }> = [];
    chunk.forEach((item, i) => {
      const d = decoded[i];
      if (d instanceof Error) failed.push({ id: item.id, error: d.message });
      else ok.push({ item, mono: d.mono, sampleRate: d.sampleRate });
    });
    const vectors = ok.length ? await embedder.embed(ok.map((o) => ({ mono: o.mono, sampleRate: o.sampleRate }))) : [];
    db.transaction(() => {
      // A file changed or re-queued meanwhile is skipped: its next analysis brings its vector.
      ok.forEach((o, i) => db.embeddings.putIfUnchanged(o.item.id, o.item, embedder.version, vectors[i]));
    });
    opts.onProgress?.(Math.min(todo.length, b + BATCH), todo.length);
  }
}

interface LegacyHeader {
  version: string;
  dim: number;
  ids: number[];
  /** Per id: "size:mtime" of the file when embedded. */
  stamps: string[];
}

/**
 * Earlier versions kept vectors in library.sqlite.embeddings. Rows of this model whose file is unchanged are
 * imported; the file is ours, so it is removed once imported. One of another model is left alone (and not re-read).
 */
function importLegacySideFile(db: LibraryDb, embedder: Embedder): void {
  const path = embeddingsPath(db);
  if (!existsSync(path)) return;
  let seen: string;
  try {
    const st = statSync(path);
    seen = `${st.size}:${st.mtimeMs}`;
  } catch {
    return;
  }
  const key = 'embeddings.legacyFileSeen';
  if (db.settings.get<string>(key) === seen) return;
  const legacy = readLegacy(path);
  if (!legacy || legacy.header.version !== embedder.version || legacy.header.dim !== embedder.dim) {
    db.settings.set(key, seen);
    return;
  }
  const { header, data } = legacy;
  const dim = header.dim;
  db.transaction(() => {
    header.ids.forEach((id, i) => {
      const [size, mtime] = (header.stamps[i] ?? '').split(':').map(Number);
      if (db.embeddings.get(id, header.version)) return;
      db.embeddings.putIfUnchanged(id, { sizeBytes: size, mtimeMs: mtime }, header.version, data.slice(i * dim, (i + 1) * dim));
    });
    db.settings.set(key, seen);
  });
  try {
    unlinkSync(path);
  } catch {
    // Imported either way; a file we cannot remove is simply not read again.
  }
}

function readLegacy(path: string): { header: LegacyHeader; data: Float32Array } | null {
  try {
    const bytes = readFileSync(path);
    if (bytes.subarray(0, 8).toString('latin1') !== LEGACY_MAGIC) return null;
    const hl = bytes.readUInt32LE(8);
    const header = JSON.parse(bytes.subarray(12, 12 + hl).toString('utf8')) as LegacyHeader;
    if (!Array.isArray(header.ids) || !Array.isArray(header.stamps) || !(header.dim > 0)) return null;
    const start = Math.ceil((12 + hl) / 4) * 4;
    if (bytes.length < start + header.ids.length * header.dim * 4) return null;
    const data = new Float32Array(header.ids.length * header.dim);
    for (let i = 0; i < data.length; i++) data[i] = bytes.readFloatLE(start + i * 4);
    return { header, data };
  } catch {
    // A damaged side file only costs recomputation.
    return null;
  }
}

let shared: Promise<Embedder | null> | null = null;

/** The shipped embedding model, loaded once per process; null (with no error) when it is missing or unusable. */
export function sharedEmbedder(): Promise<Embedder | null> {
  shared ??= import('../ml/embedder.js').then((m) => m.loadEmbedder()).catch(() => null);
  return shared;
}
