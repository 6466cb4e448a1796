// Duplicate finder over the library: exact copies share the decoded-PCM hash (whatever the name or container);
// near copies (trimmed, re-gained, re-encoded, resampled) match on audio prints computed from each file's start.
import type { LibraryDb } from '../store/index.js';
import { exactDuplicateGroups, nearDuplicateGroups } from '../intelligence/duplicates.js';
import { PRINT_FRAMES, PRINT_HOP_SEC, computeNearDupPrint, comparePrints, type NearDupPrint } from '../intelligence/near-dup-print.js';
import { decodeMonoHead } from './decode-mono.js';

export interface DuplicateMember {
  id: number;
  path: string;
  durationSec: number | null;
  format: string | null;
  sizeBytes: number;
}

export interface DuplicateGroup {
  kind: 'exact' | 'near';
  /** Lowest pairwise print similarity inside a near group (1 for exact). */
  similarity: number;
  members: DuplicateMember[];
}

export interface DuplicateOptions {
  /** Also look for near-duplicates (decodes the start of every file; default true). */
  near?: boolean;
  threshold?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export interface DuplicateReport {
  groups: DuplicateGroup[];
  exactGroups: number;
  nearGroups: number;
  /** Files that could not be read for a print (listed, never fatal). */
  unreadable: Array<{ id: number; path: string; error: string }>;
}

// Enough audio for a full print plus a generous leading silence.
const PRINT_SECONDS = PRINT_FRAMES * PRINT_HOP_SEC + 3;

interface CachedPrint {
  mtimeMs: number;
  sizeBytes: number;
  print: NearDupPrint;
}
const printCaches = new WeakMap<LibraryDb, Map<number, CachedPrint>>();

export async function printFor(path: string, fullDurationSec: number | null): Promise<NearDupPrint> {
  const { mono, sampleRate, decodedAll } = await decodeMonoHead(path, PRINT_SECONDS);
  const p = computeNearDupPrint(mono, sampleRate);
  if (!decodedAll && fullDurationSec !== null) {
    // The print saw only the head: restore the real length after the onset for the duration pre-filter.
    const onsetSec = mono.length / sampleRate - p.durationSec;
    p.durationSec = Math.max(0, fullDurationSec - onsetSec);
  }
  return p;
}

export async function findDuplicates(db: LibraryDb, opts: DuplicateOptions = {}): Promise<DuplicateReport> {
  const samples = db.samples.list({ status: 'analysed', limit: 100_000_000, orderBy: 'id' });
  const byId = new Map(samples.map((s) => [s.id, s]));
  const member = (id: number): DuplicateMember => {
    const s = byId.get(id)!;
    return { id, path: s.path, durationSec: s.durationSec, format: s.format, sizeBytes: s.sizeBytes };
  };
  const exact = exactDuplicateGroups(samples.map((s) => ({ id: s.id, pcmHash: s.fingerprint })));
  const groups: DuplicateGroup[] = exact.map((g) => ({ kind: 'exact', similarity: 1, members: g.map(member) }));
  const unreadable: DuplicateReport['unreadable'] = [];
  let nearCount = 0;
  if (opts.near !== false) {
    // One representative per exact group: its copies are already reported.
    const skip = new Set(exact.flatMap((g) => g.slice(1)));
    const cache = printCaches.get(db) ?? new Map<number, CachedPrint>();
    printCaches.set(db, cache);
    const prints = new Map<number, NearDupPrint>();
    const todo = samples.filter((s) => !skip.has(s.id));
    let done = 0;
    for (const s of todo) {
      if (opts.signal?.aborted) break;
      const hit = cache.get(s.id);
      if (hit && hit.mtimeMs === s.mtimeMs && hit.sizeBytes === s.sizeBytes) prints.set(s.id, hit.print);
      else {
        try {
          const print = await printFor(s.path, s.durationSec);
          cache.set(s.id, { mtimeMs: s.mtimeMs, sizeBytes: s.sizeBytes, print });
          prints.set(s.id, print);
        } catch (err) {
          unreadable.push({ id: s.id, path: s.path, error: (err as Error).message });
        }
      }
      opts.onProgress?.(++done, todo.length);
    }
    const exactOf = new Map(exact.map((g) => [g[0], g]));
    for (const g of nearDuplicateGroups(prints, { threshold: opts.threshold })) {
      let min = 1;
      for (let i = 0; i < g.length; i++) for (let j = i + 1; j < g.length && g.length <= 50; j++) min = Math.min(min, comparePrints(prints.get(g[i])!, prints.get(g[j])!));
      // Bring back the exact copies of each representative so the group lists every file involved.
      const ids = g.flatMap((id) => exactOf.get(id) ?? [id]);
      groups.push({ kind: 'near', similarity: Math.round(min * 1000) / 1000, members: ids.map(member) });
      nearCount++;
    }
  }
  return { groups, exactGroups: exact.length, nearGroups: nearCount, unreadable };
}
