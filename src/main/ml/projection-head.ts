// On-device learning: a residual projection over the shipped embedding, fine-tuned in the background with a
// batch-hard triplet loss on the user's own labels ("808 kick" vs "acoustic kick"), saved per library.
// It starts as the identity, so an untrained or reset head leaves similarity exactly as the base model has it.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { tf } from './tf-backend.js';
import { makeRng, shuffle } from './train/rng.js';

const FORMAT = 'sonoteca-projection-head';

export interface LabelledVector {
  vector: Float32Array;
  label: string;
}

export interface HeadTrainOptions {
  epochs?: number;
  /** Cosine-distance margin between a sound's own group and the nearest other group. */
  margin?: number;
  learningRate?: number;
  seed?: number;
  /** Stops training early; the head keeps what it learned so far. */
  signal?: AbortSignal;
  onProgress?: (epoch: number, loss: number) => void;
}

export interface HeadTrainReport {
  epochs: number;
  lossBefore: number;
  lossAfter: number;
  examples: number;
  labels: number;
}

interface HeadJson {
  format: typeof FORMAT;
  dim: number;
  hidden: number;
  /** Base model the head was trained over; a different model invalidates it. */
  baseVersion: string;
  trainedExamples: number;
  centre: number[];
  scale: number;
  w1: number[];
  b1: number[];
  w2: number[];
}

export class ProjectionHead {
  private w1!: tf.Variable;
  private b1!: tf.Variable;
  private w2!: tf.Variable;
  private trainedExamples = 0;
  /** Centre and scale of the user's labelled vectors: base embeddings of similar sounds differ only slightly, and
   * the head must see those differences magnified to learn from them. */
  private centre: Float32Array;
  private scale = 1;

  constructor(readonly dim: number, readonly baseVersion: string, readonly hidden = 64, private readonly seed = 1) {
    this.centre = new Float32Array(dim);
    this.reset();
  }

  get isTrained(): boolean {
    return this.trainedExamples > 0;
  }

  /** Back to the identity mapping. */
  reset(): void {
    this.w1?.dispose();
    this.b1?.dispose();
    this.w2?.dispose();
    this.w1 = tf.variable(tf.randomNormal([this.dim, this.hidden], 0, Math.sqrt(2 / this.dim), 'float32', this.seed));
    this.b1 = tf.variable(tf.zeros([this.hidden]));
    // A zero output layer makes the residual branch vanish: project(v) = v until training moves it.
    this.w2 = tf.variable(tf.zeros([this.hidden, this.dim]));
    this.trainedExamples = 0;
    this.centre = new Float32Array(this.dim);
    this.scale = 1;
  }

  private apply(x: tf.Tensor2D): tf.Tensor2D {
    const centred = tf.mul(tf.sub(x, tf.tensor1d(this.centre)), this.scale);
    const h = tf.relu(tf.add(tf.matMul(centred, this.w1), this.b1));
    const y = tf.add(x, tf.matMul(h, this.w2));
    return tf.div(y, tf.sqrt(tf.add(tf.sum(tf.square(y), 1, true), 1e-12))) as tf.Tensor2D;
  }

  /** Projected, unit-length copies of `vectors`. */
  project(vectors: Float32Array[]): Float32Array[] {
    if (vectors.length === 0) return [];
    for (const v of vectors) if (v.length !== this.dim) throw new RangeError(`projection head expects ${this.dim}-d vectors, got ${v.length}`);
    const flat = new Float32Array(vectors.length * this.dim);
    vectors.forEach((v, i) => flat.set(v, i * this.dim));
    const out = tf.tidy(() => this.apply(tf.tensor2d(flat, [vectors.length, this.dim])));
    const data = out.dataSync() as Float32Array;
    out.dispose();
    return vectors.map((_, i) => data.slice(i * this.dim, (i + 1) * this.dim));
  }

  /** Batch-hard triplet loss: for each anchor, its farthest same-label and nearest other-label vector. */
  private tripletLoss(x: tf.Tensor2D, same: tf.Tensor2D, margin: number): tf.Scalar {
    const z = this.apply(x);
    const dist = tf.sub(1, tf.matMul(z, z, false, true));
    const hardPos = tf.max(tf.mul(dist, same), 1);
    const hardNeg = tf.min(tf.add(dist, tf.mul(same, 4)), 1);
    const triplet = tf.mean(tf.relu(tf.add(tf.sub(hardPos, hardNeg), margin)));
    // Decay on the residual branch's output keeps the head near the identity, so sounds the user never labelled
    // are not scrambled.
    const decay = tf.mul(1e-4, tf.sum(tf.square(this.w2)));
    return tf.add(triplet, decay) as tf.Scalar;
  }

  /**
   * Fine-tunes on labelled embeddings (at least two labels, two vectors each). Yields to the event loop between
   * steps so it can run in the background of a worker.
   */
  async train(examples: LabelledVector[], opts: HeadTrainOptions = {}): Promise<HeadTrainReport> {
    const counts = new Map<string, number>();
    for (const e of examples) {
      if (e.vector.length !== this.dim) throw new RangeError(`projection head expects ${this.dim}-d vectors, got ${e.vector.length}`);
      counts.set(e.label, (counts.get(e.label) ?? 0) + 1);
    }
    if (counts.size < 2 || [...counts.values()].filter((n) => n >= 2).length < 1) {
      throw new Error('projection head: need at least two labels and one label with two or more sounds to learn from');
    }
    if (!this.isTrained) {
      const mean = new Float32Array(this.dim);
      for (const e of examples) e.vector.forEach((v, i) => (mean[i] += v / examples.length));
      let sq = 0;
      for (const e of examples) e.vector.forEach((v, i) => (sq += (v - mean[i]) ** 2));
      this.centre = mean;
      this.scale = 1 / Math.max(1e-4, Math.sqrt(sq / examples.length));
    }
    const epochs = opts.epochs ?? 60;
    const margin = opts.margin ?? 0.3;
    const rng = makeRng(opts.seed ?? this.seed);
    const opt = tf.train.adam(opts.learningRate ?? 0.02);
    const labels = [...counts.keys()];
    const order = examples.map((_, i) => i);
    const batchSize = 128;
    const lossOn = (idx: number[], withGrad: boolean): number => {
      const flat = new Float32Array(idx.length * this.dim);
      idx.forEach((k, i) => flat.set(examples[k].vector, i * this.dim));
      const lab = idx.map((k) => labels.indexOf(examples[k].label));
      const sameFlat = new Float32Array(idx.length * idx.length);
      for (let i = 0; i < idx.length; i++) for (let j = 0; j < idx.length; j++) sameFlat[i * idx.length + j] = lab[i] === lab[j] ? 1 : 0;
      const loss = tf.tidy(() => {
        const x = tf.tensor2d(flat, [idx.length, this.dim]);
        const same = tf.tensor2d(sameFlat, [idx.length, idx.length]);
        return withGrad
          ? (opt.minimize(() => this.tripletLoss(x, same, margin), true, [this.w1, this.b1, this.w2]) as tf.Scalar)
          : this.tripletLoss(x, same, margin);
      });
      const v = loss.dataSync()[0];
      loss.dispose();
      return v;
    };
    const lossBefore = lossOn(order.slice(0, batchSize), false);
    let done = 0;
    try {
      for (let epoch = 0; epoch < epochs && !opts.signal?.aborted; epoch++) {
        shuffle(order, rng);
        let sum = 0;
        for (let s = 0; s < order.length; s += batchSize) {
          sum += lossOn(order.slice(s, s + batchSize), true);
          await new Promise((r) => setImmediate(r));
        }
        done++;
        opts.onProgress?.(epoch + 1, sum / Math.ceil(order.length / batchSize));
      }
    } finally {
      opt.dispose();
    }
    this.trainedExamples = examples.length;
    const lossAfter = lossOn(order.slice(0, batchSize), false);
    return { epochs: done, lossBefore, lossAfter, examples: examples.length, labels: labels.length };
  }

  async save(path: string): Promise<void> {
    const json: HeadJson = {
      format: FORMAT, dim: this.dim, hidden: this.hidden, baseVersion: this.baseVersion, trainedExamples: this.trainedExamples,
      centre: Array.from(this.centre), scale: this.scale,
      w1: Array.from(this.w1.dataSync()), b1: Array.from(this.b1.dataSync()), w2: Array.from(this.w2.dataSync()),
    };
    await mkdir(dirname(path), { recursive: true });
    // Write-then-rename so a crash mid-save never leaves a half-written head behind.
    const tmp = `${path}.tmp-${process.pid}`;
    await writeFile(tmp, JSON.stringify(json));
    await rename(tmp, path);
  }

  /**
   * The head saved at `path` for this base model, or a fresh identity head when there is none or it belongs to
   * another model version.
   */
  static async load(path: string, dim: number, baseVersion: string): Promise<ProjectionHead> {
    const head = new ProjectionHead(dim, baseVersion);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return head;
      throw err;
    }
    let json: HeadJson;
    try {
      json = JSON.parse(text) as HeadJson;
    } catch {
      throw new Error(`projection head ${path} is damaged (not JSON); reset it to start over`);
    }
    if (json.format !== FORMAT) throw new Error(`${path} is not a projection head file`);
    if (json.baseVersion !== baseVersion || json.dim !== dim) return head;
    if (json.w1.length !== dim * json.hidden || json.w2.length !== dim * json.hidden || json.b1.length !== json.hidden || json.centre?.length !== dim || !(json.scale > 0)) {
      throw new Error(`projection head ${path} has weights of the wrong size; reset it to start over`);
    }
    const loaded = new ProjectionHead(dim, baseVersion, json.hidden);
    tf.tidy(() => {
      loaded.w1.assign(tf.tensor2d(json.w1, [dim, json.hidden]));
      loaded.b1.assign(tf.tensor1d(json.b1));
      loaded.w2.assign(tf.tensor2d(json.w2, [json.hidden, dim]));
    });
    loaded.trainedExamples = json.trainedExamples;
    loaded.centre = Float32Array.from(json.centre);
    loaded.scale = json.scale;
    head.dispose();
    return loaded;
  }

  /** Forgets the user's training for a library: deletes the saved head (only that file). */
  static async resetAt(path: string): Promise<void> {
    await rm(path, { force: true });
  }

  dispose(): void {
    this.w1.dispose();
    this.b1.dispose();
    this.w2.dispose();
  }
}
