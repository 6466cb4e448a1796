// Worker side of trainHeadInWorker: trains and saves the head off the thread that serves the UI, posting progress.
import { parentPort, workerData } from 'node:worker_threads';
import { trainHeadHere, type HeadTrainInput } from './personal-head-train.js';

const { input } = workerData as { input: HeadTrainInput };
const stop = new AbortController();
parentPort?.on('message', (m: { type?: string }) => {
  if (m?.type === 'abort') stop.abort();
});
try {
  const outcome = await trainHeadHere(input, {
    signal: stop.signal,
    onProgress: (epoch, epochs, loss) => parentPort?.postMessage({ type: 'progress', epoch, epochs, loss }),
  });
  parentPort?.postMessage({ type: 'done', outcome });
} catch (e) {
  parentPort?.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) });
}
parentPort?.close();
