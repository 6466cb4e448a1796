// Where the shipped model lives and the version its vectors are stamped with, without TensorFlow.js: the pipeline's
// coordinator needs both to find stale vectors without loading the model itself.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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

/**
 * config.version + "+" + the first 8 hex digits of the SHA-256 of the weight bytes in manifest order: a retrained
 * model never shares a version with vectors (or reference sets) cached from an earlier one of the same name.
 */
export function stampVersion(configVersion: string, weightChunks: Iterable<Uint8Array>): string {
  const digest = createHash('sha256');
  for (const chunk of weightChunks) digest.update(chunk);
  return `${configVersion}+${digest.digest('hex').slice(0, 8)}`;
}
