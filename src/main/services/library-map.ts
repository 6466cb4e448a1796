// The library's 2-D map: computed off the main thread, stored in the library's settings, and extended in place when
// sounds are added (old points stay where the user learnt them); colour data includes distance to a chosen sound.
// The answer is kept per library and handed out again while nothing it was built from has changed.
import type { LibraryDb } from '../store/index.js';
import { computeMapInWorker } from '../intelligence/map-worker.js';
import { computeMapLayout, extendMapLayout } from '../intelligence/map-layout.js';
import { SIMILAR_WEIGHTS, aspectScales, loadLibraryVectors, scaleRows, type LibraryVectors } from './library-vectors.js';
import { sqDistWeighted } from '../intelligence/vector-math.js';
import { databaseStamp, labelsStamp } from './library-map-stamps.js';

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
  /** Shared with later calls while the library is unchanged, so frozen: copy before changing. */
  points: readonly MapPoint[];
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

/** One library's last answer and what it was built from, each part reusable on its own. */
interface MapMemo {
  /** databaseStamp when the call began: equal later means nothing at all was written since. */
  db: string | null;
  /** The loaded vectors: a new object whenever the analysed set changes. */
  vectors: LibraryVectors;
  /** The stored layout's JSON as it stood after the call: equal later means nobody recomputed or replaced it. */
  storedJson: string | null;
  ids: number[];
  xy: Float32Array;
  /** labelsStamp the categories were read under; null when that read cannot vouch for them. */
  labels: string | null;
  points: readonly MapPoint[];
}

const memos = new WeakMap<LibraryDb, MapMemo>();

export async function libraryMap(db: LibraryDb, opts: MapOptions = {}): Promise<MapResult> {
  const t0 = performance.now();
  const stamp = databaseStamp(db);
  const memo = memos.get(db);
  if (!opts.recompute && memo && stamp !== null && memo.db === stamp) return answer(memo, 'stored', 0, opts, t0);

  const v = loadLibraryVectors(db);
  let storedJson = readStoredJson(db);
  let layout: Layout;
  if (!opts.recompute && memo && memo.vectors === v && storedJson !== null && memo.storedJson === storedJson) {
    layout = { ids: memo.ids, xy: memo.xy, mode: 'stored', added: 0 };
  } else {
    layout = await resolveLayout(db, v, storedJson, opts);
    if (layout.wrote) storedJson = readStoredJson(db);
  }
  const labels = labelsStamp(db);
  const samePoints = memo && layout.ids === memo.ids && labels.trusted && memo.labels === labels.key;
  const points = samePoints ? memo.points : buildPoints(db, layout.ids, layout.xy);
  const next: MapMemo = { db: stamp, vectors: v, storedJson, ids: layout.ids, xy: layout.xy, labels: labels.trusted ? labels.key : null, points };
  memos.set(db, next);
  return answer(next, layout.mode, layout.added, opts, t0);
}

interface Layout {
  ids: number[];
  xy: Float32Array;
  mode: MapResult['mode'];
  added: number;
  /** Whether the stored layout was (re)written. */
  wrote?: boolean;
}

/** The raw stored layout: comparing it whole is exact and costs a few ms, where parsing it costs tens. */
function readStoredJson(db: LibraryDb): string | null {
  return (db.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(SETTING) as string | undefined) ?? null;
}

/** Reads the stored layout and keeps, extends or replaces it (storing the result when it changed). */
async function resolveLayout(db: LibraryDb, v: LibraryVectors, storedJson: string | null, opts: MapOptions): Promise<Layout> {
  const n = v.ids.length;
  // Aspect-weighted rows: plain Euclidean distance in them is the similar search's "sounds like".
  const data = scaleRows(v.standard, v.dim, aspectScales(v.dim, SIMILAR_WEIGHTS));
  const stored = storedJson === null ? undefined : (JSON.parse(storedJson) as StoredMap);
  const usable = !opts.recompute && stored && stored.version === VERSION && stored.dim === v.dim ? stored : null;
  const oldPos = new Map<number, number>();
  if (usable) usable.ids.forEach((id, i) => oldPos.set(id, i));
  const keptIds: number[] = [];
  const newIds: number[] = [];
  for (const id of v.ids) (oldPos.has(id) ? keptIds : newIds).push(id);
  let mode: MapResult['mode'];
  let ids: number[];
  let xy: Float32Array;
  if (n === 0) {
    mode = 'full';
    ids = [];
    xy = new Float32Array(0);
  } else if (usable && keptIds.length >= 3 && newIds.length <= MAX_INCREMENTAL_SHARE * n) {
    ids = [...keptIds, ...newIds];
    const old = new Float32Array(keptIds.length * 2);
    keptIds.forEach((id, i) => {
      const at = oldPos.get(id)!;
      old[2 * i] = usable.xy[2 * at];
      old[2 * i + 1] = usable.xy[2 * at + 1];
    });
    // Only a patch needs the rows in map order; an unchanged map is just read back.
    xy = newIds.length ? extendMapLayout(rowsInOrder(v, data, ids), v.dim, old) : old;
    mode = newIds.length ? 'incremental' : 'stored';
  } else {
    ids = [...v.ids];
    xy = opts.worker === false || n < 500 ? computeMapLayout(data, v.dim) : await computeMapInWorker(data, v.dim);
    mode = 'full';
  }
  const wrote = mode !== 'stored' || keptIds.length !== usable?.ids.length;
  if (wrote) db.settings.set(SETTING, { version: VERSION, dim: v.dim, ids, xy: Array.from(xy, round4) } satisfies StoredMap);
  return { ids, xy, mode, added: mode === 'full' ? n : newIds.length, wrote };
}

function rowsInOrder(v: LibraryVectors, data: Float32Array, ids: readonly number[]): Float32Array {
  const out = new Float32Array(ids.length * v.dim);
  ids.forEach((id, i) => {
    const r = v.row.get(id)!;
    out.set(data.subarray(r * v.dim, (r + 1) * v.dim), i * v.dim);
  });
  return out;
}

function buildPoints(db: LibraryDb, ids: number[], xy: Float32Array): readonly MapPoint[] {
  const cats = db.labels.categories(ids);
  const points = ids.map((id, i) => Object.freeze<MapPoint>({ id, x: round4(xy[2 * i]), y: round4(xy[2 * i + 1]), category: cats.get(id)?.name ?? null }));
  return Object.freeze(points);
}

/** The result for one call: the shared points, or fresh copies carrying the distance to the selected sound. */
function answer(memo: MapMemo, mode: MapResult['mode'], added: number, opts: MapOptions, t0: number): MapResult {
  let points = memo.points;
  if (opts.selectedId !== undefined) {
    const v = memo.vectors;
    const sr = v.row.get(opts.selectedId);
    if (sr === undefined) throw new Error(`sample ${opts.selectedId} is not on the map (not analysed yet?)`);
    // The layout's weighting applied inside the distance, so no weighted copy of every row is kept between calls.
    const w = aspectWeights(v.dim);
    const x = v.standard;
    points = points.map((p) => ({ ...p, distance: round4(Math.sqrt(sqDistWeighted(x, sr * v.dim, x, v.row.get(p.id)! * v.dim, w))) }));
  }
  return { mode, added, points, seconds: (performance.now() - t0) / 1000 };
}

/** Squares of the layout's per-dimension scales: weighted distance on standard rows = distance on scaled rows. */
function aspectWeights(dim: number): Float32Array {
  return aspectScales(dim, SIMILAR_WEIGHTS).map((s) => s * s);
}

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
