// Finds the built-in reference sets shipped with the model assets (labelled development sounds as descriptor
// vectors and/or as embeddings) so a fresh library is labelled before the user labels anything. A missing or
// damaged file just means no built-in references; which set fits which vector space is the classifier's call.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readReferenceSet, type ReferenceSet } from '../intelligence/reference-set-file.js';

/** Where the ML assets keep reference sets: reference-set*.bin (featureVersion = model version for embeddings). */
export const BUILTIN_REFERENCE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../assets/model');

export async function loadBuiltinReferenceSets(dir = BUILTIN_REFERENCE_DIR): Promise<ReferenceSet[]> {
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
