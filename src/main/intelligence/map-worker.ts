// Runs the map layout off the main thread: computeMapInWorker() posts the vectors to a worker_threads worker and
// resolves with the positions, so the UI stays responsive during a 10k-sample layout.
import { Worker } from 'node:worker_threads';
import type { MapOptions } from './map-layout.js';
import { resolveWorkerScript } from '../pipeline/worker-pool.js';

export function computeMapInWorker(data: Float32Array, dim: number, opts: MapOptions = {}): Promise<Float32Array> {
  return new Promise((resolve, reject) => {
    const script = resolveWorkerScript(new URL('./map-worker-entry.ts', import.meta.url));
    // Under tsx the pipeline's bootstrap registers the TypeScript loader inside the thread.
    const isTs = script.pathname.endsWith('.ts');
    const worker = new Worker(isTs ? new URL('../pipeline/ts-worker-bootstrap.mjs', import.meta.url) : script, {
      workerData: { __sonotecaWorkerScript: script.href, data, dim, opts },
    });
    worker.once('message', (msg: { positions?: Float32Array; error?: string }) => {
      void worker.terminate();
      if (msg.positions) resolve(msg.positions);
      else reject(new Error(`map layout failed: ${msg.error ?? 'no result'}`));
    });
    worker.once('error', reject);
  });
}
