// Worker thread: decodes one file and runs the analyzers on it. Errors become per-file outcomes, never crashes.
import { parentPort } from 'node:worker_threads';
import { analyseFile } from './analyse-file.js';
import type { AnalysisJob } from './analysis-job.js';

if (!parentPort) throw new Error('analysis-worker must run as a worker thread');
const port = parentPort;

port.on('message', async ({ id, message }: { id: number; message: AnalysisJob }) => {
  try {
    const outcome = await analyseFile(message);
    port.postMessage({ id, ok: true, value: outcome }, outcome.ok ? transferablesOf(outcome.result) : []);
  } catch (err) {
    port.postMessage({ id, ok: false, error: { name: (err as Error).name, message: (err as Error).message } });
  }
});

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
