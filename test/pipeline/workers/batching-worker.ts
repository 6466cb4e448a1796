// A worker for the pool's provisional-answer tests: answers 'part' jobs provisionally and holds them until a
// 'complete' job (like an embedding batch), or crashes while holding them.
import { parentPort } from 'node:worker_threads';

const held: Array<{ id: number; value: number }> = [];

parentPort!.on('message', ({ id, message }: { id: number; message: { op: string; value?: number } }) => {
  switch (message.op) {
    case 'part':
      parentPort!.postMessage({ id, ok: true, pending: true, value: { part: message.value } });
      held.push({ id, value: message.value ?? 0 });
      break;
    case 'complete':
      for (const h of held.splice(0)) parentPort!.postMessage({ id: h.id, ok: true, value: { whole: h.value * 10 } });
      parentPort!.postMessage({ id, ok: true, value: { completed: true } });
      break;
    case 'fail-held':
      for (const h of held.splice(0)) parentPort!.postMessage({ id: h.id, ok: false, error: { name: 'Error', message: `batch failed for ${h.value}` } });
      parentPort!.postMessage({ id, ok: true, value: {} });
      break;
    case 'echo':
      parentPort!.postMessage({ id, ok: true, value: { echo: message.value } });
      break;
    case 'crash':
      process.exit(4);
  }
});
