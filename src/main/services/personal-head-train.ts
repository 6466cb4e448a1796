// Trains and saves a personal projection head, in a worker thread (the app: the same process serves the UI) or
// inline (the CLI, which has nothing else to do). A stopped run saves nothing, so the old head stays in force.
import { Worker } from 'node:worker_threads';
import { resolveWorkerScript } from '../pipeline/worker-pool.js';
import type { HeadTrainReport } from '../ml/projection-head.js';

export interface HeadTrainInput {
  dim: number;
  baseVersion: string;
  /** Labelled embeddings, dim values per row, one label per row. */
  vectors: Float32Array;
  labels: string[];
  /** Where to save (write-then-rename). */
  path: string;
  /** Stored with the weights (what the head was trained on); `seconds`, `lossBefore`, `lossAfter` are added. */
  extra: Record<string, unknown>;
  epochs?: number;
  seed?: number;
}

export interface HeadTrainOutcome {
  /** Null when stopped before the end (nothing saved). */
  report: HeadTrainReport | null;
  seconds: number;
  blend: number;
}

export interface HeadTrainHooks {
  signal?: AbortSignal;
  onProgress?: (epoch: number, epochs: number, loss: number) => void;
}

/** Residual share kept at inference: n/(n+BLEND_HALF) — half strength at this many labels, near full at hundreds. */
export const BLEND_HALF = 24;
const BATCH = 128;

export function blendFor(examples: number): number {
  return examples / (examples + BLEND_HALF);
}

/** About 600 optimiser steps whatever the label count: small sets get more passes, big ones fewer. */
export function epochsFor(examples: number): number {
  return Math.max(20, Math.min(150, Math.ceil(600 / Math.ceil(examples / BATCH))));
}

/** Trains in this thread: the worker's body, and the CLI's path. */
export async function trainHeadHere(input: HeadTrainInput, hooks: HeadTrainHooks = {}): Promise<HeadTrainOutcome> {
  const t0 = performance.now();
  const [{ ProjectionHead }, { initTfBackend }] = await Promise.all([import('../ml/projection-head.js'), import('../ml/tf-backend.js')]);
  await initTfBackend();
  const n = input.labels.length;
  if (input.vectors.length !== n * input.dim) throw new RangeError(`personal head: ${n} labels but ${input.vectors.length / input.dim} vectors`);
  const examples = input.labels.map((label, i) => ({ label, vector: input.vectors.subarray(i * input.dim, (i + 1) * input.dim) }));
  const head = new ProjectionHead(input.dim, input.baseVersion, 64, input.seed ?? 1);
  const blend = blendFor(n);
  try {
    const epochs = input.epochs ?? epochsFor(n);
    const report = await head.train(examples, { epochs, seed: input.seed ?? 1, signal: hooks.signal, onProgress: (e, loss) => hooks.onProgress?.(e, epochs, loss) });
    const seconds = (performance.now() - t0) / 1000;
    if (hooks.signal?.aborted) return { report: null, seconds, blend };
    head.blend = blend;
    await head.save(input.path, { ...input.extra, seconds, lossBefore: report.lossBefore, lossAfter: report.lossAfter });
    return { report, seconds, blend };
  } finally {
    head.dispose();
  }
}

type WorkerMessage =
  | { type: 'progress'; epoch: number; epochs: number; loss: number }
  | { type: 'done'; outcome: HeadTrainOutcome }
  | { type: 'error'; message: string };

/** The same training in a worker thread; aborting asks it to stop and resolves with `report: null`. */
export function trainHeadInWorker(input: HeadTrainInput, hooks: HeadTrainHooks = {}): Promise<HeadTrainOutcome> {
  return new Promise((resolve, reject) => {
    const script = resolveWorkerScript(new URL('./personal-head-worker.ts', import.meta.url));
    // Under tsx the pipeline's bootstrap registers the TypeScript loader inside the thread.
    const isTs = script.pathname.endsWith('.ts');
    const worker = new Worker(isTs ? new URL('../pipeline/ts-worker-bootstrap.mjs', import.meta.url) : script, {
      workerData: { __sonotecaWorkerScript: script.href, input },
    });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      hooks.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      fn();
    };
    const onAbort = () => worker.postMessage({ type: 'abort' });
    if (hooks.signal?.aborted) onAbort();
    hooks.signal?.addEventListener('abort', onAbort);
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') hooks.onProgress?.(m.epoch, m.epochs, m.loss);
      else if (m.type === 'done') finish(() => resolve(m.outcome));
      else finish(() => reject(new Error(`personal head training failed: ${m.message}`)));
    });
    worker.once('error', (err) => finish(() => reject(err)));
    worker.once('exit', (code) => finish(() => reject(new Error(`personal head training stopped (worker exit code ${code})`))));
  });
}
