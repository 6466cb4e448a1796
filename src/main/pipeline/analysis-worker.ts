// Worker thread: decodes and analyses files, and embeds them in batches with the learned model. Errors become
// per-file outcomes, never crashes.
import { parentPort } from 'node:worker_threads';
import { serveAnalysisJobs } from './worker-loop.js';
import type { EmbedRequest } from './analysis-job.js';
import type { PatchModel } from './embed-batcher.js';

if (!parentPort) throw new Error('analysis-worker must run as a worker thread');

/** The model is imported only when a file first needs it: scans without embeddings never load TensorFlow.js. */
async function loadPatchModel(req: EmbedRequest): Promise<PatchModel> {
  const { loadEmbedder } = await import('../ml/embedder.js');
  return loadEmbedder({ modelDir: req.modelDir });
}

serveAnalysisJobs(parentPort, loadPatchModel);
