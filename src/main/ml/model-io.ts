// Reads and writes the embedding model as model.json (config + tfjs weights manifest) and one weights.bin, with
// plain file IO: the app never touches the network, and the same weights always produce byte-identical files.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
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

/** assets/model/ of the repository (also where a packaged app keeps it, next to dist/). */
/**
 * The shipped model: assets/model at the package root, found from this file whether it runs from source
 * (src/main/ml) or from a bundle (dist/cli, dist/app); SONOTECA_MODEL_DIR overrides (packaged apps).
 */
export function defaultModelDir(): string {
  if (process.env.SONOTECA_MODEL_DIR) return process.env.SONOTECA_MODEL_DIR;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 5; up++) {
    const candidate = resolve(dir, 'assets', 'model');
    if (existsSync(resolve(candidate, 'model.json'))) return candidate;
    dir = resolve(dir, '..');
  }
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../../assets/model');
}

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
  // The version vectors are stamped with names the exact weights, so a retrained model never mixes with embeddings
  // (or reference sets) cached from an earlier one that carried the same config version.
  const digest = createHash('sha256');
  for (const group of json.weightsManifest) {
    const buffers = await Promise.all(group.paths.map((p) => readFile(join(dir, p))));
    const total = buffers.reduce((n, b) => n + b.byteLength, 0);
    const joined = new Uint8Array(total);
    let off = 0;
    for (const b of buffers) {
      joined.set(b, off);
      off += b.byteLength;
    }
    digest.update(joined);
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
  return { config: { ...json.config, version: `${json.config.version}+${digest.digest('hex').slice(0, 8)}` }, weights, training: json.training };
}
