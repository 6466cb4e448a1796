// The inference API the analysis workers call: loads the shipped model from assets/model with file IO, turns
// batches of mono PCM into unit-length embeddings and category probabilities, and disposes every tensor it makes.
import type { BackendName } from './tf-backend.js';
import { initTfBackend, tf } from './tf-backend.js';
import { MEL_BANDS, MEL_FRAMES, logMelPatch } from './log-mel.js';
import { forward } from './model.js';
import { loadModel } from './model-io.js';

export interface EmbedInput {
  mono: Float32Array;
  sampleRate: number;
}

export interface Classification {
  /** Softmax probability per entry of `embedder.categories`. */
  probabilities: Float32Array;
  top: { category: string; probability: number };
}

export interface Embedder {
  /** Length of every embedding. */
  readonly dim: number;
  /** Model version; vectors from different versions are not comparable. */
  readonly version: string;
  readonly backend: BackendName;
  readonly categories: readonly string[];
  /** The corpus sources the model was trained on, as its model.json records them (empty when it does not say). */
  readonly trainedOn: readonly string[];
  /** Unit-length embeddings, one per item, in order. Cosine similarity = dot product. */
  embed(items: EmbedInput[]): Promise<Float32Array[]>;
  classify(items: EmbedInput[]): Promise<Classification[]>;
  /** Both in one pass, for the analysis pipeline. */
  analyse(items: EmbedInput[]): Promise<Array<{ embedding: Float32Array; classification: Classification }>>;
  /**
   * Embeddings of log-mel patches already made with `logMelPatch` (MEL_FRAMES × MEL_BANDS each): the analysis
   * workers make the patch from the audio they decoded anyway, then run many files in one forward pass.
   */
  embedPatches(patches: Float32Array[]): Promise<Float32Array[]>;
  /** Frees the weights; the embedder is unusable afterwards. */
  dispose(): void;
}

export interface LoadEmbedderOptions {
  /** Defaults to the repository's assets/model. */
  modelDir?: string;
  /** Items per forward pass; bounds memory (≈ 1 MB of activations per item). */
  batchSize?: number;
  prefer?: readonly BackendName[];
}

export async function loadEmbedder(opts: LoadEmbedderOptions = {}): Promise<Embedder> {
  const { backend } = await initTfBackend(opts.prefer ? { prefer: opts.prefer } : {});
  const { config, weights, training } = await loadModel(opts.modelDir);
  const trainedOn = Array.isArray(training?.trainedOn) ? training.trainedOn.filter((s): s is string => typeof s === 'string') : [];
  const batchSize = Math.max(1, opts.batchSize ?? 32);
  const patch = MEL_FRAMES * MEL_BANDS;
  if (config.frames !== MEL_FRAMES || config.melBands !== MEL_BANDS) {
    weights.forEach((t) => t.dispose());
    throw new Error(`embedding model ${config.version} expects ${config.frames}×${config.melBands} patches, this build makes ${MEL_FRAMES}×${MEL_BANDS}`);
  }
  let disposed = false;

  const fromAudio = (it: EmbedInput, index: number, into: Float32Array<ArrayBuffer>): void => {
    if (!(it.mono instanceof Float32Array)) throw new TypeError(`embed: item ${index} has no Float32Array mono signal`);
    logMelPatch(it.mono, it.sampleRate, into);
  };
  const fromPatch = (p: Float32Array, index: number, into: Float32Array<ArrayBuffer>): void => {
    if (!(p instanceof Float32Array) || p.length !== patch) throw new TypeError(`embedPatches: patch ${index} is not ${MEL_FRAMES}×${MEL_BANDS} float32 values`);
    into.set(p);
  };

  async function run<T>(items: T[], fill: (item: T, index: number, into: Float32Array<ArrayBuffer>) => void): Promise<Array<{ embedding: Float32Array; probs: Float32Array }>> {
    if (disposed) throw new Error('embedder was disposed');
    const out: Array<{ embedding: Float32Array; probs: Float32Array }> = [];
    const x = new Float32Array(Math.min(batchSize, items.length) * patch);
    for (let s = 0; s < items.length; s += batchSize) {
      const chunk = items.slice(s, s + batchSize);
      chunk.forEach((it, i) => fill(it, s + i, x.subarray(i * patch, (i + 1) * patch)));
      const [emb, probs] = tf.tidy(() => {
        const input = tf.tensor3d(x.subarray(0, chunk.length * patch), [chunk.length, MEL_FRAMES, MEL_BANDS]);
        const f = forward(config, weights, input);
        return [f.embedding, tf.softmax(f.logits)];
      });
      try {
        const [e, p] = await Promise.all([emb.data(), probs.data()]);
        for (let i = 0; i < chunk.length; i++) {
          out.push({
            embedding: Float32Array.from(e.subarray(i * config.embeddingDim, (i + 1) * config.embeddingDim)),
            probs: Float32Array.from(p.subarray(i * config.categories.length, (i + 1) * config.categories.length)),
          });
        }
      } finally {
        emb.dispose();
        probs.dispose();
      }
    }
    return out;
  }

  const classification = (probabilities: Float32Array): Classification => {
    let best = 0;
    for (let i = 1; i < probabilities.length; i++) if (probabilities[i] > probabilities[best]) best = i;
    return { probabilities, top: { category: config.categories[best], probability: probabilities[best] } };
  };

  return {
    dim: config.embeddingDim,
    version: config.version,
    backend,
    categories: config.categories,
    trainedOn,
    embed: async (items) => (await run(items, fromAudio)).map((r) => r.embedding),
    classify: async (items) => (await run(items, fromAudio)).map((r) => classification(r.probs)),
    analyse: async (items) => (await run(items, fromAudio)).map((r) => ({ embedding: r.embedding, classification: classification(r.probs) })),
    embedPatches: async (patches) => (await run(patches, fromPatch)).map((r) => r.embedding),
    dispose() {
      if (disposed) return;
      disposed = true;
      weights.forEach((t) => t.dispose());
    },
  };
}
