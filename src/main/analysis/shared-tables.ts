// Per-process cache of stateless DSP tables (FFT twiddles, filterbanks, windows), so a 1-second one-shot does not
// pay for designing them again. Objects with scratch buffers are safe to share: each use is synchronous.
const cache = new Map<string, unknown>();

export function sharedTable<T>(key: string, make: () => T): T {
  let v = cache.get(key) as T | undefined;
  if (v === undefined) {
    v = make();
    cache.set(key, v);
  }
  return v;
}
