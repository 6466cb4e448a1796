// A worker for the pool tests: echoes, hangs, throws or crashes on request.
import { parentPort } from 'node:worker_threads';

parentPort!.on('message', ({ id, message }: { id: number; message: { op: string; value?: number } }) => {
  switch (message.op) {
    case 'echo':
      parentPort!.postMessage({ id, ok: true, value: (message.value ?? 0) * 2 });
      break;
    case 'hang':
      for (;;) { /* a decoder stuck in a loop */ }
    case 'throw':
      parentPort!.postMessage({ id, ok: false, error: { name: 'Error', message: 'bad input' } });
      break;
    case 'crash':
      process.exit(3);
      break;
    case 'oom': {
      const hog: number[][] = [];
      for (;;) hog.push(new Array(1e6).fill(Math.random()));
    }
  }
});
