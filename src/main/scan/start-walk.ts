// Starts walking a root in a worker thread and hands the batches to the main thread as an async iterable, so a
// 100k-file rescan reads its known rows while the folders are walked, and the UI keeps answering meanwhile.
import { Worker } from 'node:worker_threads';
import { resolveWorkerScript } from '../pipeline/worker-pool.js';
import { walkInBatches, DEFAULT_WALK_BATCH, type WalkBatch } from './walk-batch.js';
import { newWalkStats } from './walk-folder.js';
import type { WalkRequest } from './walk-worker.js';

export interface StartWalkOptions {
  signal?: AbortSignal;
  batchSize?: number;
  /** Walk on the calling thread (the fallback; also lets tests compare both). */
  inThread?: boolean;
  /** Told when the worker could not start and the walk runs on this thread instead. */
  onFallback?: (reason: string) => void;
  /** Another walker script than the shipped one (tests of the fallback); such a thread is never kept for reuse. */
  workerScript?: URL;
}

type WorkerMessage = WalkBatch | { done: true };

// One finished walker is kept for the next scan: starting a thread costs more than walking a few thousand folders,
// and rescans come often (watcher, UI). It is unref'd while idle so it never keeps a process alive.
let idle: Worker | null = null;

/**
 * Starts the walk at once (so the caller can do other work while it runs) and returns its batches in walk order.
 * If the worker cannot start (its script missing from a bundle, a thread that fails to boot), the same walk runs on
 * this thread instead: slower for the UI, but the scan still completes. A worker that dies part-way ends the walk
 * with an 'io' problem on the root, which keeps every file not reached from being marked missing.
 */
export function startWalk(root: string, opts: StartWalkOptions = {}): AsyncIterableIterator<WalkBatch> {
  const batchSize = opts.batchSize ?? DEFAULT_WALK_BATCH;
  const inThread = () => walkHere(root, opts.signal, batchSize);
  if (opts.inThread || opts.signal?.aborted) return inThread();
  const fallback = (why: unknown) => {
    opts.onFallback?.(`walking ${root} on the main thread: the walk worker could not start (${(why as Error)?.message ?? String(why)})`);
    return inThread();
  };
  let worker: Worker;
  try {
    worker = opts.workerScript ? newWorker(opts.workerScript) : takeWorker();
  } catch (err) {
    return fallback(err);
  }
  const request: WalkRequest = { root, batchSize };
  worker.postMessage(request);
  return fromWorker(worker, root, opts.signal, fallback, !opts.workerScript);
}

/** Ends the kept walker thread (tests, and hosts that want every thread gone before exit). */
export async function stopIdleWalker(): Promise<void> {
  const w = idle;
  idle = null;
  await w?.terminate();
}

function takeWorker(): Worker {
  if (idle) {
    const w = idle;
    idle = null;
    w.ref();
    return w;
  }
  return newWorker(new URL('./walk-worker.ts', import.meta.url));
}

function newWorker(source: URL): Worker {
  const script = resolveWorkerScript(source);
  // Under tsx the pipeline's bootstrap registers the TypeScript loader inside the thread; built apps run the .js.
  const isTs = script.pathname.endsWith('.ts');
  const worker = new Worker(isTs ? new URL('../pipeline/ts-worker-bootstrap.mjs', import.meta.url) : script, {
    workerData: { __sonotecaWorkerScript: script.href },
  });
  worker.on('exit', () => {
    if (idle === worker) idle = null;
  });
  // A walk in progress hears errors through its own listener; an idle walker that dies must not crash the host.
  worker.on('error', () => {});
  return worker;
}

function keepWorker(w: Worker): void {
  if (idle) {
    void w.terminate();
    return;
  }
  w.unref();
  idle = w;
}

async function* fromWorker(worker: Worker, root: string, signal: AbortSignal | undefined, fallback: (why: Error) => AsyncIterableIterator<WalkBatch>, reusable: boolean): AsyncIterableIterator<WalkBatch> {
  const queue: WalkBatch[] = [];
  let done = false;
  // Set from the worker's events; read through `failed()` because TypeScript cannot see those assignments.
  let failure: Error | null = null;
  const failed = () => failure;
  let wake: (() => void) | null = null;
  const poke = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const onMessage = (msg: WorkerMessage) => {
    if ('done' in msg) done = true;
    else queue.push(msg);
    poke();
  };
  const onError = (err: Error) => {
    failure ??= err;
    poke();
  };
  const onExit = (code: number) => {
    if (!done) failure ??= new Error(`walk worker exited with code ${code}`);
    poke();
  };
  worker.on('message', onMessage);
  worker.on('error', onError);
  worker.on('exit', onExit);
  // Terminating interrupts the thread even inside a huge folder; batches not yet taken are dropped.
  const onAbort = () => {
    void worker.terminate();
    poke();
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  let taken = 0;
  let stats = newWalkStats();
  try {
    for (;;) {
      if (signal?.aborted) return;
      const next = queue.shift();
      if (next) {
        taken++;
        stats = next.stats;
        yield next;
        continue;
      }
      if (done) return;
      const why = failed();
      if (why) {
        // Nothing taken yet: the worker never got going, so walk here from the start.
        if (taken === 0) yield* fallback(why);
        else yield { paths: [], sizes: new Float64Array(0), mtimes: new Float64Array(0), stats, problems: [{ path: root, code: 'io', message: `the folder walk stopped early (${why.message}); files not reached were left as they were` }] };
        return;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    worker.off('message', onMessage);
    worker.off('error', onError);
    worker.off('exit', onExit);
    // Only a walker that finished cleanly is reused; one stopped part-way may still be posting.
    if (reusable && done && !failed() && !signal?.aborted) keepWorker(worker);
    else void worker.terminate();
  }
}

/** The fallback: the same batches from this thread (the consumer gives the event loop its turns between them). */
async function* walkHere(root: string, signal: AbortSignal | undefined, batchSize: number): AsyncIterableIterator<WalkBatch> {
  yield* walkInBatches(root, { signal, batchSize });
}
