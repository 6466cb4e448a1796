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

/**
 * Embedding-like data: unit vectors from a two-level mixture of Gaussians on the sphere (families of sounds, each
 * with sub-families of uneven size), so clusters overlap the way learned embeddings do.
 */
export function makeSphereMixture(n: number, dim: number, families: number, subs: number, seed = 1): Blobs {
  const rand = rng(seed);
  const unitise = (v: Float32Array, o: number) => {
    let s = 0;
    for (let j = 0; j < dim; j++) s += v[o + j] ** 2;
    const inv = 1 / Math.sqrt(s || 1);
    for (let j = 0; j < dim; j++) v[o + j] *= inv;
  };
  const centres = new Float32Array(families * subs * dim);
  for (let f = 0; f < families; f++) {
    const fam = Float32Array.from({ length: dim }, () => gaussian(rand));
    unitise(fam, 0);
    for (let s = 0; s < subs; s++) {
      const o = (f * subs + s) * dim;
      for (let j = 0; j < dim; j++) centres[o + j] = fam[j] + (0.8 * gaussian(rand)) / Math.sqrt(dim);
      unitise(centres, o);
    }
  }
  const data = new Float32Array(n * dim);
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    // Squaring a uniform skews sub-family sizes: a few large, many small.
    const c = Math.floor(rand() ** 2 * families * subs);
    labels.push(Math.floor(c / subs));
    const spread = (0.4 + 0.3 * ((c * 37) % 10) / 10) / Math.sqrt(dim);
    for (let j = 0; j < dim; j++) data[i * dim + j] = centres[c * dim + j] + spread * gaussian(rand);
    unitise(data, i * dim);
  }
  return { data, labels, centres };
}
