// The embedding network as plain tfjs ops over named weights: a small log-mel CNN whose L2-normalised output is the
// similarity space, plus a cosine-softmax head over CATEGORIES used for training and for `classify`.
// Plain ops (not tfjs-layers) keep the saved format ours, the weights tiny, and inference free of layer machinery.
import { tf } from './tf-backend.js';
import { MEL_BANDS, MEL_FRAMES } from './log-mel.js';
import { CATEGORIES } from './taxonomy.js';

export interface ModelConfig {
  /** Bumped whenever weights change, so stored vectors from an older model are recomputed. */
  version: string;
  frames: number;
  melBands: number;
  /** Output channels of each 3×3 conv block; every block but the last halves time and frequency. */
  channels: number[];
  embeddingDim: number;
  categories: string[];
  /** Temperature of the cosine classifier: logits = scale · cos(embedding, class centre). */
  logitScale: number;
}

export const DEFAULT_CONFIG: ModelConfig = {
  version: 'sonoteca-embed-1',
  frames: MEL_FRAMES,
  melBands: MEL_BANDS,
  channels: [16, 32, 64, 128],
  embeddingDim: 96,
  categories: [...CATEGORIES],
  logitScale: 16,
};

export type Weights = Map<string, tf.Tensor>;

/** Names and shapes of every weight, in the order they are saved. */
export function weightShapes(cfg: ModelConfig): Array<[string, number[]]> {
  const shapes: Array<[string, number[]]> = [];
  let cin = 1;
  cfg.channels.forEach((c, i) => {
    shapes.push([`conv${i}/kernel`, [3, 3, cin, c]], [`conv${i}/bias`, [c]]);
    cin = c;
  });
  shapes.push(['embed/kernel', [2 * cin, cfg.embeddingDim]], ['embed/bias', [cfg.embeddingDim]]);
  shapes.push(['head/centres', [cfg.embeddingDim, cfg.categories.length]]);
  return shapes;
}

/** He-initialised weights from a seed; the same seed always gives the same network. */
export function initWeights(cfg: ModelConfig, seed: number): Weights {
  const w: Weights = new Map();
  weightShapes(cfg).forEach(([name, shape], i) => {
    const fanIn = shape.length === 4 ? shape[0] * shape[1] * shape[2] : shape[0];
    w.set(name, name.endsWith('/bias')
      ? tf.zeros(shape)
      : tf.randomNormal(shape, 0, Math.sqrt(2 / fanIn), 'float32', seed * 1000 + i));
  });
  return w;
}

export interface ForwardOut {
  /** [batch, embeddingDim], unit length. */
  embedding: tf.Tensor2D;
  /** [batch, categories] cosine logits (pre-softmax). */
  logits: tf.Tensor2D;
}

/** x: [batch, frames, melBands] log-mel patches in [-1, 1]. `dropout` > 0 only while training. */
export function forward(cfg: ModelConfig, w: Weights, x: tf.Tensor3D, dropout = 0, seed?: number): ForwardOut {
  const get = (name: string): tf.Tensor => {
    const t = w.get(name);
    if (!t) throw new Error(`embedding model: weight ${name} missing`);
    return t;
  };
  let h: tf.Tensor4D = tf.expandDims(x, 3) as tf.Tensor4D;
  cfg.channels.forEach((_c, i) => {
    h = tf.relu(tf.add(tf.conv2d(h, get(`conv${i}/kernel`) as tf.Tensor4D, 1, 'same'), get(`conv${i}/bias`))) as tf.Tensor4D;
    if (i < cfg.channels.length - 1) h = tf.maxPool(h, 2, 2, 'valid');
  });
  // Mean pooling says what the sound is made of; max pooling keeps short events (a click, a transient) audible.
  let pooled: tf.Tensor2D = tf.concat([tf.mean(h, [1, 2]), tf.max(h, [1, 2])], 1) as tf.Tensor2D;
  if (dropout > 0) pooled = tf.dropout(pooled, dropout, undefined, seed) as tf.Tensor2D;
  const raw = tf.add(tf.matMul(pooled, get('embed/kernel') as tf.Tensor2D), get('embed/bias')) as tf.Tensor2D;
  const embedding = l2Normalize(raw);
  const centres = l2Normalize(get('head/centres') as tf.Tensor2D, 0);
  const logits = tf.mul(tf.matMul(embedding, centres), cfg.logitScale) as tf.Tensor2D;
  return { embedding, logits };
}

export function l2Normalize<T extends tf.Tensor>(t: T, axis = -1): T {
  return tf.div(t, tf.sqrt(tf.add(tf.sum(tf.square(t), axis, true), 1e-12))) as T;
}
