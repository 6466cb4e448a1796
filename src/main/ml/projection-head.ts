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

/** The saved file (JSON); src/main/services/personal-head-file.ts reads it without loading TensorFlow. */
export interface HeadJson {
  format: typeof FORMAT;
  dim: number;
  hidden: number;
  /** Base model the head was trained over; a different model invalidates it. */
  baseVersion: string;
  trainedExamples: number;
  /** Share of the learned residual applied at inference (1 when absent, as in files from before it existed). */
  blend?: number;
  /** Unit-length centre of each label's training vectors (k × dim, flat) and the reach of the head around them. */
  anchors?: number[];
  radius?: number;
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
  /**
   * Share of the learned residual applied when projecting (training always learns the full residual): below 1 it
   * shrinks the head towards the identity, so a head learnt from a handful of labels cannot take over the space.
   */
  blend = 1;
  /**
   * Where the head applies: full strength within `radius` (cosine distance) of a labelled group's centre, fading to
   * none at twice that. Far from anything the user labelled the base space is kept as it is, because the head has
   * learnt nothing about those sounds and its extrapolation there would only scramble them. Radius 0: everywhere.
   */
  private anchors = new Float32Array(0);
  private radius = 0;

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
    this.blend = 1;
    this.anchors = new Float32Array(0);
    this.radius = 0;
  }

  /** Per-row strength of the head (1 near the labelled groups, 0 far from them), as a [n, 1] tensor. */
  private reach(x: tf.Tensor2D): tf.Tensor2D {
    const k = this.anchors.length / this.dim;
    const anchors = tf.tensor2d(this.anchors, [k, this.dim]);
    const nearest = tf.sub(1, tf.max(tf.matMul(x, anchors, false, true), 1, true));
    return tf.clipByValue(tf.sub(2, tf.div(nearest, this.radius)), 0, 1) as tf.Tensor2D;
  }

  private apply(x: tf.Tensor2D, blend = 1, local = false): tf.Tensor2D {
    const centred = tf.mul(tf.sub(x, tf.tensor1d(this.centre)), this.scale);
    const h = tf.relu(tf.add(tf.matMul(centred, this.w1), this.b1));
    let residual: tf.Tensor2D = tf.matMul(h, this.w2);
    if (local && this.radius > 0) residual = tf.mul(residual, this.reach(x));
    const y = tf.add(x, blend === 1 ? residual : tf.mul(residual, blend));
    return tf.div(y, tf.sqrt(tf.add(tf.sum(tf.square(y), 1, true), 1e-12))) as tf.Tensor2D;
  }

  /** Projected, unit-length copies of `vectors`. */
  project(vectors: Float32Array[]): Float32Array[] {
    if (vectors.length === 0) return [];
    for (const v of vectors) if (v.length !== this.dim) throw new RangeError(`projection head expects ${this.dim}-d vectors, got ${v.length}`);
    const flat = new Float32Array(vectors.length * this.dim);
    vectors.forEach((v, i) => flat.set(v, i * this.dim));
    const out = tf.tidy(() => this.apply(tf.tensor2d(flat, [vectors.length, this.dim]), this.blend, true));
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
    this.fitReach(examples, labels);
    const lossAfter = lossOn(order.slice(0, batchSize), false);
    return { epochs: done, lossBefore, lossAfter, examples: examples.length, labels: labels.length };
  }

  /** Saves the head; `extra` fields (e.g. what it was trained on) are stored alongside and ignored by `load`. */
  /**
   * Anchors = each label's mean direction; radius = the 90th percentile of members' distance to theirs (a wider
   * reach, 1.5×, let 1000 drum labels cost unlabelled categories 0.12 of similar P@10 in bench/personal-head-bench).
   */
  private fitReach(examples: LabelledVector[], labels: string[]): void {
    const sums = labels.map(() => new Float64Array(this.dim));
    for (const e of examples) {
      const s = sums[labels.indexOf(e.label)];
      e.vector.forEach((v, i) => (s[i] += v));
    }
    const anchors = new Float32Array(labels.length * this.dim);
    sums.forEach((s, k) => {
      const norm = Math.sqrt(s.reduce((a, v) => a + v * v, 0)) || 1;
      s.forEach((v, i) => (anchors[k * this.dim + i] = v / norm));
    });
    const dists = examples.map((e) => {
      const k = labels.indexOf(e.label);
      let dot = 0;
      let sq = 0;
      e.vector.forEach((v, i) => {
        dot += v * anchors[k * this.dim + i];
        sq += v * v;
      });
      return 1 - dot / (Math.sqrt(sq) || 1);
    }).sort((a, b) => a - b);
    this.anchors = anchors;
    this.radius = Math.max(0.02, dists[Math.min(dists.length - 1, Math.floor(0.9 * dists.length))]);
  }

  async save(path: string, extra: Record<string, unknown> = {}): Promise<void> {
    const json: HeadJson = {
      ...extra,
      format: FORMAT, dim: this.dim, hidden: this.hidden, baseVersion: this.baseVersion, trainedExamples: this.trainedExamples,
      blend: this.blend, anchors: Array.from(this.anchors), radius: this.radius, centre: Array.from(this.centre), scale: this.scale,
      w1: Array.from(this.w1.dataSync()), b1: Array.from(this.b1.dataSync()), w2: Array.from(this.w2.dataSync()),
    };
    await mkdir(dirname(path), { recursive: true });
    // Write-then-rename so a crash mid-save never leaves a half-written head behind.
    const tmp = `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
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
    loaded.blend = typeof json.blend === 'number' && json.blend >= 0 && json.blend <= 1 ? json.blend : 1;
    if (Array.isArray(json.anchors) && json.anchors.length % dim === 0 && json.radius !== undefined && json.radius >= 0) {
      loaded.anchors = Float32Array.from(json.anchors);
      loaded.radius = json.radius;
    }
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
