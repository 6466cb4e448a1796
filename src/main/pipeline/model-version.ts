// Which embedding model the workers will load, worked out from its files alone: the coordinator needs the version
// to find vectors of another model without loading the model (or TensorFlow.js) itself. The stamp is the one
// loadModel puts on vectors (ml/model-files.ts), and a test holds the two equal.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultModelDir, stampVersion } from '../ml/model-files.js';

interface ModelJson {
  config?: { version?: unknown; embeddingDim?: unknown };
  weightsManifest?: Array<{ paths?: unknown }>;
}

export async function embeddingModelVersion(modelDir?: string): Promise<{ version: string; dim: number } | { error: string }> {
  const dir = modelDir ?? defaultModelDir();
  const file = join(dir, 'model.json');
  try {
    const json = JSON.parse(await readFile(file, 'utf8')) as ModelJson;
    const version = json.config?.version;
    const dim = json.config?.embeddingDim;
    if (typeof version !== 'string' || !version || typeof dim !== 'number' || !(dim > 0)) {
      return { error: `the embedding model ${file} names no version or embedding size` };
    }
    const chunks: Uint8Array[] = [];
    for (const group of json.weightsManifest ?? []) {
      if (!Array.isArray(group.paths)) return { error: `the embedding model ${file} has a malformed weights manifest` };
      for (const p of group.paths) chunks.push(await readFile(join(dir, String(p))));
    }
    return { version: stampVersion(version, chunks), dim };
  } catch (err) {
    return { error: `the embedding model could not be read (${file}): ${(err as Error).message}` };
  }
}
