// The built-in reference set on disk: one file, a JSON header then raw little-endian float32 vectors, so the app
// loads 10k references with one read and no parsing per value.
//   bytes 0..7   magic "SNTREF01"
//   bytes 8..11  uint32 LE header length H
//   bytes 12..   H bytes UTF-8 JSON { version, dim, count, labels: string[], ids: string[], standardiser? }
//   then padding to a 4-byte boundary, then count × dim float32 LE.
import { readFile, writeFile } from 'node:fs/promises';

const MAGIC = 'SNTREF01';

export interface ReferenceSet {
  dim: number;
  /** Stable id per reference (e.g. corpus-relative path), for explanations. */
  ids: string[];
  labels: string[];
  vectors: Float32Array;
  /** Feature layout / model version the vectors were computed with; refuse to mix versions. */
  featureVersion?: string;
}

export function encodeReferenceSet(set: ReferenceSet): Uint8Array {
  const count = set.labels.length;
  if (set.ids.length !== count || set.vectors.length !== count * set.dim) {
    throw new Error(`reference set is inconsistent: ${count} labels, ${set.ids.length} ids, ${set.vectors.length} values for dim ${set.dim}`);
  }
  const header = new TextEncoder().encode(JSON.stringify({ version: 1, dim: set.dim, count, labels: set.labels, ids: set.ids, featureVersion: set.featureVersion }));
  const dataStart = Math.ceil((12 + header.length) / 4) * 4;
  const out = new Uint8Array(dataStart + count * set.dim * 4);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(8, header.length, true);
  out.set(header, 12);
  const view = new DataView(out.buffer, dataStart);
  for (let i = 0; i < set.vectors.length; i++) view.setFloat32(i * 4, set.vectors[i], true);
  return out;
}

export function decodeReferenceSet(bytes: Uint8Array, source = 'reference set'): ReferenceSet {
  if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) throw new Error(`${source}: not a Sonoteca reference set (bad magic)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hl = view.getUint32(8, true);
  if (12 + hl > bytes.length) throw new Error(`${source}: truncated header (${hl} bytes declared, ${bytes.length - 12} present)`);
  let h: { version: number; dim: number; count: number; labels: string[]; ids: string[]; featureVersion?: string };
  try {
    h = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + hl)));
  } catch (e) {
    throw new Error(`${source}: header is not valid JSON (${(e as Error).message})`);
  }
  if (h.version !== 1) throw new Error(`${source}: unsupported version ${h.version}`);
  const dataStart = Math.ceil((12 + hl) / 4) * 4;
  const need = dataStart + h.count * h.dim * 4;
  if (bytes.length < need) throw new Error(`${source}: truncated vectors (${bytes.length} bytes, need ${need})`);
  const vectors = new Float32Array(h.count * h.dim);
  for (let i = 0; i < vectors.length; i++) vectors[i] = view.getFloat32(dataStart + i * 4, true);
  return { dim: h.dim, ids: h.ids, labels: h.labels, vectors, featureVersion: h.featureVersion };
}

export async function writeReferenceSet(path: string, set: ReferenceSet): Promise<void> {
  await writeFile(path, encodeReferenceSet(set));
}

export async function readReferenceSet(path: string): Promise<ReferenceSet> {
  return decodeReferenceSet(new Uint8Array(await readFile(path)), path);
}
