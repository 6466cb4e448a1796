// Picks the fastest TensorFlow.js backend that actually loads here: tfjs-node (native, optional and often missing),
// else WebAssembly with SIMD (single-threaded, wasm files read from node_modules, no network), else plain JS.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
// The full tfjs package, not just core: its Node bundle is what registers the gradients training needs.
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

export interface BackendChoice {
  backend: BackendName;
  /** Why each preferred backend before the chosen one was passed over. */
  skipped: Array<{ backend: BackendName; reason: string }>;
}

export const DEFAULT_PREFERENCE: readonly BackendName[] = ['tensorflow', 'wasm', 'cpu'];

let chosen: Promise<BackendChoice> | null = null;
let wasmConfigured = false;

async function tryTensorflow(moduleName: string): Promise<void> {
  // A variable specifier keeps bundlers and tsc from requiring the optional package to exist.
  await import(moduleName);
  if (!(await tf.setBackend('tensorflow'))) throw new Error('tfjs-node loaded but its backend failed to initialise');
}

async function tryWasm(): Promise<void> {
  if (!wasmConfigured) {
    const require = createRequire(import.meta.url);
    const dist = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
    setWasmPaths({
      'tfjs-backend-wasm.wasm': join(dist, 'tfjs-backend-wasm.wasm'),
      'tfjs-backend-wasm-simd.wasm': join(dist, 'tfjs-backend-wasm-simd.wasm'),
      'tfjs-backend-wasm-threaded-simd.wasm': join(dist, 'tfjs-backend-wasm-threaded-simd.wasm'),
    });
    // Threads would need SharedArrayBuffer workers; analysis already runs one worker per core.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    wasmConfigured = true;
  }
  if (!(await tf.setBackend('wasm'))) throw new Error('wasm backend failed to initialise');
}

/**
 * Activates the first backend of `prefer` that loads and returns which one won. Memoised for the default
 * preference; pass options to force a fresh choice (tests, benchmarks).
 */
export async function initTfBackend(opts: { prefer?: readonly BackendName[]; nodeModule?: string } = {}): Promise<BackendChoice> {
  if (!opts.prefer && !opts.nodeModule && chosen) return chosen;
  const run = (async () => {
    const skipped: BackendChoice['skipped'] = [];
    for (const backend of opts.prefer ?? DEFAULT_PREFERENCE) {
      try {
        if (backend === 'tensorflow') await tryTensorflow(opts.nodeModule ?? '@tensorflow/tfjs-node');
        else if (backend === 'wasm') await tryWasm();
        else if (!(await tf.setBackend('cpu'))) throw new Error('cpu backend failed to initialise');
        await tf.ready();
        return { backend, skipped };
      } catch (err) {
        skipped.push({ backend, reason: err instanceof Error ? err.message.split('\n')[0] : String(err) });
      }
    }
    throw new Error(`no TensorFlow.js backend could start: ${skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ')}`);
  })();
  if (!opts.prefer && !opts.nodeModule) chosen = run;
  return run;
}

export { tf };
