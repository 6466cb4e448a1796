// Synthetic clustered vectors for the intelligence tests: Gaussian blobs around random centres, reproducible.
import { rng } from '../../src/main/intelligence/vector-math.js';

export interface Blobs {
  data: Float32Array;
  labels: number[];
  centres: Float32Array;
}

export function gaussian(rand: () => number): number {
  const u = Math.max(1e-12, rand());
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

export function makeBlobs(n: number, dim: number, clusters: number, spread: number, seed = 1, centreScale = 4): Blobs {
  const rand = rng(seed);
  const centres = new Float32Array(clusters * dim);
  for (let i = 0; i < centres.length; i++) centres[i] = gaussian(rand) * centreScale;
  const data = new Float32Array(n * dim);
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % clusters;
    labels.push(c);
    for (let j = 0; j < dim; j++) data[i * dim + j] = centres[c * dim + j] + gaussian(rand) * spread;
  }
  return { data, labels, centres };
}
