// Builds a real-world-style folder for scan tests: good files of every supported format with musical content,
// plus the damaged and odd files real libraries contain. Returns what each file should become.
import { mkdirSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeWav } from '../../src/main/encode/wav-writer.js';
import { encodeAiff } from '../../src/main/encode/aiff-writer.js';
import { encodeWithTool, makeTruncatedCopy, makeZeroLength, makeTextFile, makeRandomFile } from './audio-fixtures.js';

export interface ExpectedFile {
  path: string;
  ok: boolean;
  format?: string;
  errorCode?: string;
}

const RATE = 44100;

/** A decaying tone with a click: tonal, pitched, a one-shot. */
export function pluckedTone(freq: number, seconds: number, rate = RATE, channels = 1): Float32Array[] {
  const n = Math.round(seconds * rate);
  const out = Array.from({ length: channels }, () => new Float32Array(n));
  for (let i = 0; i < n; i++) {
    const t = i / rate;
    const v = 0.6 * Math.exp(-t * 4) * (Math.sin(2 * Math.PI * freq * t) + 0.3 * Math.sin(4 * Math.PI * freq * t));
    for (const c of out) c[i] = v;
  }
  return out;
}

/** A kick-like hit: a falling sine sweep. */
export function kickHit(seconds = 0.5, rate = RATE, seed = 0): Float32Array[] {
  const n = Math.round(seconds * rate);
  const out = new Float32Array(n);
  let phase = 0;
  for (let i = 0; i < n; i++) {
    const t = i / rate;
    const f = 45 + 120 * Math.exp(-t * 30) + seed;
    phase += (2 * Math.PI * f) / rate;
    out[i] = 0.9 * Math.sin(phase) * Math.exp(-t * 7);
  }
  return [out];
}

export function buildMixedLibrary(dir: string): ExpectedFile[] {
  const files: ExpectedFile[] = [];
  const good = join(dir, 'Good Pack');
  const bad = join(dir, 'Broken – Ñandú');
  mkdirSync(good, { recursive: true });
  mkdirSync(bad, { recursive: true });
  const add = (path: string, bytes: Buffer | Uint8Array, format: string) => {
    writeFileSync(path, bytes);
    files.push({ path, ok: true, format });
  };
  add(join(good, 'Kick 16.wav'), encodeWav(kickHit(), RATE, { bitDepth: 16 }), 'wav');
  add(join(good, 'Pluck A4 24.wav'), encodeWav(pluckedTone(440, 1, RATE, 2), RATE, { bitDepth: 24 }), 'wav');
  add(join(good, 'Pluck C4 float.wav'), encodeWav(pluckedTone(261.63, 1, 48000), 48000, { bitDepth: 32, float: true }), 'wav');
  add(join(good, 'Bass.aif'), encodeAiff(pluckedTone(110, 1), RATE, { bitDepth: 16 }), 'aiff');
  const src = join(dir, 'source.wav');
  writeFileSync(src, encodeWav(pluckedTone(330, 1, RATE, 2), RATE, { bitDepth: 16 }));
  for (const fmt of ['flac', 'mp3', 'ogg'] as const) {
    const out = join(good, `Tone.${fmt}`);
    encodeWithTool(src, fmt, out);
    files.push({ path: out, ok: true, format: fmt });
  }
  // Damaged and odd files.
  const truncated = join(bad, 'truncated.wav');
  makeTruncatedCopy(join(good, 'Kick 16.wav'), truncated, 4096);
  files.push({ path: truncated, ok: false, errorCode: 'truncated' });
  const empty = join(bad, 'empty.wav');
  makeZeroLength(empty);
  files.push({ path: empty, ok: false, errorCode: 'empty' });
  const text = join(bad, 'notes.wav');
  makeTextFile(text);
  files.push({ path: text, ok: false, errorCode: 'unsupported' });
  const garbage = join(bad, 'garbage.flac');
  makeRandomFile(garbage, 3000);
  files.push({ path: garbage, ok: false });
  const misnamed = join(bad, 'really a wav.mp3');
  copyFileSync(join(good, 'Kick 16.wav'), misnamed);
  files.push({ path: misnamed, ok: true, format: 'wav' });
  writeFileSync(join(bad, 'readme.txt'), 'not audio');
  return files;
}
