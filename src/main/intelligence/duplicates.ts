// Finds duplicates: exact copies by decoded-PCM hash, near copies by audio print — with kNN candidate generation
// on print summaries so 100k files never need all-pairs comparison.
import { comparePrints, printSummary, type NearDupPrint } from './near-dup-print.js';
import { SimilarityIndex } from './similarity-index.js';

/** Groups of ≥2 ids sharing a pcmHash, largest first. */
export function exactDuplicateGroups(items: Iterable<{ id: number; pcmHash: string | null | undefined }>): number[][] {
  const byHash = new Map<string, number[]>();
  for (const { id, pcmHash } of items) {
    if (!pcmHash) continue;
    const g = byHash.get(pcmHash);
    if (g) g.push(id);
    else byHash.set(pcmHash, [id]);
  }
  return [...byHash.values()].filter((g) => g.length > 1).map((g) => g.sort((a, b) => a - b)).sort((a, b) => b.length - a.length || a[0] - b[0]);
}

export interface NearDupOptions {
  /** Print similarity at or above which two files are near-duplicates. */
  threshold?: number;
  /** Candidates per file from the summary kNN. */
  candidates?: number;
  /** Max ratio between durations for a pair to be considered. */
  maxDurationRatio?: number;
}

/** A near-duplicate group never grows past this: copies come in handfuls, and merging checks every pair. */
const MAX_GROUP = 64;

/**
 * Groups of near-duplicates, largest first. Every two members of a group match (complete linkage): joining matches
 * as chains instead would let A≈B and B≈C pull in a C that is nothing like A, until one group holds half a drum kit.
 */
export function nearDuplicateGroups(prints: ReadonlyMap<number, NearDupPrint>, opts: NearDupOptions = {}): number[][] {
  const threshold = opts.threshold ?? 0.9;
  const maxRatio = opts.maxDurationRatio ?? 1.6;
  const ids = [...prints.keys()].filter((id) => prints.get(id)!.frames > 0);
  if (ids.length < 2) return [];
  const dim = printSummary(prints.get(ids[0])!).length;
  const index = new SimilarityIndex(dim, ids.length);
  for (const id of ids) index.add(id, printSummary(prints.get(id)!));
  if (ids.length > 2000) index.build();
  // Pair similarities, computed once (−∞ when the lengths alone rule a copy out).
  const memo = new Map<string, number>();
  const similarity = (x: number, y: number): number => {
    const key = x < y ? `${x}:${y}` : `${y}:${x}`;
    let sim = memo.get(key);
    if (sim === undefined) {
      const p = prints.get(x)!;
      const q = prints.get(y)!;
      const ratio = Math.max(p.durationSec, q.durationSec) / Math.max(1e-6, Math.min(p.durationSec, q.durationSec));
      sim = ratio <= maxRatio ? comparePrints(p, q) : -Infinity;
      memo.set(key, sim);
    }
    return sim;
  };
  const match = (x: number, y: number): boolean => similarity(x, y) >= threshold;
  // Candidate pairs from the summary kNN, most similar first, so the closest copies form each group's core.
  const pairs: Array<{ a: number; b: number; similarity: number }> = [];
  const seen = new Set<string>();
  const k = Math.min(ids.length - 1, opts.candidates ?? 10);
  for (const id of ids) {
    for (const n of index.search(printSummary(prints.get(id)!), { k, exclude: id, nprobe: 8 })) {
      const a = Math.min(id, n.id);
      const b = Math.max(id, n.id);
      if (seen.has(`${a}:${b}`)) continue;
      seen.add(`${a}:${b}`);
      if (match(a, b)) pairs.push({ a, b, similarity: similarity(a, b) });
    }
  }
  pairs.sort((p, q) => q.similarity - p.similarity || p.a - q.a || p.b - q.b);
  const groupOf = new Map<number, number[]>();
  for (const { a, b } of pairs) {
    const ga = groupOf.get(a) ?? [a];
    const gb = groupOf.get(b) ?? [b];
    if (ga === gb || ga.length + gb.length > MAX_GROUP) continue;
    if (!ga.every((x) => gb.every((y) => match(x, y)))) continue;
    const merged = [...ga, ...gb];
    for (const id of merged) groupOf.set(id, merged);
  }
  const groups = new Set(groupOf.values());
  return [...groups].filter((g) => g.length > 1).map((g) => [...g].sort((a, b) => a - b)).sort((a, b) => b.length - a.length || a[0] - b[0]);
}
