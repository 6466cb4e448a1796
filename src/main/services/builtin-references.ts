// Finds the built-in reference set shipped with the model assets (descriptor vectors of labelled development
// sounds) and loads it when it matches this build's feature vector; a missing or mismatched file just means none.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readReferenceSet, type ReferenceSet } from '../intelligence/reference-set-file.js';

/** Where the ML assets keep the descriptor reference set. */
export const BUILTIN_REFERENCE_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../../../assets/model/reference-set.bin');

export async function loadBuiltinReferences(dim: number, path = BUILTIN_REFERENCE_PATH): Promise<ReferenceSet | null> {
  if (!existsSync(path)) return null;
  try {
    const set = await readReferenceSet(path);
    return set.dim === dim ? set : null;
  } catch {
    // A damaged optional asset must not stop labelling; the library's own references still work.
    return null;
  }
}
