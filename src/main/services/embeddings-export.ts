// Exports the library's vectors with their sample ids for notebooks and other tools: NumPy .npy (+ .ids.json),
// CSV (id,path,v0..), or raw little-endian .f32 with a JSON header file describing it.
import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { LibraryDb } from '../store/index.js';
import { FEATURE_VECTOR_LAYOUT, FEATURE_VECTOR_LENGTH } from '../analysis/feature-layout.js';
import { loadLibraryVectors } from './library-vectors.js';

export type ExportFormat = 'npy' | 'csv' | 'f32';

export interface EmbeddingExportOptions {
  /** Default: from the file extension (.npy, .csv, anything else → .f32 + .json header). */
  format?: ExportFormat;
  /** 'standardised' (default: what similarity uses) or 'raw' descriptor values. */
  space?: 'standardised' | 'raw';
}

export interface EmbeddingExportResult {
  files: string[];
  count: number;
  dim: number;
  format: ExportFormat;
  space: 'standardised' | 'raw';
}

export function npyBytes(data: Float32Array, rows: number, cols: number): Uint8Array {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${rows}, ${cols}), }`;
  // Magic (6) + version (2) + length (2) + header + '\n' must be a multiple of 64.
  const pad = 64 - ((10 + header.length + 1) % 64);
  header += ' '.repeat(pad % 64) + '\n';
  const out = new Uint8Array(10 + header.length + data.length * 4);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  const view = new DataView(out.buffer, 10 + header.length);
  for (let i = 0; i < data.length; i++) view.setFloat32(i * 4, data[i], true);
  return out;
}

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export async function exportEmbeddings(db: LibraryDb, out: string, opts: EmbeddingExportOptions = {}): Promise<EmbeddingExportResult> {
  const ext = extname(out).toLowerCase();
  const format: ExportFormat = opts.format ?? (ext === '.npy' ? 'npy' : ext === '.csv' ? 'csv' : 'f32');
  const space = opts.space ?? 'standardised';
  const v = loadLibraryVectors(db);
  if (v.ids.length === 0) throw new Error('the library has no analysed sounds yet; run `sonoteca scan` first');
  const data = space === 'raw' ? db.samples.vectors().data : v.standard;
  const ids = [...v.ids];
  const paths = new Map(db.samples.list({ ids, limit: ids.length + 1, status: 'analysed' }).map((s) => [s.id, s.path]));
  const names = v.dim === FEATURE_VECTOR_LENGTH ? FEATURE_VECTOR_LAYOUT.map((d) => d.name) : Array.from({ length: v.dim }, (_, d) => `v${d}`);
  const header = { format: 'sonoteca-vectors', version: 1, vector: 'descriptors', space, dtype: 'float32', endianness: 'little', count: ids.length, dim: v.dim, dims: names, ids, paths: ids.map((id) => paths.get(id) ?? '') };
  const files: string[] = [out];
  if (format === 'csv') {
    const lines = [['id', 'path', ...names].join(',')];
    ids.forEach((id, i) => lines.push([String(id), csvField(paths.get(id) ?? ''), ...Array.from(data.subarray(i * v.dim, (i + 1) * v.dim), (x) => String(x))].join(',')));
    await writeFile(out, lines.join('\n') + '\n');
  } else {
    const bytes = format === 'npy' ? npyBytes(data, ids.length, v.dim) : new Uint8Array(Float32Array.from(data).buffer);
    await writeFile(out, bytes);
    const side = format === 'npy' ? out.replace(/\.npy$/i, '') + '.ids.json' : out + '.json';
    await writeFile(side, JSON.stringify(header, null, 1));
    files.push(side);
  }
  return { files, count: ids.length, dim: v.dim, format, space };
}
