// Test helpers: a real store-backed library (indexing through the real scanner; analysis left to the caller) and
// a tiny WAV writer so fixtures are generated, never committed.
import { writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openLibraryDb } from '../../src/main/store/index.js';
import { encodeWav } from '../../src/main/encode/wav-writer.js';
import { indexRoot } from '../../src/main/scan/index-root.js';
import { TypedEmitter } from '../../src/main/core/events.js';
import type { LibraryEvents } from '../../src/main/core/library.js';
import type { LibraryLike } from '../../src/main/api/create-api.js';

export function openIndexOnlyLibrary(dir: string): LibraryLike & { close(): void } {
  const db = openLibraryDb(join(dir, 'library.sqlite'));
  const events = new TypedEmitter<LibraryEvents>();
  const lib = {
    db,
    events,
    dir,
    async addRoots(paths: string[]) {
      const refused = paths.filter((p) => !existsSync(p)).map((path) => ({ path, reason: `folder not found: ${path}` }));
      const added = paths.filter((p) => existsSync(p)).map((p) => db.roots.add(p));
      const reports = [];
      for (const root of added) reports.push(await indexRoot(db, root));
      reports.forEach((r) => events.emit('indexed', r));
      return { added, reports, refused };
    },
    async removeRoot(rootId: number) {
      db.roots.remove(rootId);
    },
    async scan() {
      const reports = [];
      for (const root of db.roots.list()) reports.push(await indexRoot(db, root));
      return reports;
    },
    analyse() {
      return Promise.resolve({} as never);
    },
    close() {
      db.close();
    },
  };
  return lib as unknown as LibraryLike & { close(): void };
}

/** 16-bit mono PCM WAV of a decaying sine. */
export function wavBytes(freq: number, seconds: number, sampleRate = 22050): Buffer {
  const n = Math.round(seconds * sampleRate);
  const pcm = new Float32Array(n);
  for (let i = 0; i < n; i++) pcm[i] = Math.sin((2 * Math.PI * freq * i) / sampleRate) * Math.exp((-3 * i) / n) * 0.8;
  return encodeWav([pcm], sampleRate, { bitDepth: 16 });
}

export async function writeWav(path: string, freq: number, seconds: number): Promise<Buffer> {
  const bytes = wavBytes(freq, seconds);
  await writeFile(path, bytes);
  return bytes;
}
