// Lets the embedding see the audio the analyzers already decode: wraps an AudioSource so each block is also
// mixed to mono into a buffer of the file's first seconds, at its own rate — the input the model expects, without
// decoding the file a second time.
import type { AudioSource } from '../decode/audio-source.js';

export interface MonoHead {
  mono: Float32Array;
  sampleRate: number;
}

export interface MonoHeadTap {
  source: AudioSource;
  /** The captured head so far (the whole head once the source was read to its end or past `seconds`). */
  head(): MonoHead;
}

export function tapMonoHead(source: AudioSource, seconds: number): MonoHeadTap {
  const sampleRate = source.info.sampleRate;
  const limit = Math.max(0, Math.ceil(seconds * sampleRate));
  // Grown as blocks arrive: a header's frame count can be missing or wrong, and short one-shots are the common case.
  const expected = source.info.frames ?? 0;
  let buf = new Float32Array(Math.min(limit, expected > 0 ? expected : 65536));
  let n = 0;
  const take = (block: Float32Array[]): void => {
    const len = Math.min(block[0]?.length ?? 0, limit - n);
    if (len <= 0) return;
    if (n + len > buf.length) {
      const grown = new Float32Array(Math.min(limit, Math.max(n + len, buf.length * 2)));
      grown.set(buf.subarray(0, n));
      buf = grown;
    }
    // Same channel average as decodeMonoHead, so vectors match whichever path made them.
    const c = block.length;
    for (const ch of block) for (let i = 0; i < len; i++) buf[n + i] += ch[i] / c;
    n += len;
  };
  const tapped: AudioSource = {
    path: source.path,
    info: source.info,
    metadata: source.metadata,
    async *blocks() {
      for await (const block of source.blocks()) {
        if (n < limit) take(block);
        yield block;
      }
    },
    close: () => source.close(),
  };
  return { source: tapped, head: () => ({ mono: buf.subarray(0, n), sampleRate }) };
}
