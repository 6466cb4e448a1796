// The analysis worker's message loop, apart from its entry so tests can run it with a model of their own making.
// With embedding asked for, the analysis is answered at once (provisionally) and the file's embedding follows
// when its batch has been through the model: on a full batch, or as soon as this worker has nothing else to do.
import type { MessagePort } from 'node:worker_threads';
import { analyseAndCapture } from './analyse-file.js';
import type { AnalysisJob, EmbeddingOutcome } from './analysis-job.js';
import { EMBED_INPUT_SECONDS, EmbedBatcher, type PatchModelLoader } from './embed-batcher.js';

export function serveAnalysisJobs(port: MessagePort, loadModel: PatchModelLoader): void {
  const batcher = new EmbedBatcher(loadModel, (id: number, value: EmbeddingOutcome) => {
    port.postMessage({ id, ok: true, value }, 'embedding' in value ? transferablesOf(value) : []);
  });
  let active = 0;

  /** A full batch goes at once; a partial one when no file is in progress here, so small scans are not kept waiting. */
  const flushWhenDue = (): void => {
    if (batcher.size >= batcher.maxBatch) void batcher.flush();
    else if (batcher.size && active === 0) {
      // One turn of the event loop lets a job the pool already sent arrive and join this batch.
      setImmediate(() => {
        if (active === 0) void batcher.flush();
      });
    }
  };

  port.on('message', async ({ id, message }: { id: number; message: AnalysisJob }) => {
    active++;
    try {
      const { outcome, head } = await analyseAndCapture(message, message.embed ? EMBED_INPUT_SECONDS : 0);
      const transfer = outcome.ok ? transferablesOf(outcome.result) : [];
      if (outcome.ok && message.embed && head) {
        // Provisional first: the analysis is safe on the main thread even if the batch never completes.
        port.postMessage({ id, ok: true, value: outcome, pending: true }, transfer);
        batcher.add(id, message.embed, head);
      } else {
        port.postMessage({ id, ok: true, value: outcome }, transfer);
      }
    } catch (err) {
      port.postMessage({ id, ok: false, error: { name: (err as Error).name, message: (err as Error).message } });
    } finally {
      active--;
      flushWhenDue();
    }
  });
}

/** Every typed array buffer inside the result, so postMessage moves them instead of copying. */
function transferablesOf(value: unknown, out: ArrayBuffer[] = [], seen = new Set<ArrayBuffer>()): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) {
    const buffer = value.buffer as ArrayBuffer;
    // Only whole, unshared buffers can be moved; views into a bigger buffer are copied.
    if (!seen.has(buffer) && value.byteOffset === 0 && value.byteLength === buffer.byteLength && buffer instanceof ArrayBuffer) {
      seen.add(buffer);
      out.push(buffer);
    }
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) transferablesOf(v, out, seen);
  }
  return out;
}
