// Binds the API's intelligence port to the real services: ANN similar search (library sample or outside file),
// kNN labels whose corrections re-label neighbours at once, exact + near duplicates, the stored incremental map,
// clusters and the cross-validated report. Only the translation into the contract's shapes lives here.
import type { LibraryDb } from '../store/index.js';
import type { ReportView } from '../../shared/contract/views.js';
import {
  classifyLibrary, findDuplicates, findSimilar, libraryMap, libraryReport, setUserLabel,
  type SimilarFilters, type SimilarResult,
} from '../services/index.js';
import { libraryClustering, libraryClusteringAsync, type LibraryClustering } from '../services/clusters.js';
import { invalidateLibraryVectors, loadLibraryVectors, type LibraryVectors } from '../services/library-vectors.js';
import { ApiError } from './api-error.js';
import { createPersonalHeadPort, type PersonalHeadPort } from './personal-head-port.js';
import type { DuplicateSet, IntelligencePort, MapLayout, SimilarAnswer, SimilarQuery } from './intelligence-port.js';

/** Above this many sounds in one correction, one full re-labelling beats re-labelling each one's neighbourhood. */
const BULK_RELABEL = 64;
/** Up to this many sounds a fresh clustering takes a few hundred ms at most: the map waits for it instead of arriving grey. */
const INLINE_CLUSTERING = 1000;

export interface ServiceIntelligenceOptions {
  /** Clusters computed in the background are ready (the map sent before them had none). */
  onClustersReady?(clusters: number): void;
  onError?(message: string): void;
}

export class ServiceIntelligence implements IntelligencePort {
  /** The clustering of one loaded vector set (the object identity changes when the analysed set does). */
  private clusters: { vectors: LibraryVectors; c: LibraryClustering } | null = null;
  private clustering: Promise<void> | null = null;
  /** Stops a background clustering when the host closes, so its worker does not outlive the library. */
  private readonly stop = new AbortController();
  private dupes: Promise<DuplicateSet[]> | null = null;
  /** Map work runs one at a time: each call may extend and store the layout. */
  private mapQueue: Promise<unknown> = Promise.resolve();

  /** Trains the user's personal similarity head in a worker when their labels change. */
  readonly personalHead: PersonalHeadPort;

  constructor(private readonly db: LibraryDb, private readonly opts: ServiceIntelligenceOptions = {}) {
    this.personalHead = createPersonalHeadPort(db);
  }

  invalidate(what: 'vectors' | 'labels'): void {
    if (what === 'vectors') {
      invalidateLibraryVectors(this.db);
      this.clusters = null;
      this.dupes = null;
    }
  }

  async similar(q: SimilarQuery): Promise<SimilarAnswer> {
    const target = 'sampleId' in q.target ? q.target.sampleId : q.target.file;
    const w = q.weights;
    // Equal weights state no aspect preference: let the service search its best space (the learned embedding).
    const weights = w && !(w.timbre > 0 && w.timbre === w.envelope && w.envelope === w.pitch) ? w : undefined;
    const f = q.filters;
    const base: SimilarFilters = {
      kind: f?.kinds?.length === 1 ? f.kinds[0] : undefined,
      minDurationSec: f?.durationMin,
      maxDurationSec: f?.durationMax,
      minMidi: f?.midiMin,
      maxMidi: f?.midiMax,
    };
    const categories = f?.categories?.length ? [...new Set(f.categories)] : [undefined];
    // The service filters on one category; several are searched one by one and merged (exact top k overall).
    const results: SimilarResult[] = [];
    for (const category of categories) results.push(await translate(() => findSimilar(this.db, target, { k: q.k, weights, filters: { ...base, category } }), this.fileOf(target)));
    const hits = results.flatMap((r) => r.results.map((h) => ({ id: h.id, distance: h.distance })));
    hits.sort((a, b) => a.distance - b.distance);
    return { hits: hits.slice(0, q.k), space: results[0]?.vectors ?? 'descriptors' };
  }

  /** Positions as soon as they exist; clusters too when stored or quick, else they follow (onClustersReady). */
  mapLayout(): Promise<MapLayout> {
    return this.serial(async () => {
      const map = await libraryMap(this.db);
      const n = map.points.length;
      const c = n ? this.clustersNow() : null;
      const ids = new Int32Array(n);
      const x = new Float32Array(n);
      const y = new Float32Array(n);
      const cluster = new Int32Array(n);
      map.points.forEach((p, i) => {
        ids[i] = p.id;
        x[i] = p.x;
        y[i] = p.y;
        cluster[i] = c ? clusterOf(c, p.id) : -1;
      });
      fitSquare(x, y);
      return { ids, x, y, cluster, clusters: c?.k ?? 0 };
    });
  }

  /** Background clustering under way, if any (tests and hosts can await it). */
  clustersPending(): Promise<void> | null {
    return this.clustering;
  }

  distancesTo(id: number): Promise<{ ids: number[]; distance: number[] }> {
    return this.serial(async () => {
      const map = await translate(() => libraryMap(this.db, { selectedId: id }));
      return { ids: map.points.map((p) => p.id), distance: map.points.map((p) => p.distance ?? Number.NaN) };
    });
  }

  duplicates(): Promise<DuplicateSet[]> {
    this.dupes ??= findDuplicates(this.db).then((r) => r.groups.map((g) => ({ kind: g.kind, similarity: g.similarity, ids: g.members.map((m) => m.id) })));
    this.dupes.catch(() => {
      this.dupes = null;
    });
    return this.dupes;
  }

  async report(): Promise<ReportView> {
    let r;
    try {
      r = await libraryReport(this.db);
    } catch (err) {
      const message = (err as Error).message;
      // Too few labelled sounds is a state to show, not a failure.
      if (/needs at least/.test(message)) return { classes: [], matrix: [], perClass: [], macroF1: 0, labelled: 0, note: message.replace(/ with `[^`]+`/g, '').replace(/ or `[^`]+`/g, '') };
      throw err;
    }
    // The service counts 'unknown' rejections in an extra column; show it as a class only when it happened.
    const rejected = r.confusion.some((row) => row[r.labels.length] > 0);
    const classes = rejected ? [...r.labels, 'unknown'] : [...r.labels];
    const matrix = r.confusion.map((row) => (rejected ? [...row] : row.slice(0, r.labels.length)));
    if (rejected) matrix.push(new Array<number>(classes.length).fill(0));
    return {
      classes,
      matrix,
      perClass: r.perClass.map((c) => ({ name: c.label, precision: c.precision, recall: c.recall, f1: c.f1, support: c.support })),
      macroF1: r.macroF1,
      labelled: r.labelled,
      note: `${r.note}; accuracy ${Math.round(r.accuracy * 1000) / 10}%`,
    };
  }

  async setUserLabels(ids: number[], category: string | null): Promise<number[]> {
    const since = Date.now();
    // 'unknown' is the user saying "none of these": no reference to learn from, but it overrides the model.
    const learn = category === 'unknown' ? null : category;
    if (ids.length <= BULK_RELABEL) {
      for (const id of ids) await translate(() => setUserLabel(this.db, id, learn));
    } else {
      this.db.transaction(() => ids.forEach((id) => (learn === null ? this.db.labels.clear(id, 'user') : this.db.labels.set(id, learn, 'user', 1, { by: 'user' }))));
      await classifyLibrary(this.db, { characterTags: false });
    }
    if (category === 'unknown') this.db.transaction(() => ids.forEach((id) => this.db.labels.set(id, 'unknown', 'user', 1, { by: 'user' })));
    const touched = this.db.db.prepare('SELECT DISTINCT sample_id AS id FROM labels WHERE updated_at >= ?').all(since) as Array<{ id: number }>;
    return [...new Set([...ids, ...touched.map((t) => t.id)])];
  }

  /**
   * The clustering for the current vectors if it can be had now: cached, stored (extended with new sounds), or
   * computed inline for a small library. Otherwise null, and a full clustering starts in the background.
   */
  private clustersNow(): LibraryClustering | null {
    const vectors = loadLibraryVectors(this.db);
    if (this.clusters?.vectors === vectors) return this.clusters.c;
    const c = libraryClustering(this.db, { vectors, storedOnly: vectors.ids.length > INLINE_CLUSTERING });
    if (c) {
      this.clusters = { vectors, c };
      return c;
    }
    this.clusterInBackground();
    return null;
  }

  private clusterInBackground(): void {
    if (this.clustering || this.stop.signal.aborted) return;
    // A timer, not a microtask: the map answer goes out first; the clustering then runs in its worker.
    this.clustering = new Promise<void>((done) => setTimeout(done, 20))
      .then(async () => {
        if (this.stop.signal.aborted) return;
        const vectors = loadLibraryVectors(this.db);
        const c = await libraryClusteringAsync(this.db, { vectors, signal: this.stop.signal });
        this.clusters = { vectors, c };
        this.clustering = null;
        this.opts.onClustersReady?.(c.k);
      })
      .catch((err: unknown) => {
        this.clustering = null;
        // Stopped because the host closed: nothing failed and nobody is listening.
        if (!this.stop.signal.aborted) this.opts.onError?.(`clustering failed: ${(err as Error).message}`);
      });
  }

  /** The host is closing: stop background work (a clustering's worker ends at once; nothing half-done is stored). */
  close(): void {
    this.stop.abort();
  }

  /** The file behind a similar query's target, to name it when it has gone missing. */
  private fileOf(target: number | string): string | null {
    return typeof target === 'string' ? target : (this.db.samples.get(target)?.path ?? null);
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.mapQueue.then(fn, fn);
    this.mapQueue = run.catch(() => undefined);
    return run;
  }
}

/** The services speak plain Errors; turn the ones that mean "bad input" or "not ready" into API errors. */
async function translate<T>(fn: () => Promise<T>, file: string | null = null): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ApiError) throw err;
    const m = (err as Error).message;
    // A library sound whose file was moved or deleted since the scan: say which, and what to do, not a stack.
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'vanished' || /\bENOENT\b/.test(m)) {
      const path = (err as NodeJS.ErrnoException).path ?? file;
      throw new ApiError('not-found', `the file ${path ?? 'of this sound'} is missing; rescan or relink its folder`);
    }
    if (/no analysed sounds|has no analysis yet|not on the map|not analysed/.test(m)) throw new ApiError('unavailable', m);
    if (/^no sample with id/.test(m)) throw new ApiError('not-found', m);
    if (/weight|unknown category|cannot analyse|no feature vector|feature vector has|not in the library and no such file|is a folder/.test(m)) throw new ApiError('bad-request', m);
    throw err;
  }
}

/** Cluster of a sample by binary search over the clustering's ascending ids (-1 when it has none). */
function clusterOf(c: LibraryClustering, id: number): number {
  let lo = 0;
  let hi = c.ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = c.ids[mid];
    if (v === id) return c.assignment[mid];
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Centres the layout in [-1, 1]² with one scale for both axes, so distances on screen keep their proportions. */
function fitSquare(x: Float32Array, y: Float32Array): void {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < x.length; i++) {
    x0 = Math.min(x0, x[i]);
    x1 = Math.max(x1, x[i]);
    y0 = Math.min(y0, y[i]);
    y1 = Math.max(y1, y[i]);
  }
  const half = Math.max(x1 - x0, y1 - y0) / 2 || 1;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  for (let i = 0; i < x.length; i++) {
    x[i] = (x[i] - cx) / half;
    y[i] = (y[i] - cy) / half;
  }
}
