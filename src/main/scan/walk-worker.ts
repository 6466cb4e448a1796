// Worker side of startWalk(): walks roots with the ordinary walkFolder and posts each in compact batches, so the
// thread that serves the UI never blocks on readdir and stat. The thread stays up between walks (see start-walk).
import { parentPort } from 'node:worker_threads';
import { walkInBatches } from './walk-batch.js';

export interface WalkRequest {
  root: string;
  batchSize: number;
}

parentPort!.on('message', ({ root, batchSize }: WalkRequest) => {
  for (const batch of walkInBatches(root, { batchSize })) {
    // The number arrays move, not copy. (Posting the paths as one joined string measured no cheaper once the main
    // thread has split and hashed them.) Abort is the parent terminating this thread, which stops even a huge folder.
    parentPort!.postMessage(batch, [batch.sizes.buffer as ArrayBuffer, batch.mtimes.buffer as ArrayBuffer]);
  }
  parentPort!.postMessage({ done: true });
});
