// Writes a folder of synthesized samples as real audio files with realistic pack-style folders and names, and
// returns the ground truth for each (benchmarks, demo library, training sets).
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { encodeWav } from '../encode/wav-writer.js';
import { encodeAiff } from '../encode/aiff-writer.js';
import type { EmbeddedMetadata } from '../../shared/model/audio.js';
import type { CategoryId } from './category-id.js';
import { randomSpec, synthesize } from './index.js';
import type { SynthSound } from './index.js';
import { Rng } from './rng.js';
import { messyFolder, messyName, tidyFolder } from './library-names.js';

const run = promisify(execFile);

export type SynthFileFormat = 'wav16' | 'wav24' | 'wavf32' | 'aiff' | 'flac' | 'mp3' | 'ogg';

export interface WriteLibraryOptions {
  count: number;
  seed: number;
  formats?: SynthFileFormat[];
  loopShare?: number;
  folderStyle?: 'by-category' | 'messy';
  categories?: CategoryId[];
  sampleRate?: number;
}

export interface WrittenSample {
  path: string;
  category: CategoryId;
  kind: 'oneshot' | 'loop';
  bpm?: number;
  midi?: number;
  key?: string;
  subTags: string[];
  format: SynthFileFormat;
  seed: number;
}

const EXT: Record<SynthFileFormat, string> = { wav16: 'wav', wav24: 'wav', wavf32: 'wav', aiff: 'aif', flac: 'flac', mp3: 'mp3', ogg: 'ogg' };
const TOOL: Partial<Record<SynthFileFormat, { bin: string; pkg: string }>> = { flac: { bin: 'flac', pkg: 'flac' }, mp3: { bin: 'lame', pkg: 'lame' }, ogg: { bin: 'oggenc', pkg: 'vorbis-tools' } };

async function checkTool(fmt: SynthFileFormat): Promise<void> {
  const t = TOOL[fmt];
  if (!t) return;
  try {
    await run(t.bin, ['--version']);
  } catch {
    throw new Error(`writeSynthLibrary: format '${fmt}' needs the '${t.bin}' command; install it with 'apt-get install ${t.pkg}'`);
  }
}

function metadataFor(s: SynthSound, rng: Rng): EmbeddedMetadata | undefined {
  // Real packs are inconsistent: only some files carry acid/smpl data.
  if (!rng.chance(0.4)) return undefined;
  const m: EmbeddedMetadata = { loop: s.kind === 'loop' };
  if (s.bpm) {
    m.bpm = s.bpm;
    m.beats = Math.round((s.channels[0].length / s.sampleRate) * (s.bpm / 60));
  }
  if (s.midi !== undefined) m.rootNote = s.midi;
  if (s.key) m.key = s.key;
  return m;
}

async function encodeTo(path: string, fmt: SynthFileFormat, s: SynthSound, meta: EmbeddedMetadata | undefined, scratch: string, n: number): Promise<void> {
  if (fmt === 'aiff') return writeFile(path, encodeAiff(s.channels, s.sampleRate, { bitDepth: 16, metadata: meta }));
  if (fmt === 'wav16' || fmt === 'wav24' || fmt === 'wavf32') {
    const bitDepth = fmt === 'wav16' ? 16 : fmt === 'wav24' ? 24 : 32;
    return writeFile(path, encodeWav(s.channels, s.sampleRate, { bitDepth, float: fmt === 'wavf32', metadata: meta }));
  }
  const wav = join(scratch, `${n}.wav`);
  await writeFile(wav, encodeWav(s.channels, s.sampleRate, { bitDepth: 16 }));
  if (fmt === 'flac') await run('flac', ['-s', '-f', '-5', '-o', path, wav]);
  else if (fmt === 'mp3') await run('lame', ['--quiet', '-V', '4', wav, path]);
  else await run('oggenc', ['-Q', '-q', '4', '-o', path, wav]);
  await rm(wav, { force: true });
}

export async function writeSynthLibrary(dir: string, opts: WriteLibraryOptions): Promise<WrittenSample[]> {
  if (!Number.isInteger(opts.count) || opts.count < 0) throw new Error(`writeSynthLibrary: count must be a non-negative integer, got ${opts.count}`);
  const formats = opts.formats?.length ? opts.formats : (['wav24'] as SynthFileFormat[]);
  for (const f of formats) if (!(f in EXT)) throw new Error(`writeSynthLibrary: unknown format '${String(f)}' (expected ${Object.keys(EXT).join(', ')})`);
  for (const f of new Set(formats)) await checkTool(f);
  await mkdir(dir, { recursive: true });
  const scratch = await mkdtemp(join(tmpdir(), 'sonoteca-synth-'));
  const rng = new Rng(opts.seed);
  const messy = opts.folderStyle === 'messy';
  const used = new Set<string>();
  const out: WrittenSample[] = [];
  try {
    // Two files in flight: one encoding through an external tool while the next renders.
    let pending: Promise<void> | null = null;
    for (let i = 0; i < opts.count; i++) {
      const spec = randomSpec(rng.u32(), { categories: opts.categories, loopShare: opts.loopShare ?? 0.15 });
      if (opts.sampleRate) spec.sampleRate = opts.sampleRate;
      const s = synthesize(spec);
      const fmt = formats[i % formats.length];
      const folder = messy ? messyFolder(s, rng) : tidyFolder(s);
      const base = messy ? messyName(s, rng, i) : s.name;
      await mkdir(join(dir, folder), { recursive: true });
      let path = join(dir, folder, `${base}.${EXT[fmt]}`);
      for (let k = 2; used.has(path.toLowerCase()) || existsSync(path); k++) path = join(dir, folder, `${base} (${k}).${EXT[fmt]}`);
      used.add(path.toLowerCase());
      const meta = metadataFor(s, rng);
      if (pending) await pending;
      pending = encodeTo(path, fmt, s, meta, scratch, i);
      out.push({ path, category: s.category, kind: s.kind, bpm: s.bpm, midi: s.midi, key: s.key, subTags: s.subTags, format: fmt, seed: spec.seed });
    }
    if (pending) await pending;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return out;
}
