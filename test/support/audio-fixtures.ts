// Builds real audio files in a temp dir for tests: synthesized tones, WAV/AIFF via our encoders, FLAC/MP3/OGG via the
// command-line encoders, and deliberately damaged files. All synchronous so fixtures read like setup, not plumbing.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { encodeAiff } from '../../src/main/encode/aiff-writer.js';
import type { AiffEncodeOptions } from '../../src/main/encode/aiff-writer.js';
import { encodeWav } from '../../src/main/encode/wav-writer.js';
import type { WavEncodeOptions } from '../../src/main/encode/wav-writer.js';

/** A sine tone, amplitude 0.5 unless told. */
export function sine(freq: number, sec: number, rate: number, amp = 0.5): Float32Array {
  const n = Math.round(sec * rate);
  const out = new Float32Array(n);
  const w = (2 * Math.PI * freq) / rate;
  for (let i = 0; i < n; i++) out[i] = amp * Math.sin(w * i);
  return out;
}

export function writeWavFixture(path: string, channels: Float32Array[], sampleRate: number, opts: WavEncodeOptions = { bitDepth: 16 }): void {
  writeFileSync(path, encodeWav(channels, sampleRate, opts));
}

export function writeAiffFixture(path: string, channels: Float32Array[], sampleRate: number, opts: AiffEncodeOptions = { bitDepth: 16 }): void {
  writeFileSync(path, encodeAiff(channels, sampleRate, opts));
}

export interface ToolOptions {
  /** MP3 bitrate in kbps (lame -b). */
  bitrate?: number;
  /** Ogg Vorbis quality -1..10 (oggenc -q). */
  quality?: number;
  /** Tags as KEY=value: Vorbis comments for flac/ogg; for mp3 TITLE/ARTIST/GENRE/COMMENT map to lame options and
   *  any other key is written as an ID3v2 frame id (e.g. TBPM, TKEY). */
  tags?: Record<string, string>;
}

const TOOL_PACKAGE: Record<string, string> = { flac: 'flac', lame: 'lame', oggenc: 'vorbis-tools' };

function run(tool: string, args: string[]): void {
  const r = spawnSync(tool, args, { encoding: 'utf8' });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(`'${tool}' is not installed: install the Debian package '${TOOL_PACKAGE[tool]}' (apt-get install ${TOOL_PACKAGE[tool]})`);
  }
  if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed (exit ${r.status}): ${r.stderr}`);
}

const LAME_TEXT: Record<string, string> = { TITLE: '--tt', ARTIST: '--ta', ALBUM: '--tl', GENRE: '--tg', COMMENT: '--tc' };

/** Encodes a WAV with the standard CLI encoder (flac, lame, oggenc). Throws naming the apt package if it is missing. */
export function encodeWithTool(wavPath: string, format: 'flac' | 'mp3' | 'ogg', outPath: string, opts: ToolOptions = {}): void {
  const tags = Object.entries(opts.tags ?? {});
  if (format === 'flac') {
    run('flac', ['--silent', '--force', ...tags.map(([k, v]) => `--tag=${k}=${v}`), '-o', outPath, wavPath]);
  } else if (format === 'ogg') {
    run('oggenc', ['--quiet', '-q', String(opts.quality ?? 4), ...tags.flatMap(([k, v]) => ['-c', `${k}=${v}`]), '-o', outPath, wavPath]);
  } else {
    const tagArgs = tags.flatMap(([k, v]) => (LAME_TEXT[k.toUpperCase()] ? [LAME_TEXT[k.toUpperCase()]!, v] : ['--tv', `${k}=${v}`]));
    run('lame', ['--quiet', '-b', String(opts.bitrate ?? 128), ...(tags.length ? ['--add-id3v2'] : []), ...tagArgs, wavPath, outPath]);
  }
}

/** Copies the first `keepBytes` bytes of a good file: a download or copy cut short. */
export function makeTruncatedCopy(src: string, dst: string, keepBytes: number): void {
  writeFileSync(dst, readFileSync(src).subarray(0, keepBytes));
}

/** Overwrites the first `bytes` bytes of a copy with noise (a damaged header). */
export function makeGarbageHeader(src: string, dst: string, bytes = 16, seed = 7): void {
  const b = Buffer.from(readFileSync(src));
  b.set(randomBytes(Math.min(bytes, b.length), seed), 0);
  writeFileSync(dst, b);
}

/** Overwrites `length` bytes at `offset` of a copy with noise (mid-stream damage). */
export function makeGarbageMiddle(src: string, dst: string, offset: number, length: number, seed = 11): void {
  const b = Buffer.from(readFileSync(src));
  b.set(randomBytes(Math.min(length, b.length - offset), seed), offset);
  writeFileSync(dst, b);
}

export function makeZeroLength(path: string): void {
  writeFileSync(path, Buffer.alloc(0));
}

/** A text file with an audio extension, as users sometimes have. */
export function makeTextFile(path: string, text = 'Hello, this is not audio at all.\n'): void {
  writeFileSync(path, text, 'utf8');
}

/** Deterministic noise (not crypto): the same seed gives the same damaged file every run. */
export function randomBytes(n: number, seed = 1): Buffer {
  const b = Buffer.alloc(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    b[i] = s & 0xff;
  }
  return b;
}

/** Random bytes under an audio name (e.g. 'junk.flac'): must be refused, never decoded as noise. */
export function makeRandomFile(path: string, n = 8192, seed = 3): void {
  writeFileSync(path, randomBytes(n, seed));
}

/** Upward zero crossings per second: a robust frequency estimate for a clean sine after lossy coding. */
export function zeroCrossingHz(x: Float32Array, rate: number): number {
  let n = 0;
  for (let i = 1; i < x.length; i++) if (x[i - 1]! < 0 && x[i]! >= 0) n++;
  return n / (x.length / rate);
}
