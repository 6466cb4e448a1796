// Reads and writes the embedding model as model.json (config + tfjs weights manifest) and one weights.bin, with
// plain file IO: the app never touches the network, and the same weights always produce byte-identical files.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultModelDir, stampVersion } from './model-files.js';
import { tf } from './tf-backend.js';
import type { ModelConfig, Weights } from './model.js';
import { weightShapes } from './model.js';

const FORMAT = 'sonoteca-embedder';

interface ModelJson {
  format: typeof FORMAT;
  config: ModelConfig;
  weightsManifest: Array<{ paths: string[]; weights: tf.io.WeightsManifestEntry[] }>;
  /** Free-form facts about training (data, seed, accuracy) for the model card and the About box. */
  training?: Record<string, unknown>;
}

export { defaultModelDir };

export async function saveModel(dir: string, cfg: ModelConfig, w: Weights, training?: Record<string, unknown>): Promise<void> {
  const named = weightShapes(cfg).map(([name]) => {
    const t = w.get(name);
    if (!t) throw new Error(`saveModel: weight ${name} missing`);
    return { name, tensor: t };
  });
  const { data, specs } = await tf.io.encodeWeights(named);
  const json: ModelJson = { format: FORMAT, config: cfg, weightsManifest: [{ paths: ['weights.bin'], weights: specs }], training };
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'weights.bin'), new Uint8Array(data as ArrayBuffer));
  await writeFile(join(dir, 'model.json'), JSON.stringify(json, null, 1) + '\n');
}

export interface LoadedModel {
  config: ModelConfig;
  weights: Weights;
  training?: Record<string, unknown>;
}

export async function loadModel(dir = defaultModelDir()): Promise<LoadedModel> {
  let json: ModelJson;
  try {
    json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as ModelJson;
  } catch (err) {
    throw new Error(`embedding model: cannot read ${join(dir, 'model.json')}: ${(err as Error).message}`);
  }
  if (json.format !== FORMAT) throw new Error(`embedding model: ${dir}/model.json is not a ${FORMAT} file`);
  const weights: Weights = new Map();
  const chunks: Uint8Array[] = [];
  for (const group of json.weightsManifest) {
    const buffers = await Promise.all(group.paths.map((p) => readFile(join(dir, p))));
    const total = buffers.reduce((n, b) => n + b.byteLength, 0);
    const joined = new Uint8Array(total);
    let off = 0;
    for (const b of buffers) {
      joined.set(b, off);
      off += b.byteLength;
    }
    chunks.push(joined);
    const decoded = tf.io.decodeWeights(joined.buffer, group.weights);
    for (const [name, t] of Object.entries(decoded)) weights.set(name, t);
  }
  for (const [name, shape] of weightShapes(json.config)) {
    const t = weights.get(name);
    if (!t || t.shape.join('x') !== shape.join('x')) {
      weights.forEach((v) => v.dispose());
      throw new Error(`embedding model: weight ${name} missing or not shaped ${shape.join('x')}`);
    }
  }
  return { config: { ...json.config, version: stampVersion(json.config.version, chunks) }, weights, training: json.training };
}
