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

/** A near-duplicate group never grows past this: copies come in handfuls. */
const MAX_GROUP = 64;
/** Members of a group a merge compares against: all of a small group, an even spread of a large one. */
const CHECKED_MEMBERS = 8;

function checked(group: number[]): number[] {
  if (group.length <= CHECKED_MEMBERS) return group;
  return Array.from({ length: CHECKED_MEMBERS }, (_, i) => group[Math.floor((i * (group.length - 1)) / (CHECKED_MEMBERS - 1))]);
}

/**
 * Groups of near-duplicates, largest first. Every two members of a group match (complete linkage; in groups of more
 * than CHECKED_MEMBERS, every member matches an even spread of the others): joining matches as chains instead would
 * let A≈B and B≈C pull in a C that is nothing like A, until one group holds half a drum kit.
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
  const similarity = (x: number, y: number): number => {
    const p = prints.get(x)!;
    const q = prints.get(y)!;
    const ratio = Math.max(p.durationSec, q.durationSec) / Math.max(1e-6, Math.min(p.durationSec, q.durationSec));
    // The lengths alone can rule a copy out.
    return ratio <= maxRatio ? comparePrints(p, q) : -Infinity;
  };
  // Matches seen while merging, so growing a group compares each pair once (candidates that fail are not kept).
  const memo = new Map<number, boolean>();
  const match = (x: number, y: number): boolean => {
    const key = pairKey(x, y);
    let m = memo.get(key);
    if (m === undefined) memo.set(key, (m = similarity(x, y) >= threshold));
    return m;
  };
  const groupOf = new Map<number, number[]>();
  const k = Math.min(ids.length - 1, opts.candidates ?? 10);
  for (const id of ids) {
    for (const n of index.search(printSummary(prints.get(id)!), { k, exclude: id, nprobe: 8 })) {
      const ga = groupOf.get(id) ?? [id];
      const gb = groupOf.get(n.id) ?? [n.id];
      if (ga === gb || ga.length + gb.length > MAX_GROUP || similarity(id, n.id) < threshold) continue;
      memo.set(pairKey(id, n.id), true);
      // Every member must match every member of the other group (checked on up to CHECKED_MEMBERS of each).
      if (!checked(ga).every((x) => checked(gb).every((y) => match(x, y)))) continue;
      const merged = [...ga, ...gb];
      for (const member of merged) groupOf.set(member, merged);
    }
  }
  const groups = new Set(groupOf.values());
  return [...groups].filter((g) => g.length > 1).map((g) => [...g].sort((a, b) => a - b)).sort((a, b) => b.length - a.length || a[0] - b[0]);
}

/** One number per unordered pair of sample ids (ids stay far below 2^26). */
function pairKey(x: number, y: number): number {
  return x < y ? x * 2 ** 26 + y : y * 2 ** 26 + x;
}
