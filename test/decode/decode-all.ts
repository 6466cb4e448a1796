// Test helper: decodes a whole file into planar arrays, checking the block contract on the way.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_BLOCK_FRAMES } from '../../src/main/decode/audio-source.js';
import { openAudio } from '../../src/main/decode/open-audio.js';

export async function decodeAll(path: string) {
  const src = await openAudio(path);
  try {
    const parts: Float32Array[][] = [];
    let frames = 0;
    for await (const block of src.blocks()) {
      assert.equal(block.length, src.info.channels);
      assert.ok(block[0]!.length <= MAX_BLOCK_FRAMES);
      for (const c of block) assert.equal(c.length, block[0]!.length);
      parts.push(block);
      frames += block[0]!.length;
    }
    const channels = Array.from({ length: src.info.channels }, (_, c) => {
      const out = new Float32Array(frames);
      let o = 0;
      for (const p of parts) { out.set(p[c]!, o); o += p[c]!.length; }
      return out;
    });
    return { info: src.info, metadata: src.metadata, channels };
  } finally {
    await src.close();
  }
}

export function tempDir(): { dir: string; file: (name: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'sonoteca-decode-'));
  return { dir, file: (n) => join(dir, n), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function maxDiff(a: Float32Array, b: Float32Array): number {
  assert.equal(a.length, b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}
