// The real analysis worker loop with a model whose forward pass kills the worker: a crash in the middle of an
// embedding batch, after the batch's files were analysed.
import { parentPort } from 'node:worker_threads';
import { serveAnalysisJobs } from '../../../src/main/pipeline/worker-loop.js';

serveAnalysisJobs(parentPort!, async () => ({
  version: 'crash-test-model',
  backend: 'cpu',
  embedPatches: async () => process.exit(9),
}));
