// Reads a library's personal projection head (`${db.file}.head`, written by ProjectionHead.save) and applies it in
// plain JavaScript, so searching and labelling use the user's space without loading TensorFlow on the main thread.
import { readFileSync, rmSync, statSync } from 'node:fs';
import type { LibraryDb } from '../store/index.js';
import type { HeadJson } from '../ml/projection-head.js';

/** Same value as ProjectionHead's FORMAT; repeated so this file does not pull TensorFlow in. */
const FORMAT = 'sonoteca-projection-head';

/** What the service stores with the weights: which labels and model the head was trained on. */
export interface HeadTrainingInfo {
  /** Hash of the (sample, training label) pairs used; differs from the library's now when labels changed since. */
  labelsHash: string;
  labels: number;
  classes: number;
  /** Training labels with their counts, largest first (for the status line and the CLI). */
  classCounts: Array<{ label: string; count: number }>;
  trainedAt: number;
  seconds: number;
  lossBefore: number;
  lossAfter: number;
}

export interface HeadWeights {
  dim: number;
  hidden: number;
  baseVersion: string;
  blend: number;
  /** Labelled groups' centres (k × dim) and the head's reach around them; radius 0 = applies everywhere. */
  anchors: Float32Array;
  radius: number;
  centre: Float32Array;
  scale: number;
  w1: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  info: HeadTrainingInfo | null;
}

export function personalHeadPath(db: LibraryDb): string {
  return `${db.file}.head`;
}

/** Changes whenever the file is written or removed: the key every cache of projected vectors is checked against. */
export function headStamp(path: string): string {
  try {
    const s = statSync(path);
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return 'none';
  }
}

function infoOf(json: Partial<HeadTrainingInfo>): HeadTrainingInfo | null {
  if (typeof json.labelsHash !== 'string' || !Array.isArray(json.classCounts)) return null;
  return {
    labelsHash: json.labelsHash,
    labels: Number(json.labels) || 0,
    classes: Number(json.classes) || 0,
    classCounts: json.classCounts.filter((c) => c && typeof c.label === 'string').map((c) => ({ label: c.label, count: Number(c.count) || 0 })),
    trainedAt: Number(json.trainedAt) || 0,
    seconds: Number(json.seconds) || 0,
    lossBefore: Number(json.lossBefore) || 0,
    lossAfter: Number(json.lossAfter) || 0,
  };
}

/**
 * The head at `path`: null when there is none. Throws a specific error for a damaged file (the caller decides
 * whether to ignore it); the model-version check is the caller's, as it alone knows the current model.
 */
export function readHeadFile(path: string): HeadWeights | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`cannot read personal similarity head ${path}: ${(err as Error).message}`);
  }
  let json: HeadJson & Partial<HeadTrainingInfo>;
  try {
    json = JSON.parse(text) as HeadJson & Partial<HeadTrainingInfo>;
  } catch {
    throw new Error(`personal similarity head ${path} is damaged (not JSON); reset it to start over`);
  }
  if (json?.format !== FORMAT) throw new Error(`${path} is not a personal similarity head file`);
  const { dim, hidden } = json;
  const sized = Number.isInteger(dim) && Number.isInteger(hidden) && dim > 0 && hidden > 0 && json.w1?.length === dim * hidden &&
    json.w2?.length === dim * hidden && json.b1?.length === hidden && json.centre?.length === dim && json.scale > 0;
  if (!sized) throw new Error(`personal similarity head ${path} has weights of the wrong size; reset it to start over`);
  const blend = typeof json.blend === 'number' && json.blend >= 0 && json.blend <= 1 ? json.blend : 1;
  const local = Array.isArray(json.anchors) && json.anchors.length % dim === 0 && typeof json.radius === 'number' && json.radius >= 0;
  return {
    dim, hidden, baseVersion: String(json.baseVersion), blend, scale: json.scale,
    anchors: local ? Float32Array.from(json.anchors!) : new Float32Array(0), radius: local ? json.radius! : 0,
    centre: Float32Array.from(json.centre), w1: Float32Array.from(json.w1), b1: Float32Array.from(json.b1), w2: Float32Array.from(json.w2),
    info: infoOf(json),
  };
}

export function removeHeadFile(path: string): boolean {
  try {
    statSync(path);
  } catch {
    return false;
  }
  rmSync(path, { force: true });
  return true;
}

/**
 * Projects rows of `data` (dim values each) through the head: y = x + blend · reach(x) · relu((x − centre)·scale·W1
 * + b1)·W2, then unit length — exactly ProjectionHead.project. reach(x) is 1 within `radius` of the nearest anchor,
 * 0 beyond twice that. Returns a new array.
 */
export function projectRows(w: HeadWeights, data: Float32Array): Float32Array {
  const { dim, hidden } = w;
  if (data.length % dim !== 0) throw new RangeError(`personal head expects ${dim}-d vectors, got ${data.length} values`);
  const out = new Float32Array(data.length);
  const centred = new Float32Array(dim);
  const h = new Float32Array(hidden);
  for (let o = 0; o < data.length; o += dim) {
    for (let d = 0; d < dim; d++) centred[d] = (data[o + d] - w.centre[d]) * w.scale;
    h.set(w.b1);
    for (let d = 0; d < dim; d++) {
      const c = centred[d];
      if (c === 0) continue;
      const row = d * hidden;
      for (let j = 0; j < hidden; j++) h[j] += c * w.w1[row + j];
    }
    for (let d = 0; d < dim; d++) out[o + d] = data[o + d];
    const strength = w.blend * reach(w, data, o);
    for (let j = 0; j < hidden; j++) {
      const a = h[j] > 0 ? h[j] * strength : 0;
      if (a === 0) continue;
      const row = j * dim;
      for (let d = 0; d < dim; d++) out[o + d] += a * w.w2[row + d];
    }
    let sq = 0;
    for (let d = 0; d < dim; d++) sq += out[o + d] * out[o + d];
    const inv = 1 / Math.sqrt(sq + 1e-12);
    for (let d = 0; d < dim; d++) out[o + d] *= inv;
  }
  return out;
}

function reach(w: HeadWeights, data: Float32Array, o: number): number {
  if (!(w.radius > 0) || w.anchors.length === 0) return 1;
  let best = -Infinity;
  for (let a = 0; a < w.anchors.length; a += w.dim) {
    let dot = 0;
    for (let d = 0; d < w.dim; d++) dot += data[o + d] * w.anchors[a + d];
    if (dot > best) best = dot;
  }
  return Math.max(0, Math.min(1, 2 - (1 - best) / w.radius));
}
