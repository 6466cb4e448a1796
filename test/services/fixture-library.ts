// A small real library for the service tests: named kicks, snares, hats and keys notes with varied parameters,
// plus anonymous sounds and copies, written as real audio files and scanned + analysed into a temp library.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Library } from '../../src/main/core/library.js';
import { encodeWav } from '../../src/main/encode/wav-writer.js';
import { rng } from '../support/signals.js';

export const SR = 44100;

export function kickVar(i: number): Float32Array {
  const x = new Float32Array(Math.round((0.35 + 0.05 * (i % 4)) * SR));
  const f0 = 45 + 4 * (i % 5);
  const sweep = 90 + 15 * (i % 3);
  let phase = 0;
  for (let n = 0; n < x.length; n++) {
    const t = n / SR;
    phase += (2 * Math.PI * (f0 + sweep * Math.exp(-t * (25 + 3 * i)))) / SR;
    x[n] = 0.9 * Math.sin(phase) * Math.exp(-t * (7 + i % 4));
  }
  return x;
}

export function snareVar(i: number): Float32Array {
  const r = rng(100 + i);
  const x = new Float32Array(Math.round(0.3 * SR));
  const tone = 170 + 12 * (i % 5);
  for (let n = 0; n < x.length; n++) {
    const t = n / SR;
    x[n] = 0.6 * ((2 * r() - 1) * 0.75 * Math.exp(-t * (16 + i)) + 0.35 * Math.sin(2 * Math.PI * tone * t) * Math.exp(-t * 30));
  }
  return x;
}

export function hatVar(i: number): Float32Array {
  const r = rng(200 + i);
  const x = new Float32Array(Math.round((0.08 + 0.01 * (i % 3)) * SR));
  let prev = 0;
  for (let n = 0; n < x.length; n++) {
    const w = 2 * r() - 1;
    x[n] = 0.3 * (w - prev) * Math.exp((-n / SR) * (55 + 4 * i));
    prev = w;
  }
  return x;
}

export function keysVar(i: number): Float32Array {
  const hz = 220 * 2 ** ((i * 3) / 12);
  const x = new Float32Array(Math.round(1.2 * SR));
  for (let n = 0; n < x.length; n++) {
    const t = n / SR;
    let v = 0;
    for (let h = 1; h <= 6; h++) v += Math.sin(2 * Math.PI * hz * h * t) / (h * h);
    x[n] = 0.4 * v * Math.exp(-t * 2.5) * Math.min(1, t / 0.004);
  }
  return x;
}

export function writeWav(path: string, x: Float32Array): void {
  writeFileSync(path, encodeWav([x], SR, { bitDepth: 16 }));
}

export interface FixtureLibrary {
  dir: string;
  samples: string;
  library: Library;
  /** Path of each named file by role. */
  paths: Record<string, string>;
}

/** Named one-shots in pack folders (6 of each kind) plus the extra files given, scanned and analysed. */
export async function buildFixtureLibrary(extra: (samplesDir: string) => Record<string, string> = () => ({})): Promise<FixtureLibrary> {
  const dir = mkdtempSync(join(tmpdir(), 'sonoteca-services-'));
  const samples = join(dir, 'samples');
  const paths: Record<string, string> = {};
  const kinds: Array<[string, string, (i: number) => Float32Array]> = [
    ['Kicks', 'Kick', kickVar],
    ['Snares', 'Snare', snareVar],
    ['Hats', 'Closed Hat', hatVar],
    ['Keys', 'Piano', keysVar],
  ];
  for (const [folder, word, gen] of kinds) {
    mkdirSync(join(samples, folder), { recursive: true });
    for (let i = 0; i < 6; i++) {
      const p = join(samples, folder, `${word} ${String(i + 1).padStart(2, '0')}.wav`);
      writeWav(p, gen(i));
      paths[`${word.toLowerCase()}${i + 1}`] = p;
    }
  }
  mkdirSync(join(samples, 'Unsorted'), { recursive: true });
  Object.assign(paths, extra(join(samples, 'Unsorted')));
  const library = Library.open(join(dir, 'lib'));
  await library.addRoots([samples]);
  await library.analyse({ workers: 1 });
  return { dir, samples, library, paths };
}
