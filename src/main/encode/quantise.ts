// Float planar PCM to interleaved integer/float bytes, with optional TPDF dither for 16-bit; the inverse of the
// decoder's scaling so decode(encode(x)) returns x exactly when x is already on the quantisation grid.

export type PcmEncoding = { bitDepth: 8 | 16 | 24 | 32; float?: boolean; bigEndian?: boolean; dither?: boolean };

/** Small deterministic PRNG so dithered output is reproducible (tests, re-exports). */
function xorshift(seed: number): () => number {
  let s = seed >>> 0 || 0x9e3779b9;
  return () => {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return s / 0x100000000;
  };
}

export function bytesPerFrame(enc: PcmEncoding, channels: number): number {
  return (enc.float ? 4 : enc.bitDepth / 8) * channels;
}

/** Writes frames [from, from+frames) of `channels` interleaved into `out` at byte `at`. */
export function quantiseInto(channels: Float32Array[], from: number, frames: number, enc: PcmEncoding, out: Uint8Array, at: number, seed = 1): void {
  const ch = channels.length;
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const le = !enc.bigEndian;
  if (enc.float) {
    for (let i = 0; i < frames; i++) for (let c = 0; c < ch; c++) view.setFloat32(at + (i * ch + c) * 4, channels[c]![from + i]!, le);
    return;
  }
  const bits = enc.bitDepth;
  const scale = 2 ** (bits - 1);
  const max = scale - 1;
  const rnd = enc.dither && bits === 16 ? xorshift(seed) : null;
  const bps = bits / 8;
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < ch; c++) {
      const x = channels[c]![from + i]!;
      let v = x * scale + (rnd ? rnd() - rnd() : 0); // TPDF: ±1 LSB triangular
      v = Math.round(Number.isFinite(v) ? v : 0);
      if (v > max) v = max; else if (v < -scale) v = -scale;
      const p = at + (i * ch + c) * bps;
      if (bits === 8) out[p] = enc.bigEndian ? v & 0xff : v + 128; // WAV 8-bit is unsigned, AIFF signed
      else if (bits === 16) view.setInt16(p, v, le);
      else if (bits === 24) {
        if (le) { out[p] = v & 0xff; out[p + 1] = (v >> 8) & 0xff; out[p + 2] = (v >> 16) & 0xff; }
        else { out[p + 2] = v & 0xff; out[p + 1] = (v >> 8) & 0xff; out[p] = (v >> 16) & 0xff; }
      } else view.setInt32(p, v, le);
    }
  }
}
