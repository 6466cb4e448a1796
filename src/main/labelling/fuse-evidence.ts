// Decides whether embedded metadata names a sound's category, weighing it against the acoustic kNN vote and a
// non-decisive file name as independent experts (a product of their distributions). Strong metadata beats a weak
// acoustic guess; a confident acoustic vote beats weak metadata; a decisive file name is never overruled.
import { CATEGORY_IDS } from '../../shared/taxonomy/categories.js';
import type { MetadataCandidate } from '../../shared/naming/metadata-labeller.js';

/** Below this the metadata's own best guess is too weak to label anything, whatever else agrees. */
export const MIN_METADATA_CONFIDENCE = 0.5;
/** A file-name label this sure is decisive: metadata that disagrees yields, metadata that agrees adds nothing. */
export const DECISIVE_FILENAME_CONFIDENCE = 0.8;
/**
 * How far the kNN vote shares are trusted as probabilities: the rest is spread evenly, so even a unanimous vote
 * leaves room for strong metadata. A rejected prediction (far from every reference) is trusted much less.
 */
const ACOUSTIC_TRUST = 0.75;
const REJECTED_TRUST = 0.25;
const MAX_CONFIDENCE = 0.99;

const CATEGORIES = CATEGORY_IDS.filter((c) => c !== 'unknown');

export interface Opinion {
  category: string;
  confidence: number;
}

export interface AcousticOpinion extends Opinion {
  /** Vote shares per category (sum 1). */
  scores: Record<string, number>;
  /** True when the kNN answered 'unknown': too far from every reference. */
  rejected?: boolean;
}

export interface FuseInput {
  /** The metadata labeller's candidates, best first. */
  metadata: readonly MetadataCandidate[];
  filename?: Opinion | null;
  acoustic?: AcousticOpinion | null;
}

export interface MetadataVerdict {
  /** Whether the metadata label stands (is written); when false, `reason` says what outweighed it. */
  decides: boolean;
  category: string;
  /** Fused confidence of the metadata's category. */
  confidence: number;
  reason: string;
  /** The acoustic vote share for the metadata's category, when there was a vote. */
  acousticSupport?: number;
}

/** A categorical distribution: `top` gets p, the other categories share the rest evenly. */
function spread(p: Map<string, number>): (c: string) => number {
  let mass = 0;
  for (const v of p.values()) mass += v;
  const rest = Math.max(1e-3, 1 - mass) / Math.max(1, CATEGORIES.length - p.size);
  return (c) => Math.max(1e-4, p.get(c) ?? rest);
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** The metadata's verdict, or null when the metadata names no category. */
export function fuseMetadata(input: FuseInput): MetadataVerdict | null {
  const top = input.metadata[0];
  if (!top) return null;
  const fn = input.filename;
  if (fn && fn.confidence >= DECISIVE_FILENAME_CONFIDENCE) {
    const reason = fn.category === top.category ? 'the file name already says so' : `the file name says ${fn.category} (${pct(fn.confidence)})`;
    return { decides: false, category: top.category, confidence: top.confidence, reason };
  }
  if (top.confidence < MIN_METADATA_CONFIDENCE) return { decides: false, category: top.category, confidence: top.confidence, reason: `too weak on its own (${pct(top.confidence)})` };

  const meta = spread(new Map(input.metadata.map((c) => [c.category, c.confidence])));
  const name = fn ? spread(new Map([[fn.category, fn.confidence]])) : () => 1;
  const ac = input.acoustic;
  const trust = ac ? (ac.rejected ? REJECTED_TRUST : ACOUSTIC_TRUST) : 0;
  const sound = (c: string) => trust * (ac?.scores[c] ?? 0) + (1 - trust) / CATEGORIES.length;

  let total = 0;
  let best = top.category;
  let bestP = -1;
  for (const c of CATEGORIES) {
    const p = meta(c) * name(c) * sound(c);
    total += p;
    if (p > bestP) { best = c; bestP = p; }
  }
  const confidence = Math.min(MAX_CONFIDENCE, Math.round(((meta(top.category) * name(top.category) * sound(top.category)) / total) * 1000) / 1000);
  const acousticSupport = ac && !ac.rejected ? ac.scores[top.category] ?? 0 : undefined;
  if (best !== top.category) {
    const by: string[] = [];
    if (ac && !ac.rejected && (ac.scores[best] ?? 0) > 0) by.push(`the sound model says ${best} (${pct(ac.scores[best])})`);
    if (fn?.category === best) by.push(`the file name says ${best}`);
    return { decides: false, category: top.category, confidence, reason: by.join(' and ') || `the other evidence favours ${best}`, ...(acousticSupport !== undefined ? { acousticSupport } : {}) };
  }
  let reason: string;
  if (!ac) reason = 'no acoustic vote';
  else if (acousticSupport === undefined) reason = 'the sound model found no close match';
  else if (acousticSupport >= 0.5) reason = `the sound model agrees (${pct(acousticSupport)})`;
  else reason = `stronger than the sound model's ${ac.category} (${pct(ac.confidence)})`;
  return { decides: true, category: top.category, confidence, reason, ...(acousticSupport !== undefined ? { acousticSupport } : {}) };
}
