// Shared fixtures for the store tests: a temp library per test and realistic rows to put in it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLibraryDb, type LibraryDb, type IndexEntry, type AnalysisData } from '../../src/main/store/index.js';
import { ANALYZER_IDS, type AnalyzerId } from '../../src/shared/model/analysis.js';

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'sonoteca-store-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Opens a fresh library in a temp dir; `done()` closes and deletes it. */
export function tempLibrary(): { lib: LibraryDb; dir: string; file: string; done: () => void } {
  const { dir, cleanup } = tempDir();
  const file = join(dir, 'lib', 'library.sqlite');
  const lib = openLibraryDb(file);
  return { lib, dir, file, done: () => { lib.close(); cleanup(); } };
}

export function entry(rootId: number, rootPath: string, rel: string, sizeBytes = 1000, mtimeMs = 1_700_000_000_000.5): IndexEntry {
  const name = rel.split('/').pop()!;
  const dot = name.lastIndexOf('.');
  return { rootId, path: `${rootPath}/${rel}`, relPath: rel, name, ext: name.slice(dot + 1).toLowerCase(), sizeBytes, mtimeMs };
}

export const VERSIONS: Record<AnalyzerId, number> = Object.fromEntries(ANALYZER_IDS.map((a) => [a, 1])) as Record<AnalyzerId, number>;

/** A plausible full analysis of one file; `seed` varies the numbers and the vector. */
export function analysisData(seed: number, opts: { fingerprint?: string; versions?: Partial<Record<AnalyzerId, number>>; dim?: number } = {}): AnalysisData {
  const dim = opts.dim ?? 8;
  const values = new Float32Array(dim).map((_, i) => seed + i / 10);
  const overviewMin = new Float32Array([-0.5, -0.25, -0.125 * seed]);
  const overviewMax = new Float32Array([0.5, 0.25, 0.125 * seed]);
  const fingerprint = opts.fingerprint ?? `hash-${seed}`;
  return {
    info: { format: 'wav', codec: 'pcm_s16le', sampleRate: 44100, channels: 2, bitDepth: 16, frames: 44100 },
    metadata: { bpm: 120, title: `take ${seed}`, raw: { 'INFO.INAM': `take ${seed}` } },
    result: {
      fingerprint: { pcmHash: fingerprint, frames: 44100, durationSec: 1 },
      peaks: { overview: { framesPerPeak: 512, min: overviewMin, max: overviewMax }, detail: { framesPerPeak: 64, min: new Float32Array([-1, 0]), max: new Float32Array([1, 0.5]) } },
      loudness: { peakDb: -1, rmsDb: -12, lufs: -Infinity, crestDb: 11, leadingSilenceSec: 0, trailingSilenceSec: 0.1, dcOffset: 0, clipped: false },
      rhythm: { bpm: 120 + seed, confidence: 0.9, onsetCount: 8, onsetsPerSec: 4, beats: 4 },
      vector: { values },
    },
    versions: opts.versions ?? VERSIONS,
    derived: { kind: 'loop', bpm: 120 + seed, bpmSource: 'analysis', key: 'A minor', keySource: 'analysis', note: null, rootMidi: null, loudnessLufs: -14, peakDb: -1, durationSec: 1 + seed, fingerprint },
  };
}

/** Adds a root with `n` indexed files named like a drum pack. */
export function seedRoot(lib: LibraryDb, rootPath: string, names: string[]): { rootId: number; ids: number[] } {
  const root = lib.roots.add(rootPath);
  lib.samples.indexBatch(names.map((n) => entry(root.id, rootPath, n)));
  const ids = names.map((n) => lib.samples.byPath(`${rootPath}/${n}`)!.id);
  return { rootId: root.id, ids };
}
