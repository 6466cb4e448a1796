// Walks the chunks of a RIFF or IFF container (WAV, AIFF) without trusting sizes: every step moves forward, and
// a chunk that claims to run past the end is reported, not followed.
import type { ByteSource } from './byte-source.js';
import { fourCC, u32be, u32le } from './binary-text.js';

export interface Chunk {
  id: string;
  /** Byte offset of the chunk body. */
  offset: number;
  /** Declared body size, as written. */
  size: number;
}

function plausibleId(b: Uint8Array): boolean {
  if (b.length < 4) return false;
  for (let i = 0; i < 4; i++) if (b[i]! < 0x20 || b[i]! > 0x7e) return false;
  return true;
}

/**
 * Yields each chunk header from `start`. The visitor returns how many body bytes to skip (normally `size`, but the
 * WAV reader overrides it for open-ended data chunks). Stops at the end of the file or at bytes that are no chunk.
 */
export async function walkChunks(bytes: ByteSource, start: number, littleEndian: boolean, visit: (c: Chunk) => Promise<number | 'stop'>): Promise<void> {
  let p = start;
  for (let guard = 0; p + 8 <= bytes.size && guard < 100000; guard++) {
    const head = await bytes.read(p, 8);
    if (!plausibleId(head)) {
      // Some writers forget the pad byte after an odd-sized chunk; accept the chunk one byte earlier.
      const back = p > start ? await bytes.read(p - 1, 8) : null;
      if (back && plausibleId(back)) { p -= 1; continue; }
      return;
    }
    const id = fourCC(head, 0);
    const size = littleEndian ? u32le(head, 4) : u32be(head, 4);
    const skip = await visit({ id, offset: p + 8, size });
    if (skip === 'stop') return;
    p = p + 8 + skip + (skip & 1);
  }
}
