// Finds the built-in reference sets shipped with the model assets (labelled development sounds as descriptor
// vectors and/or as embeddings) so a fresh library is labelled before the user labels anything. A missing or
// damaged file just means no built-in references; which set fits which vector space is the classifier's call.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readReferenceSet, type ReferenceSet } from '../intelligence/reference-set-file.js';
import { defaultModelDir } from '../ml/model-files.js';

/**
 * Reference sets (reference-set*.bin; featureVersion = the model version for embeddings) live beside the shipped
 * model, found the same way from source, from a bundle or via SONOTECA_MODEL_DIR.
 */
export async function loadBuiltinReferenceSets(dir = defaultModelDir()): Promise<ReferenceSet[]> {
  if (!existsSync(dir)) return [];
  const out: ReferenceSet[] = [];
  for (const name of readdirSync(dir).filter((n) => /^reference-set.*\.bin$/.test(n)).sort()) {
    try {
      out.push(await readReferenceSet(join(dir, name)));
    } catch {
      // An unreadable optional asset must not stop labelling; the library's own references still work.
    }
  }
  return out;
}
