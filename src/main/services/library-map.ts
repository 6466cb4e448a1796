// The library's 2-D map: computed off the main thread, stored in the library's settings, and extended in place when
// sounds are added (old points stay where the user learnt them); colour data includes distance to a chosen sound.
import type { LibraryDb } from '../store/index.js';
import { computeMapInWorker } from '../intelligence/map-worker.js';
import { computeMapLayout, extendMapLayout } from '../intelligence/map-layout.js';
import { SIMILAR_WEIGHTS, aspectScales, loadLibraryVectors, scaleRows } from './library-vectors.js';
import { sqDist } from '../intelligence/vector-math.js';

const SETTING = 'intelligence.map';
const VERSION = 1;
/** Above this share of new sounds a fresh layout beats patching the old one. */
const MAX_INCREMENTAL_SHARE = 0.3;

interface StoredMap {
  version: number;
  dim: number;
  ids: number[];
  /** Interleaved x, y per id. */
  xy: number[];
}

export interface MapPoint {
  id: number;
  x: number;
  y: number;
  category: string | null;
  /** Distance in descriptor space to the selected sound (when one was given). */
  distance?: number;
}

export interface MapResult {
  /** 'full' = laid out afresh, 'incremental' = new sounds placed into the stored map, 'stored' = unchanged. */
  mode: 'full' | 'incremental' | 'stored';
  added: number;
  points: MapPoint[];
  seconds: number;
}

export interface MapOptions {
  /** Recompute from scratch even when a stored map could be extended. */
  recompute?: boolean;
  /** Colour by distance to this sample. */
  selectedId?: number;
  /** Run the full layout in a worker thread (default true; false runs it inline, e.g. inside a worker already). */
  worker?: boolean;
}

export async function libraryMap(db: LibraryDb, opts: MapOptions = {}): Promise<MapResult> {
  const t0 = performance.now();
  const v = loadLibraryVectors(db);
  const n = v.ids.length;
  const data = scaleRows(v.standard, v.dim, aspectScales(v.dim, SIMILAR_WEIGHTS));
  const stored = db.settings.get<StoredMap>(SETTING);
  const usable = !opts.recompute && stored && stored.version === VERSION && stored.dim === v.dim ? stored : null;
  const oldPos = new Map<number, [number, number]>();
  if (usable) usable.ids.forEach((id, i) => oldPos.set(id, [usable.xy[2 * i], usable.xy[2 * i + 1]]));
  const keptIds = [...v.ids].filter((id) => oldPos.has(id));
  const newIds = [...v.ids].filter((id) => !oldPos.has(id));
  let mode: MapResult['mode'];
  let ids: number[];
  let xy: Float32Array;
  if (n === 0) {
    mode = 'full';
    ids = [];
    xy = new Float32Array(0);
  } else if (usable && keptIds.length >= 3 && newIds.length <= MAX_INCREMENTAL_SHARE * n) {
    ids = [...keptIds, ...newIds];
    const ordered = new Float32Array(n * v.dim);
    ids.forEach((id, i) => {
      const r = v.row.get(id)!;
      ordered.set(data.subarray(r * v.dim, (r + 1) * v.dim), i * v.dim);
    });
    const old = new Float32Array(keptIds.length * 2);
    keptIds.forEach((id, i) => old.set(oldPos.get(id)!, i * 2));
    xy = newIds.length ? extendMapLayout(ordered, v.dim, old) : old;
    mode = newIds.length ? 'incremental' : 'stored';
  } else {
    ids = [...v.ids];
    xy = opts.worker === false || n < 500 ? computeMapLayout(data, v.dim) : await computeMapInWorker(data, v.dim);
    mode = 'full';
  }
  if (mode !== 'stored' || keptIds.length !== usable?.ids.length) {
    db.settings.set(SETTING, { version: VERSION, dim: v.dim, ids, xy: Array.from(xy, (x) => Math.round(x * 1e4) / 1e4) } satisfies StoredMap);
  }
  const cats = db.labels.categories(ids);
  let distanceOf: ((id: number) => number) | null = null;
  if (opts.selectedId !== undefined) {
    const sr = v.row.get(opts.selectedId);
    if (sr === undefined) throw new Error(`sample ${opts.selectedId} is not on the map (not analysed yet?)`);
    distanceOf = (id) => Math.sqrt(sqDist(data, sr * v.dim, data, v.row.get(id)! * v.dim, v.dim));
  }
  const points = ids.map((id, i) => ({
    id,
    x: Math.round(xy[2 * i] * 1e4) / 1e4,
    y: Math.round(xy[2 * i + 1] * 1e4) / 1e4,
    category: cats.get(id)?.name ?? null,
    ...(distanceOf ? { distance: Math.round(distanceOf(id) * 1e4) / 1e4 } : {}),
  }));
  return { mode, added: mode === 'full' ? n : newIds.length, points, seconds: (performance.now() - t0) / 1000 };
}
