// Development only: starts a TypeScript worker under tsx (tests and `tsx` runs). Built apps run bundled .js workers.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.__sonotecaWorkerScript);
