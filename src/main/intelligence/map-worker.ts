// Runs the map layout off the main thread: computeMapInWorker() posts the vectors to a worker_threads worker and
// resolves with the positions, so the UI stays responsive during a 10k-sample layout.
import { Worker } from 'node:worker_threads';
import type { MapOptions } from './map-layout.js';

export function computeMapInWorker(data: Float32Array, dim: number, opts: MapOptions = {}): Promise<Float32Array> {
  return new Promise((resolve, reject) => {
    const here = import.meta.url;
    const entry = new URL(here.endsWith('.ts') ? './map-worker-entry.ts' : './map-worker-entry.js', here);
    const worker = new Worker(entry, { workerData: { data, dim, opts } });
    worker.once('message', (msg: { positions?: Float32Array; error?: string }) => {
      void worker.terminate();
      if (msg.positions) resolve(msg.positions);
      else reject(new Error(`map layout failed: ${msg.error ?? 'no result'}`));
    });
    worker.once('error', reject);
  });
}
