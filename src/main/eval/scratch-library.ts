// Builds the evaluation's scratch library: every manifest file copied under an anonymous name (so the name
// labeller learns nothing), optional sounds synthesized in code for training, then scanned and analysed for real.
import { copyFileSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { Library } from '../core/library.js';
import { encodeWav } from '../encode/wav-writer.js';
import { SYNTH_CATEGORIES, synthesize } from '../synth/index.js';
import type { ManifestRow } from './manifest.js';

export interface ScratchRow extends ManifestRow {
  /** The anonymous copy inside the scratch library. */
  anonPath: string;
}

export interface ScratchLibrary {
  library: Library;
  rows: ScratchRow[];
  /** Library sample id → row. */
  byId: Map<number, ScratchRow>;
  failed: Array<{ path: string; error: string }>;
  analyseSeconds: number;
}

export const SYNTH_SOURCE = 'synth';

export async function buildScratchLibrary(dir: string, rows: readonly ManifestRow[], opts: { synthPerCategory?: number; workers?: number; log?: (line: string) => void } = {}): Promise<ScratchLibrary> {
  const audio = join(dir, 'audio');
  mkdirSync(audio, { recursive: true });
  const all: ScratchRow[] = [];
  let serial = 0;
  const anon = (ext: string) => join(audio, `${String(serial++).padStart(6, '0')}${ext.toLowerCase()}`);
  for (const r of rows) {
    const anonPath = anon(extname(r.path));
    // A kept scratch folder is reused as is (same order → same names), so re-runs skip analysis.
    if (!existsSync(anonPath) || statSync(anonPath).size !== statSync(r.path).size) copyFileSync(r.path, anonPath);
    all.push({ ...r, anonPath });
  }
  const perCat = opts.synthPerCategory ?? 0;
  for (const category of perCat > 0 ? SYNTH_CATEGORIES : []) {
    for (let i = 0; i < perCat; i++) {
      const s = synthesize({ category, seed: 1000 + i * 7919 });
      const anonPath = anon('.wav');
      if (!existsSync(anonPath)) writeFileSync(anonPath, encodeWav(s.channels, s.sampleRate, { bitDepth: 16 }));
      all.push({ path: `synth:${s.name}`, label: category, group: `${SYNTH_SOURCE}/${category}/${s.variant}`, source: SYNTH_SOURCE, anonPath });
    }
  }
  opts.log?.(`scratch library: ${all.length} files (${all.length - rows.length} synthesized); analysing…`);
  const library = Library.open(join(dir, 'lib'));
  await library.addRoots([audio]);
  const t0 = performance.now();
  await library.analyse({ workers: opts.workers ?? 2 });
  const analyseSeconds = (performance.now() - t0) / 1000;
  const byId = new Map<number, ScratchRow>();
  const failed: ScratchLibrary['failed'] = [];
  for (const r of all) {
    const s = library.db.samples.byPath(r.anonPath);
    if (s?.status === 'analysed') byId.set(s.id, r);
    else failed.push({ path: r.path, error: s?.error?.message ?? 'not indexed' });
  }
  return { library, rows: all, byId, failed, analyseSeconds };
}

/** Row indices grouped by their manifest group (pack / instrument), for leave-one-group-out scoring. */
export function groupsOf(rows: readonly ScratchRow[], idx: readonly number[]): number[][] {
  const groups = new Map<string, number[]>();
  for (const i of idx) {
    const members = groups.get(rows[i].group);
    if (members) members.push(i);
    else groups.set(rows[i].group, [i]);
  }
  return [...groups.values()];
}
