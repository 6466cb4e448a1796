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

/** Groups of near-duplicates (connected components of matching pairs), largest first. */
export function nearDuplicateGroups(prints: ReadonlyMap<number, NearDupPrint>, opts: NearDupOptions = {}): number[][] {
  const threshold = opts.threshold ?? 0.9;
  const maxRatio = opts.maxDurationRatio ?? 1.6;
  const ids = [...prints.keys()].filter((id) => prints.get(id)!.frames > 0);
  if (ids.length < 2) return [];
  const dim = printSummary(prints.get(ids[0])!).length;
  const index = new SimilarityIndex(dim, ids.length);
  for (const id of ids) index.add(id, printSummary(prints.get(id)!));
  if (ids.length > 2000) index.build();
  const parent = new Map<number, number>(ids.map((id) => [id, id]));
  const find = (x: number): number => {
    while (parent.get(x) !== x) x = parent.get(x)!;
    return x;
  };
  const k = Math.min(ids.length - 1, opts.candidates ?? 10);
  for (const id of ids) {
    const p = prints.get(id)!;
    for (const n of index.search(printSummary(p), { k, exclude: id, nprobe: 8 })) {
      const q = prints.get(n.id)!;
      const ratio = Math.max(p.durationSec, q.durationSec) / Math.max(1e-6, Math.min(p.durationSec, q.durationSec));
      if (ratio > maxRatio || find(id) === find(n.id)) continue;
      if (comparePrints(p, q) >= threshold) parent.set(find(id), find(n.id));
    }
  }
  const groups = new Map<number, number[]>();
  for (const id of ids) {
    const r = find(id);
    groups.set(r, [...(groups.get(r) ?? []), id]);
  }
  return [...groups.values()].filter((g) => g.length > 1).map((g) => g.sort((a, b) => a - b)).sort((a, b) => b.length - a.length);
}
