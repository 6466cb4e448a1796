// Trains the similarity index's coarse quantiser: two-level Euclidean k-means on a sample (a few parents, each split
// into children by its share of the sample), so assigning a million vectors costs ~3√lists distances, not `lists`.
import { VectorMemory, type KernelKind } from './vector-memory.js';
import { rng } from './vector-math.js';

/** Multiply-adds between yields (about a millisecond of SIMD work). */
const YIELD_WORK = 4_000_000;

export interface CoarseQuantiser {
  /** Leaf centroids (the lists), row-major, `dimP` floats each. */
  centroids: Float32Array;
  lists: number;
  /** Parent centroids; parent p owns leaves [childStart[p], childStart[p + 1]). */
  parents: Float32Array;
  childStart: Int32Array;
}

export interface TrainOptions {
  lists: number;
  seed: number;
  kernel?: KernelKind;
  /** Lloyd iterations per level. */
  iterations?: number;
}

/** `sample`: m rows of `dimP` floats (already padded). Deterministic for a given sample and seed. */
export function trainQuantiser(sample: Float32Array, dimP: number, opts: TrainOptions): CoarseQuantiser {
  const steps = trainQuantiserSteps(sample, dimP, opts);
  let r = steps.next();
  while (!r.done) r = steps.next();
  return r.value;
}

/** trainQuantiser as a generator that yields every few thousand distance rows, so callers can slice the work. */
export function* trainQuantiserSteps(sample: Float32Array, dimP: number, opts: TrainOptions): Generator<void, CoarseQuantiser> {
  const m = sample.length / dimP;
  const lists = Math.max(1, Math.min(opts.lists, m));
  const rand = rng(opts.seed);
  const iterations = opts.iterations ?? 8;
  const nParents = lists < 8 ? 1 : Math.max(2, Math.round(Math.sqrt(lists)));
  const work = new KMeansWork(m, Math.max(nParents, lists), dimP, opts.kernel);
  work.mem.f32.set(sample, 0);
  const top = nParents === 1 ? { centroids: meanOf(work, 0, m), assignment: new Int32Array(m) } : yield* work.kmeans(0, m, nParents, iterations, rand);
  // Group the sample rows by parent so each parent's k-means runs on a contiguous block.
  const members = new Int32Array(nParents);
  for (let i = 0; i < m; i++) members[top.assignment[i]]++;
  const next = new Int32Array(nParents);
  for (let p = 1; p < nParents; p++) next[p] = next[p - 1] + members[p - 1];
  const f = work.mem.f32;
  for (let i = 0; i < m; i++) f.set(sample.subarray(i * dimP, (i + 1) * dimP), next[top.assignment[i]]++ * dimP);
  yield;
  // Children in proportion to each parent's share, at least one per non-empty parent, summing to about `lists`.
  const kids = Array.from(members, (c) => (c ? Math.max(1, Math.round((lists * c) / m)) : 0));
  const leaves: Float32Array[] = [];
  const parents: Float32Array[] = [];
  const childStart = [0];
  let at = 0;
  for (let p = 0; p < nParents; p++) {
    const c = members[p];
    if (!c) continue;
    const k = Math.min(kids[p], c);
    const res = k === 1 ? { centroids: meanOf(work, at, c), assignment: new Int32Array(c) } : yield* work.kmeans(at * dimP, c, k, iterations, rand);
    const used = new Uint8Array(k);
    for (const a of res.assignment) used[a] = 1;
    for (let j = 0; j < k; j++) if (used[j]) leaves.push(res.centroids.slice(j * dimP, (j + 1) * dimP));
    parents.push(top.centroids.slice(p * dimP, (p + 1) * dimP));
    childStart.push(leaves.length);
    at += c;
    yield;
  }
  const centroids = new Float32Array(leaves.length * dimP);
  leaves.forEach((c, i) => centroids.set(c, i * dimP));
  const parentRows = new Float32Array(parents.length * dimP);
  parents.forEach((c, i) => parentRows.set(c, i * dimP));
  return { centroids, lists: leaves.length, parents: parentRows, childStart: Int32Array.from(childStart) };
}

function meanOf(work: KMeansWork, row: number, count: number): Float32Array {
  const { dimP } = work;
  const f = work.mem.f32;
  const out = new Float64Array(dimP);
  for (let i = row; i < row + count; i++) for (let j = 0; j < dimP; j++) out[j] += f[i * dimP + j];
  return Float32Array.from(out, (x) => x / count);
}

/** Scratch memory for Lloyd's algorithm: [rows | centroids | distances]. */
class KMeansWork {
  readonly mem: VectorMemory;
  private readonly cent: number;
  private readonly out: number;

  constructor(rows: number, maxK: number, readonly dimP: number, kernel?: KernelKind) {
    this.cent = rows * dimP;
    this.out = this.cent + maxK * dimP;
    this.mem = new VectorMemory(this.out + Math.max(rows, maxK), kernel);
  }

  /** k-means++ seeding then Lloyd; `base` is a float offset to `n` contiguous rows. */
  *kmeans(base: number, n: number, k: number, iterations: number, rand: () => number): Generator<void, { centroids: Float32Array; assignment: Int32Array }> {
    const { dimP, mem, cent, out } = this;
    const f = mem.f32;
    let work = 0;
    const best = new Float64Array(n).fill(Infinity);
    let pick = Math.floor(rand() * n);
    for (let c = 0; c < k; c++) {
      f.copyWithin(cent + c * dimP, base + pick * dimP, base + (pick + 1) * dimP);
      if (c === k - 1) break;
      mem.l2(cent + c * dimP, base, n, dimP, out);
      if ((work += n * dimP) > YIELD_WORK) {
        work = 0;
        yield;
      }
      let total = 0;
      for (let i = 0; i < n; i++) {
        if (f[out + i] < best[i]) best[i] = f[out + i];
        total += best[i];
      }
      let r = rand() * total;
      pick = n - 1;
      for (let i = 0; i < n; i++) {
        r -= best[i];
        if (r <= 0) {
          pick = i;
          break;
        }
      }
    }
    const assignment = new Int32Array(n);
    const dist = new Float64Array(n);
    const sums = new Float64Array(k * dimP);
    const counts = new Int32Array(k);
    for (let it = 0; it <= iterations; it++) {
      let changed = 0;
      for (let i = 0; i < n; i++) {
        mem.l2(base + i * dimP, cent, k, dimP, out);
        let bc = 0;
        let bd = f[out];
        for (let c = 1; c < k; c++) {
          if (f[out + c] < bd) {
            bd = f[out + c];
            bc = c;
          }
        }
        if (assignment[i] !== bc) changed++;
        assignment[i] = bc;
        dist[i] = bd;
        if ((work += k * dimP) > YIELD_WORK) {
          work = 0;
          yield;
        }
      }
      if (it === iterations || (it > 0 && changed === 0)) break;
      sums.fill(0);
      counts.fill(0);
      for (let i = 0; i < n; i++) {
        const o = assignment[i] * dimP;
        counts[assignment[i]]++;
        for (let j = 0; j < dimP; j++) sums[o + j] += f[base + i * dimP + j];
        // Plain JS, and cold for the first iterations: it counts for more than the SIMD distances.
        if ((work += 8 * dimP) > YIELD_WORK) {
          work = 0;
          yield;
        }
      }
      for (let c = 0; c < k; c++) {
        if (counts[c]) {
          for (let j = 0; j < dimP; j++) f[cent + c * dimP + j] = sums[c * dimP + j] / counts[c];
          continue;
        }
        // An empty cluster restarts at the point worst served by its centroid.
        let far = 0;
        for (let i = 1; i < n; i++) if (dist[i] > dist[far]) far = i;
        dist[far] = 0;
        f.copyWithin(cent + c * dimP, base + far * dimP, base + (far + 1) * dimP);
      }
    }
    return { centroids: f.slice(cent, cent + k * dimP), assignment };
  }
}
