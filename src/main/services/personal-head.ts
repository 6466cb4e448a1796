// On-device learning: a small projection head over the learned embedding, trained on the user's own labels and tags
// and saved next to the library (`${db.file}.head`). Every service that searches the embedding space passes its
// vectors through `personaliseEmbeddings` / `personaliseVector`, so "808 kick" vs "acoustic kick" shapes similar
// search and the kNN labels alike. The head is a shrunk residual: with few labels it nudges the space, never replaces it.
import type { LibraryDb } from '../store/index.js';
import type { Embedder } from '../ml/embedder.js';
import { ensureEmbeddings, sharedEmbedder, type LibraryEmbeddings } from './embedding-store.js';
import { headStamp, personalHeadPath, projectRows, readHeadFile, removeHeadFile, type HeadTrainingInfo, type HeadWeights } from './personal-head-file.js';
import { MIN_CLASSES, MIN_PER_CLASS, collectTrainingLabels } from './personal-head-labels.js';
import { trainHeadHere, trainHeadInWorker, type HeadTrainOutcome } from './personal-head-train.js';
import type { PersonalHeadView } from '../../shared/contract/views.js';

export { personalHeadPath } from './personal-head-file.js';

/** The labels hash the user last reset at: the head is not retrained from those same labels until they change. */
const RESET_SETTING = 'personalHead.resetLabelsHash';

/** Where the personal head stands: the contract's view is exactly this, so the UI shows what the service knows. */
export type PersonalHeadStatus = PersonalHeadView;

interface Projector {
  stamp: string;
  version: string;
  weights: HeadWeights | null;
  problem: string | null;
}

const projectors = new WeakMap<LibraryDb, Projector>();

/** The head for this library and model, re-read only when the file changed; null when none applies. */
function projectorFor(db: LibraryDb, version: string): Projector {
  const path = personalHeadPath(db);
  const stamp = headStamp(path);
  const cached = projectors.get(db);
  if (cached && cached.stamp === stamp && cached.version === version) return cached;
  let weights: HeadWeights | null = null;
  let problem: string | null = null;
  try {
    weights = readHeadFile(path);
    if (weights && weights.baseVersion !== version) {
      // Trained over another model's vectors: meaningless here, so it is ignored (and retrained when labels allow).
      problem = `trained for embedding model ${weights.baseVersion}, the library now uses ${version}`;
      weights = null;
    }
  } catch (err) {
    // A damaged head must not stop search; the status line says so and a reset or retrain replaces it.
    problem = (err as Error).message;
  }
  const fresh = { stamp, version, weights, problem };
  projectors.set(db, fresh);
  return fresh;
}

/**
 * Key of the space the library's embeddings are searched in: changes when the head is trained, replaced or reset,
 * so caches of projected vectors know to rebuild.
 */
export function personalSpaceKey(db: LibraryDb): string {
  return headStamp(personalHeadPath(db));
}

/** The library's embeddings in the user's space (the same object when no head applies). */
export function personaliseEmbeddings(db: LibraryDb, e: LibraryEmbeddings): LibraryEmbeddings {
  const w = projectorFor(db, e.version).weights;
  if (!w || w.dim !== e.dim) return e;
  return { ...e, data: projectRows(w, e.data) };
}

/**
 * One or more vectors of model `version` (a query, built-in references) in the user's space; returned unchanged
 * when no head applies.
 */
export function personaliseVector(db: LibraryDb, version: string, v: Float32Array): Float32Array {
  const w = projectorFor(db, version).weights;
  if (!w || v.length % w.dim !== 0) return v;
  return projectRows(w, v);
}

function trainedOf(info: HeadTrainingInfo | null): PersonalHeadStatus['trained'] {
  if (!info) return null;
  return { labels: info.labels, classes: info.classes, at: info.trainedAt, seconds: Math.round(info.seconds * 10) / 10, groups: info.classCounts.slice(0, 20) };
}

/** Where the head stands for this library (no training state: see PersonalHeadTrainer for that). */
export function personalHeadStatus(db: LibraryDb, modelVersion: string | null): PersonalHeadStatus {
  const labels = collectTrainingLabels(db);
  let weights: HeadWeights | null = null;
  let message: string | null = null;
  if (modelVersion) {
    const p = projectorFor(db, modelVersion);
    weights = p.weights;
    message = p.problem;
  } else {
    message = 'the embedding model (assets/model) could not be loaded, so similarity is not personalised';
  }
  const current = weights?.info?.labelsHash === labels.hash;
  return {
    state: weights ? (current ? 'trained' : 'outdated') : message && !/could not be loaded/.test(message) ? 'outdated' : 'untrained',
    labels: labels.items.length,
    classes: labels.usableClasses,
    needs: labels.needs,
    trained: weights ? trainedOf(weights.info) : null,
    progress: null,
    message,
  };
}

export interface TrainPersonalHeadOptions {
  embedder?: Embedder;
  /** Train in a worker thread (default true); false trains in this thread (the CLI). */
  worker?: boolean;
  signal?: AbortSignal;
  onProgress?: (epoch: number, epochs: number, loss: number) => void;
  epochs?: number;
  seed?: number;
}

export interface TrainPersonalHeadResult {
  /** False when stopped before the end; the previous head (if any) is still in force. */
  trained: boolean;
  labels: number;
  classes: number;
  lossBefore: number | null;
  lossAfter: number | null;
  seconds: number;
  blend: number;
  file: string;
}

/** Trains the head on the user's current labels and saves it. Throws when there are not enough labels. */
export async function trainPersonalHead(db: LibraryDb, opts: TrainPersonalHeadOptions = {}): Promise<TrainPersonalHeadResult> {
  const embedder = opts.embedder ?? (await sharedEmbedder());
  if (!embedder) throw new Error('the embedding model (assets/model) could not be loaded; personal similarity needs it');
  const labels = collectTrainingLabels(db);
  if (labels.needs) throw new Error(`not enough labels to personalise similarity yet: ${labels.needs}`);
  const e = await ensureEmbeddings(db, embedder, { signal: opts.signal });
  const usable = labels.items.filter((it) => e.row.has(it.id));
  const counts = new Map<string, number>();
  for (const it of usable) counts.set(it.label, (counts.get(it.label) ?? 0) + 1);
  const classCounts = [...counts].map(([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  const classes = classCounts.filter((c) => c.count >= MIN_PER_CLASS).length;
  if (classes < MIN_CLASSES) {
    throw new Error(`not enough analysed labelled sounds to personalise similarity yet: ${classes} group(s) with ${MIN_PER_CLASS}+ analysed sounds, ${MIN_CLASSES} needed`);
  }
  const vectors = new Float32Array(usable.length * e.dim);
  usable.forEach((it, i) => {
    const r = e.row.get(it.id)!;
    vectors.set(e.data.subarray(r * e.dim, (r + 1) * e.dim), i * e.dim);
  });
  const file = personalHeadPath(db);
  const input = {
    dim: e.dim, baseVersion: e.version, vectors, labels: usable.map((it) => it.label), path: file, epochs: opts.epochs, seed: opts.seed,
    extra: { labelsHash: labels.hash, labels: usable.length, classes, classCounts, trainedAt: Date.now() },
  };
  const hooks = { signal: opts.signal, onProgress: opts.onProgress };
  const out: HeadTrainOutcome = opts.worker === false ? await trainHeadHere(input, hooks) : await trainHeadInWorker(input, hooks);
  if (out.report) db.settings.set(RESET_SETTING, null);
  return {
    trained: out.report !== null, labels: usable.length, classes, lossBefore: out.report?.lossBefore ?? null, lossAfter: out.report?.lossAfter ?? null,
    seconds: out.seconds, blend: out.blend, file,
  };
}

/** Forgets the user's personal similarity: deletes the head file (only that). Returns whether there was one. */
export function resetPersonalHead(db: LibraryDb): boolean {
  // Remember which labels were reset, so the background trainer does not rebuild the same head at the next start.
  db.settings.set(RESET_SETTING, collectTrainingLabels(db).hash);
  projectors.delete(db);
  return removeHeadFile(personalHeadPath(db));
}

/** True when the head is missing or out of date, there are enough labels, and the user did not reset these labels. */
export function personalHeadDue(db: LibraryDb, modelVersion: string): boolean {
  const labels = collectTrainingLabels(db);
  if (labels.needs) return false;
  const w = projectorFor(db, modelVersion).weights;
  if (w?.info?.labelsHash === labels.hash) return false;
  return !(w === null && db.settings.get<string | null>(RESET_SETTING) === labels.hash);
}

export interface PersonalHeadTrainerOptions {
  /** Quiet time after the last label change before training starts (default 4 s: a burst of labels trains once). */
  delayMs?: number;
  /** Train in a worker thread (default true). */
  worker?: boolean;
  embedder?: () => Promise<Embedder | null>;
  /** Every status change (schedule, progress, done, failure), for the UI. */
  onStatus?: (s: PersonalHeadStatus) => void;
  /** After a new head was saved: re-label the library in the new space, refresh views. */
  onTrained?: (r: TrainPersonalHeadResult) => Promise<void> | void;
}

/**
 * Keeps one library's head in step with the user's labels in the background: debounced after changes, one run
 * at a time (a change during a run queues one more), stopped by reset and close.
 */
export class PersonalHeadTrainer {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private stop: AbortController | null = null;
  private again = false;
  private progress: PersonalHeadStatus['progress'] = null;
  private failure: string | null = null;
  private closed = false;
  private modelVersion: string | null = null;

  constructor(private readonly db: LibraryDb, private readonly opts: PersonalHeadTrainerOptions = {}) {}

  private async embedder(): Promise<Embedder | null> {
    const e = await (this.opts.embedder ?? sharedEmbedder)();
    this.modelVersion = e?.version ?? null;
    return e;
  }

  /** Checks at open: labels changed while the app was closed (e.g. `sonoteca labels import`) → train soon. */
  async start(): Promise<void> {
    const e = await this.embedder();
    if (!this.closed && e && personalHeadDue(this.db, e.version)) this.schedule();
  }

  /** The user's labels or tags changed. */
  labelsChanged(): void {
    if (this.closed) return;
    this.schedule();
  }

  private schedule(delayMs = this.opts.delayMs ?? 4000): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.running) this.again = true;
      else void this.run(false);
    }, delayMs);
    this.emit();
  }

  /** Trains now (whatever the debounce), resolving when done; a run already going is waited for instead. */
  async trainNow(): Promise<PersonalHeadStatus> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.running) await this.running;
    else await this.run(true);
    return this.status();
  }

  private run(explicit: boolean): Promise<void> {
    const go = async () => {
      const embedder = await this.embedder();
      if (!embedder || this.closed) return;
      // Background runs train only when it is due; an explicit request retrains anyway (and reports why not).
      if (!explicit && !personalHeadDue(this.db, embedder.version)) {
        // Labels fell below what training needs: a head built from labels the user took back must not linger.
        if (collectTrainingLabels(this.db).needs && removeHeadFile(personalHeadPath(this.db))) await this.opts.onTrained?.(this.emptyResult());
        return;
      }
      this.stop = new AbortController();
      this.failure = null;
      this.progress = { epoch: 0, epochs: 0 };
      this.emit();
      const r = await trainPersonalHead(this.db, {
        embedder, worker: this.opts.worker ?? true, signal: this.stop.signal,
        onProgress: (epoch, epochs) => {
          this.progress = { epoch, epochs };
          this.emit();
        },
      });
      this.progress = null;
      if (r.trained && !this.closed) await this.opts.onTrained?.(r);
    };
    const p = go().catch((err: unknown) => {
      this.failure = (err as Error).message;
      if (explicit) throw err;
    }).finally(() => {
      this.running = null;
      this.stop = null;
      this.progress = null;
      if (!this.closed) {
        this.emit();
        if (this.again) {
          this.again = false;
          this.schedule(0);
        }
      }
    });
    this.running = p.catch(() => undefined);
    return p;
  }

  private emptyResult(): TrainPersonalHeadResult {
    return { trained: false, labels: 0, classes: 0, lossBefore: null, lossAfter: null, seconds: 0, blend: 0, file: personalHeadPath(this.db) };
  }

  /** Stops any run, deletes the head and returns the new status. Labelling again later trains a new one. */
  async reset(): Promise<PersonalHeadStatus> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.again = false;
    this.stop?.abort();
    await this.running;
    resetPersonalHead(this.db);
    this.failure = null;
    await this.opts.onTrained?.(this.emptyResult());
    return this.status();
  }

  status(): PersonalHeadStatus {
    const s = personalHeadStatus(this.db, this.modelVersion);
    if (this.running) return { ...s, state: 'training', progress: this.progress };
    if (this.timer) return { ...s, state: 'waiting' };
    if (this.failure) return { ...s, state: 'error', message: this.failure };
    return s;
  }

  /** Status with the model version resolved (the first call may load the model). */
  async currentStatus(): Promise<PersonalHeadStatus> {
    if (this.modelVersion === null) await this.embedder();
    return this.status();
  }

  private emit(): void {
    if (this.closed || !this.opts.onStatus) return;
    try {
      this.opts.onStatus(this.status());
    } catch {
      // A listener's failure is the listener's problem; training goes on.
    }
  }

  /** Stops the timer and any run (nothing half-trained is saved). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.stop?.abort();
    await this.running;
  }
}
