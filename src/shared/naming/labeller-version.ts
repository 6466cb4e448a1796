// Which name labeller wrote a library's name labels: a digest of its word lists plus a revision for its rules, so a
// library made by an older Sonoteca re-reads its file names after an upgrade instead of keeping yesterday's mistakes.
import { KIND_WORDS, LOOP_WORDS, ONESHOT_WORDS, VOCABULARY } from './vocabulary.js';
import { CLOSED_WORDS, OPEN_WORDS } from './name-labeller.js';
import { UCS_ROWS } from './ucs-categories.js';

/** Bump when the labeller's rules change in code (name-labeller.ts, ucs.ts, name-music.ts); word lists are digested. */
const RULES_REVISION = 2;

/** 32-bit FNV-1a, hex: enough to tell two vocabularies apart. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export const NAME_LABELLER_VERSION = `${RULES_REVISION}.${fnv1a(JSON.stringify([[...VOCABULARY], [...LOOP_WORDS], [...ONESHOT_WORDS], [...OPEN_WORDS], [...CLOSED_WORDS], UCS_ROWS, [...KIND_WORDS]]))}`;
