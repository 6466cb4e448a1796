// The learned embedding of every analysed sample, kept in a file next to the library (library.sqlite.embeddings)
// and filled in incrementally: only new or changed files are decoded and embedded, and a new model version
// starts the file afresh. Layout: "SNTEMB01", uint32 LE header length, JSON header, padding to 4, float32 LE rows.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { LibraryDb } from '../store/index.js';
import type { Embedder } from '../ml/embedder.js';
import { decodeMonoHead } from './decode-mono.js';

const MAGIC = 'SNTEMB01';
/** Seconds of audio the model looks at (its input patch is shorter; the margin covers leading silence). */
const EMBED_SECONDS = 4;
const BATCH = 32;

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

interface Header {
  version: string;
  dim: number;
  ids: number[];
  /** Per id: "size:mtime" of the file when embedded, so an edited file is embedded again. */
  stamps: string[];
}

export function embeddingsPath(db: LibraryDb): string {
  return `${db.file}.embeddings`;
}

function read(path: string): { header: Header; data: Float32Array } | null {
  if (!existsSync(path)) return null;
  try {
    const bytes = readFileSync(path);
    if (bytes.subarray(0, 8).toString('latin1') !== MAGIC) return null;
    const hl = bytes.readUInt32LE(8);
    const header = JSON.parse(bytes.subarray(12, 12 + hl).toString('utf8')) as Header;
    const start = Math.ceil((12 + hl) / 4) * 4;
    const data = new Float32Array(header.ids.length * header.dim);
    for (let i = 0; i < data.length; i++) data[i] = bytes.readFloatLE(start + i * 4);
    return { header, data };
  } catch {
    // A damaged cache only costs recomputation.
    return null;
  }
}

function write(path: string, header: Header, data: Float32Array): void {
  const h = Buffer.from(JSON.stringify(header), 'utf8');
  const start = Math.ceil((12 + h.length) / 4) * 4;
  const out = Buffer.alloc(start + data.length * 4);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(h.length, 8);
  h.copy(out, 12);
  for (let i = 0; i < data.length; i++) out.writeFloatLE(data[i], start + i * 4);
  // Write-then-rename: a crash never leaves a half-written cache behind.
  writeFileSync(path + '.tmp', out);
  renameSync(path + '.tmp', path);
}

/** Embeddings for every analysed sample, computing only the missing ones. */
export async function ensureEmbeddings(db: LibraryDb, embedder: Embedder, opts: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {}): Promise<LibraryEmbeddings> {
  const path = embeddingsPath(db);
  const cached = read(path);
  const usable = cached && cached.header.version === embedder.version && cached.header.dim === embedder.dim ? cached : null;
  const old = new Map<number, { stamp: string; row: number }>();
  usable?.header.ids.forEach((id, i) => old.set(id, { stamp: usable.header.stamps[i], row: i }));
  const samples = db.samples.list({ status: 'analysed', orderBy: 'id' });
  const dim = embedder.dim;
  const ids: number[] = [];
  const stamps: string[] = [];
  const data = new Float32Array(samples.length * dim);
  const todo: Array<{ id: number; path: string; at: number; stamp: string }> = [];
  for (const s of samples) {
    const stamp = `${s.sizeBytes}:${s.mtimeMs}`;
    const prev = old.get(s.id);
    const at = ids.length;
    ids.push(s.id);
    stamps.push(stamp);
    if (prev && prev.stamp === stamp) data.set(usable!.data.subarray(prev.row * dim, (prev.row + 1) * dim), at * dim);
    else todo.push({ id: s.id, path: s.path, at, stamp });
  }
  const failed: LibraryEmbeddings['failed'] = [];
  const bad = new Set<number>();
  for (let b = 0; b < todo.length && !opts.signal?.aborted; b += BATCH) {
    const chunk = todo.slice(b, b + BATCH);
    const decoded = await Promise.all(chunk.map((t) => decodeMonoHead(t.path, EMBED_SECONDS).catch((err: Error) => err)));
    const ok = chunk.filter((_, i) => !(decoded[i] instanceof Error));
    chunk.forEach((t, i) => {
      const d = decoded[i];
      if (d instanceof Error) {
        failed.push({ id: t.id, error: d.message });
        bad.add(t.at);
      }
    });
    const inputs = decoded.filter((d): d is Exclude<typeof d, Error> => !(d instanceof Error)).map((d) => ({ mono: d.mono, sampleRate: d.sampleRate }));
    const out = inputs.length ? await embedder.embed(inputs) : [];
    ok.forEach((t, i) => data.set(out[i], t.at * dim));
    opts.onProgress?.(Math.min(todo.length, b + BATCH), todo.length);
  }
  const notDone = new Set(opts.signal?.aborted ? todo.filter((t) => !data.subarray(t.at * dim, (t.at + 1) * dim).some((x) => x !== 0)).map((t) => t.at) : []);
  const keep = ids.map((_, i) => i).filter((i) => !bad.has(i) && !notDone.has(i));
  const outIds = keep.map((i) => ids[i]);
  const outData = new Float32Array(keep.length * dim);
  keep.forEach((i, r) => outData.set(data.subarray(i * dim, (i + 1) * dim), r * dim));
  if (todo.length || (usable && usable.header.ids.length !== outIds.length) || !usable) {
    write(path, { version: embedder.version, dim, ids: outIds, stamps: keep.map((i) => stamps[i]) }, outData);
  }
  return { version: embedder.version, dim, ids: outIds, row: new Map(outIds.map((id, i) => [id, i])), data: outData, failed };
}

let shared: Promise<Embedder | null> | null = null;

/** The shipped embedding model, loaded once per process; null (with no error) when it is missing or unusable. */
export function sharedEmbedder(): Promise<Embedder | null> {
  shared ??= import('../ml/embedder.js').then((m) => m.loadEmbedder()).catch(() => null);
  return shared;
}
