// Worker side of computeMapInWorker: computes the layout and posts the positions back (transferring the buffer).
import { parentPort, workerData } from 'node:worker_threads';
import { computeMapLayout, type MapOptions } from './map-layout.js';

const { data, dim, opts } = workerData as { data: Float32Array; dim: number; opts: MapOptions };
try {
  const positions = computeMapLayout(data, dim, opts);
  parentPort?.postMessage({ positions }, [positions.buffer as ArrayBuffer]);
} catch (e) {
  parentPort?.postMessage({ error: e instanceof Error ? e.message : String(e) });
}
