// Runs the big-library k-means off the main thread: sphericalKMeansLargeInWorker() hands the rows to a
// worker_threads worker and resolves with its clustering, so a server clustering 100k sounds keeps answering.
import { Worker } from 'node:worker_threads';
import type { LargeKMeansOptions, LargeKMeansResult } from './kmeans.js';
import { largeKMeansInputError } from './kmeans-worker-input.js';
import { resolveWorkerScript } from '../pipeline/worker-pool.js';

export interface KMeansWorkerControl {
  /**
   * Hand the rows' memory to the worker instead of copying it: the caller's array is empty afterwards. For rows
   * the caller built for this call only; never for shared ones (the cached library vectors).
   */
  transfer?: boolean;
  /** Stops the clustering: the worker is terminated and the call rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Heap cap of the worker, MB; a worker that runs out is a crash, and the call rejects. */
  maxHeapMb?: number;
}

type WorkerReply = { result: LargeKMeansResult; error?: undefined } | { error: string; result?: undefined };

/** sphericalKMeansLarge in a worker thread: the same clustering for the same rows and options, seed included. */
export function sphericalKMeansLargeInWorker(data: Float32Array, dim: number, opts: LargeKMeansOptions = {}, control: KMeansWorkerControl = {}): Promise<LargeKMeansResult> {
  // Checked here first, so a bad call fails at once and nothing is handed over.
  const bad = largeKMeansInputError(data, dim, opts);
  if (bad) return Promise.reject(new Error(bad));
  const { signal } = control;
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  // A view into a larger (or shared) buffer is copied to its own: the clone or transfer would take the whole buffer.
  const ownsBuffer = data.buffer instanceof ArrayBuffer && data.byteOffset === 0 && data.byteLength === data.buffer.byteLength;
  const rows = ownsBuffer ? data : data.slice();
  const handOver = control.transfer || rows !== data;

  return new Promise<LargeKMeansResult>((resolve, reject) => {
    const script = resolveWorkerScript(new URL('./kmeans-worker-entry.ts', import.meta.url));
    // Under tsx the pipeline's bootstrap registers the TypeScript loader inside the thread.
    const isTs = script.pathname.endsWith('.ts');
    const worker = new Worker(isTs ? new URL('../pipeline/ts-worker-bootstrap.mjs', import.meta.url) : script, {
      workerData: { __sonotecaWorkerScript: script.href, data: rows, dim, opts: { ...opts } },
      transferList: handOver ? [rows.buffer as ArrayBuffer] : undefined,
      resourceLimits: control.maxHeapMb ? { maxOldGenerationSizeMb: control.maxHeapMb } : undefined,
    });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      fn();
    };
    const onAbort = () => settle(() => reject(abortReason(signal!)));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (msg: WorkerReply) => settle(() => (msg.result ? resolve(msg.result) : reject(new Error(msg.error ?? 'the k-means worker answered without a result')))));
    worker.once('error', (err: Error & { code?: string }) => settle(() => reject(new Error(`the k-means worker crashed: ${err.message}${err.code ? ` (${err.code})` : ''}`))));
    worker.once('exit', (code) => settle(() => reject(new Error(`the k-means worker exited with code ${code} before answering`))));
  });
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('the clustering was aborted', 'AbortError');
}
